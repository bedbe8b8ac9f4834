// 主持人大屏: the current speaker, the next one and a countdown of the track's speaking minutes.
// Without the script the page still works through ?n= links; with it, moving on needs no reload.
(function () {
  "use strict";
  var root = document.querySelector("[data-chair]");
  if (!root) return;
  var sections = Array.prototype.slice.call(root.querySelectorAll(".chair-speaker"));
  var clock = root.querySelector("[data-clock]");
  var startBtn = root.querySelector("[data-start]");
  var resetBtn = root.querySelector("[data-reset]");
  var prevBtn = root.querySelector("[data-prev]");
  var nextBtn = root.querySelector("[data-nextbtn]");
  var fullBtn = root.querySelector("[data-fullscreen]");
  if (!clock || sections.length === 0) return;
  var d = root.dataset;
  var current = parseInt(d.current, 10) || 0;
  var remaining = 0, limit = 0, timer = null, lastTick = 0;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(s) {
    var neg = s < 0; s = Math.abs(s);
    return (neg ? "-" : "") + pad(Math.floor(s / 60)) + ":" + pad(s % 60);
  }
  function render() {
    clock.classList.remove("is-warning", "is-over");
    if (!limit) { clock.textContent = format(-remaining).replace("-", ""); return; }
    clock.textContent = remaining > 0 ? format(remaining) : d.textTimeup + " " + format(remaining);
    if (remaining <= 0) clock.classList.add("is-over");
    else if (remaining <= 60) clock.classList.add("is-warning");
  }
  function stop() {
    if (timer) { clearInterval(timer); timer = null; }
    startBtn.textContent = d.textStart;
    startBtn.classList.replace("btn-warning", "btn-success");
  }
  function tick() {
    var now = Date.now();
    var whole = Math.floor((now - lastTick) / 1000);
    if (whole > 0) { remaining -= whole; lastTick += whole * 1000; render(); }
  }
  function start() {
    lastTick = Date.now();
    timer = setInterval(tick, 250);
    startBtn.textContent = d.textPause;
    startBtn.classList.replace("btn-success", "btn-warning");
  }
  function show(i) {
    stop();
    current = Math.max(0, Math.min(sections.length - 1, i));
    sections.forEach(function (s, k) { s.hidden = k !== current; });
    limit = parseInt(sections[current].dataset.seconds, 10) || 0;
    // Without a limit the clock counts up from zero (remaining goes negative).
    remaining = limit;
    render();
    prevBtn.setAttribute("aria-disabled", current === 0 ? "true" : "false");
    nextBtn.setAttribute("aria-disabled", current === sections.length - 1 ? "true" : "false");
    prevBtn.href = "?n=" + current;
    nextBtn.href = "?n=" + (current + 2);
    if (window.history && history.replaceState) history.replaceState(null, "", "?n=" + (current + 1));
  }

  startBtn.hidden = false;
  resetBtn.hidden = false;
  startBtn.addEventListener("click", function () { if (timer) stop(); else start(); });
  resetBtn.addEventListener("click", function () { show(current); });
  prevBtn.addEventListener("click", function (e) { e.preventDefault(); if (current > 0) show(current - 1); });
  nextBtn.addEventListener("click", function (e) { e.preventDefault(); if (current < sections.length - 1) show(current + 1); });
  document.addEventListener("keydown", function (e) {
    if (e.target && /INPUT|TEXTAREA|SELECT/.test(e.target.tagName)) return;
    if (e.key === " ") { e.preventDefault(); startBtn.click(); }
    else if (e.key === "ArrowRight" || e.key === "PageDown") { e.preventDefault(); nextBtn.click(); }
    else if (e.key === "ArrowLeft" || e.key === "PageUp") { e.preventDefault(); prevBtn.click(); }
  });
  if (fullBtn && document.documentElement.requestFullscreen) {
    fullBtn.hidden = false;
    fullBtn.addEventListener("click", function () {
      if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen();
    });
  }
  show(current);
})();
