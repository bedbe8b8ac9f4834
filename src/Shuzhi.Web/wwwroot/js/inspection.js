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
    // As the domain scores it: items + min(bonus, cap) − min(deductions, cap), never below 0.
    function group(selector) {
      var s = 0;
      form.querySelectorAll(selector).forEach(function (el) { s += Math.min(num(el.value), num(el.max)); });
      return s;
    }
    function update() {
      var bonus = Math.min(group("input[data-adjustment=Bonus]"), num(form.dataset.bonusCap));
      var deduction = Math.min(group("input[data-adjustment=Deduction]"), num(form.dataset.deductionCap));
      if (out) out.textContent = fmt(Math.max(0, group("input[data-points]") + bonus - deduction));
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
