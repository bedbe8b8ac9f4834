// Results pages: the print button of a feedback letter or bulletin (no inline handlers under the CSP).
(function () {
  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });
})();
