// Campaign forms: the timeline's default dates follow the dates they depend on (seed 002: the
// rectification plan one month after the meeting, the upward report 15 days after the end) until
// the user sets them; each date may not be earlier than the one before it (checked again on the server).
(function () {
  "use strict";
  function parse(v) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v || ""); return m ? { y: +m[1], m: +m[2], d: +m[3] } : null; }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function fmt(x) { return x.y + "-" + pad(x.m) + "-" + pad(x.d); }
  function daysIn(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  // Like .NET DateOnly.AddMonths: the day is clamped to the end of the month.
  function addMonths(x, n) { var t = x.y * 12 + (x.m - 1) + n, y = Math.floor(t / 12), m = t % 12 + 1; return { y: y, m: m, d: Math.min(x.d, daysIn(y, m)) }; }
  function addDays(x, n) { var dt = new Date(Date.UTC(x.y, x.m - 1, x.d + n)); return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() }; }

  document.querySelectorAll("[data-timeline]").forEach(function (box) {
    var form = box.closest("form");
    function field(role) { return box.querySelector("[data-role='" + role + "']"); }
    var touched = {};
    // A deadline already set apart from its default (saved earlier) counts as the user's choice.
    (function () {
      var meeting = parse(field("meeting").value), end = parse(field("end").value);
      var rect = field("rectification"), up = field("upward");
      if (meeting && rect.value && rect.value !== fmt(addMonths(meeting, 1))) touched.rectification = true;
      if (end && up.value && up.value !== fmt(addDays(end, 15))) touched.upward = true;
    })();
    box.querySelectorAll("input[type=date]").forEach(function (el) {
      el.addEventListener("input", function () { touched[el.dataset.role] = true; recompute(); });
    });
    function setIfUntouched(role, value) {
      var el = field(role);
      if (el && !touched[role] && value) { el.value = fmt(value); }
    }
    function recompute() {
      var meeting = parse(field("meeting").value), end = parse(field("end").value);
      if (meeting) setIfUntouched("rectification", addMonths(meeting, 1));
      if (end) setIfUntouched("upward", addDays(end, 15));
      box.querySelectorAll("input[data-after]").forEach(function (el) {
        var before = document.getElementById(el.dataset.after);
        el.min = before && before.value ? before.value : "";
        if (el.value) { el.dispatchEvent(new Event("blur")); }
      });
    }
    // The year on the create form: the usual year-end to mid-January shape (CampaignTimeline.Default).
    var year = form && form.querySelector("[data-campaign-year]");
    if (year) {
      year.addEventListener("input", function () {
        var y = parseInt(year.value, 10);
        if (!(y >= 2000 && y <= 2100)) return;
        var defaults = { start: { y: y, m: 12, d: 1 }, report: { y: y + 1, m: 1, d: 5 }, review: { y: y + 1, m: 1, d: 10 },
          meeting: { y: y + 1, m: 1, d: 15 }, end: { y: y + 1, m: 1, d: 31 }, feedback: { y: y + 1, m: 2, d: 10 } };
        Object.keys(defaults).forEach(function (r) { setIfUntouched(r, defaults[r]); });
        recompute();
      });
    }
    recompute();
  });
})();
