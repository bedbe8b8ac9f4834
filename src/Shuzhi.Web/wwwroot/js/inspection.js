// Inspection sheets (实地考核): running sums as the user types; the server checks everything again.
(function () {
  "use strict";
  function num(v) { var n = parseFloat(String(v || "").trim()); return isNaN(n) ? 0 : n; }
  function fmt(n) { return String(Math.round(n * 10) / 10); }

  // Template page: the items' maxima against the total.
  document.querySelectorAll("form[data-sheet-template]").forEach(function (form) {
    var out = form.querySelector("[data-sheet-sum]");
    var total = form.querySelector("[data-sheet-total]");
    function update() {
      var sum = 0;
      form.querySelectorAll("[data-item-max]").forEach(function (el) {
        var card = el.closest("[data-item]");
        var removed = card && card.querySelector("input[type=checkbox][name$='.Remove']");
        if (!removed || !removed.checked) sum += num(el.value);
      });
      out.textContent = fmt(sum) + " / " + fmt(num(total.value));
      out.classList.toggle("text-danger", Math.abs(sum - num(total.value)) > 0.001);
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  });

  // Fill page: the running total of the points given.
  document.querySelectorAll("form[data-sheet-fill]").forEach(function (form) {
    var out = form.querySelector("[data-running-total]");
    function update() {
      var sum = 0;
      form.querySelectorAll("input[data-points]").forEach(function (el) { sum += Math.min(num(el.value), num(el.max)); });
      if (out) out.textContent = fmt(sum);
    }
    form.addEventListener("input", update);
    update();
  });

  // A button that locks something asks first: <button data-confirm-button="…">.
  document.querySelectorAll("button[data-confirm-button]").forEach(function (btn) {
    btn.addEventListener("click", function (e) {
      if (!window.confirm(btn.dataset.confirmButton)) e.preventDefault();
    });
  });
})();
