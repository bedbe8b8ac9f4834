// 现场测评大屏: turnout pushed by server-sent events; a change of state (opened, closed, results shown) reloads the page.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board) return;

  // The results toggle asks first (the board has no site.js).
  board.querySelectorAll("form[data-confirm-step]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirmText)) e.preventDefault();
    });
  });

  if (!window.EventSource) return;
  var live = document.getElementById("live");
  var source = new EventSource(board.dataset.stream);
  source.onopen = function () { live.hidden = false; };
  source.onerror = function () { live.hidden = true; }; // EventSource reconnects by itself
  source.onmessage = function (e) {
    var t;
    try { t = JSON.parse(e.data); } catch (err) { return; }
    if (t.state !== board.dataset.state || String(t.resultsShown) !== board.dataset.resultsShown) {
      source.close();
      window.location.reload();
      return;
    }
    board.querySelector("[data-total-received]").textContent = t.received;
    board.querySelector("[data-total-issued]").textContent = t.issued;
    t.categories.forEach(function (c) {
      var row = board.querySelector("tr[data-category='" + c.categoryId + "']");
      if (!row) return;
      row.querySelector("[data-received]").textContent = c.received;
      row.querySelector("[data-issued]").textContent = c.issued;
      var bar = row.querySelector("progress");
      var max = Math.max(c.issued, 1);
      bar.max = max;
      bar.value = Math.min(c.received, max);
    });
  };
})();
