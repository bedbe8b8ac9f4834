// Score sheets (交叉检查互评, direct-score kinds): the running total as the domain computes it
// (SheetTemplate.Score: Σ items + min(Σ bonus, cap) − min(Σ deductions, cap), floored at 0; a triggered veto
// caps the grade). A mirror only: the server computes and checks everything again.
(function () {
  "use strict";
  function num(v) { var n = parseFloat(String(v || "").trim()); return isNaN(n) ? 0 : n; }
  function fmt(n) { return String(Math.round(n * 10) / 10); }
  function sum(form, selector) {
    var s = 0;
    form.querySelectorAll(selector).forEach(function (el) { s += Math.max(0, Math.min(num(el.value), num(el.max))); });
    return s;
  }
  var order = ["好", "较好", "一般", "差"];

  document.querySelectorAll("form[data-sheet-form]").forEach(function (form) {
    var out = form.querySelector("[data-running-total]");
    var forced = form.querySelector("[data-forced-grade]");
    var bonusCap = num(form.dataset.bonusCap), deductionCap = num(form.dataset.deductionCap);
    function update() {
      var total = sum(form, "input[data-points]") + Math.min(sum(form, "input[data-bonus]"), bonusCap) - Math.min(sum(form, "input[data-deduction]"), deductionCap);
      if (out) out.textContent = fmt(Math.max(0, total));
      var worst = -1;
      form.querySelectorAll("input[data-veto]:checked").forEach(function (el) { worst = Math.max(worst, order.indexOf(el.dataset.grade)); });
      if (forced) forced.textContent = worst >= 0 ? "一票否决：等次最高为“" + order[worst] + "”" : "";
      var direct = form.querySelector("input[data-mode][value=direct]");
      var isDirect = direct ? direct.checked : false;
      var dp = form.querySelector("[data-direct-part]"), tp = form.querySelector("[data-template-part]");
      if (dp) dp.hidden = !isDirect && !!form.querySelector("input[data-mode][value=template]");
      if (tp) tp.hidden = isDirect;
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  });

  document.querySelectorAll("button[data-confirm-button]").forEach(function (btn) {
    btn.addEventListener("click", function (e) {
      if (!window.confirm(btn.dataset.confirmButton)) e.preventDefault();
    });
  });
})();
