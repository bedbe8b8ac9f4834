// Dashboard charts (Pages/Dashboard): draws each chart from the numbers embedded as JSON by the page, which also
// shows them as tables; changing a filter reloads the page with it.
(function () {
    'use strict';
    document.querySelectorAll('[data-autosubmit]').forEach(function (s) {
        s.addEventListener('change', function () { if (s.form) s.form.submit(); });
    });
    var filters = document.querySelector('[data-filters]');
    if (filters) filters.setAttribute('data-ready', 'true');

    var data = document.getElementById('dashboard-data');
    if (!data || typeof echarts === 'undefined') return;
    var charts = JSON.parse(data.textContent || '[]');
    var colors = ['#2e7d32', '#1565c0', '#f9a825', '#b71c1c', '#6a1b9a', '#00838f'];
    var drawn = [];

    charts.forEach(function (c) {
        var el = document.querySelector('[data-chart="' + c.id + '"]');
        if (!el) return;
        var stacked = c.type === 'stack';
        // Rates (hundredths of a percent) go on a second axis in percent beside the counts.
        var rates = c.series.some(function (s) { return s.hundredths; });
        var chart = echarts.init(el, null, { renderer: 'canvas' });
        chart.setOption({
            color: colors,
            animation: false,
            // Rich-text tooltips are drawn on the canvas: the HTML ones carry inline styles the CSP refuses.
            tooltip: { trigger: 'axis', renderMode: 'richText' },
            legend: { top: 0, type: 'scroll' },
            grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
            xAxis: { type: 'category', data: c.labels, axisLabel: { interval: 0, hideOverlap: true, overflow: 'truncate', width: 96 } },
            yAxis: rates
                ? [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } }]
                : { type: 'value', minInterval: 1 },
            series: c.series.map(function (s) {
                return {
                    name: s.name, type: 'bar', stack: stacked ? 'total' : undefined,
                    data: s.hundredths ? s.values.map(function (v) { return v / 100; }) : s.values,
                    yAxisIndex: s.hundredths ? 1 : 0,
                    label: { show: !stacked, position: 'top' }
                };
            })
        });
        el.setAttribute('data-rendered', 'true');
        drawn.push(chart);
    });

    window.addEventListener('resize', function () { drawn.forEach(function (ch) { ch.resize(); }); });

})();
