// 综合评价: the quota indicator follows the grade selectors live; a grade different from the proposal needs a reason.
// The server checks both again (docs/scoring.md §6–8).
(function () {
  "use strict";
  var box = document.getElementById("quota");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-final]"));
  if (!box || selects.length === 0) return;
  var GOOD = "1", AVERAGE = "3", POOR = "4";
  var required = parseInt(box.dataset.required, 10) || 0;
  var requireAverage = box.dataset.requireAverage === "true";
  var form = document.getElementById("grades-form");
  var quotaReason = document.getElementById("QuotaReason");

  function reasonFor(sel) { return document.querySelector("input[data-reason-for='" + sel.dataset.final + "']"); }

  function feedback(input) {
    var fb = input.parentElement.querySelector(".invalid-feedback");
    if (!fb) { fb = document.createElement("div"); fb.className = "invalid-feedback"; input.insertAdjacentElement("afterend", fb); }
    return fb;
  }

  function checkReason(sel) {
    var input = reasonFor(sel);
    if (!input) return true;
    var changed = sel.value !== sel.dataset.proposed;
    input.required = changed;
    var bad = changed && input.value.trim() === "";
    input.classList.toggle("is-invalid", bad);
    feedback(input).textContent = bad ? input.dataset.msgRequired : "";
    return !bad;
  }

  function update() {
    var below = 0, averageOrPoor = false, goods = [];
    selects.forEach(function (s) {
      if (s.value !== GOOD) below++; else goods.push(s);
      if (s.value === AVERAGE || s.value === POOR) averageOrPoor = true;
    });
    var more = Math.max(0, required - below);
    var averageMissing = requireAverage && selects.length > 0 && !averageOrPoor;
    var holds = more === 0 && !averageMissing;
    // The lowest-ranked 好: as many as needed (at least one), plus those tied with the last of them.
    goods.sort(function (a, b) {
      var ra = parseInt(a.dataset.campaignRank || "0", 10), rb = parseInt(b.dataset.campaignRank || "0", 10);
      return rb - ra || parseInt(a.dataset.final, 10) - parseInt(b.dataset.final, 10);
    });
    var take = Math.max(more, 1), chosen = goods.slice(0, take);
    if (chosen.length > 0) {
      var last = chosen[chosen.length - 1].dataset.campaignRank;
      goods.slice(take).forEach(function (g) { if (last && g.dataset.campaignRank === last) chosen.push(g); });
    }
    var ids = chosen.map(function (s) { return s.dataset.final; });
    document.querySelectorAll("tr[data-row]").forEach(function (tr) {
      var on = ids.indexOf(tr.dataset.row) >= 0;
      tr.classList.toggle("table-warning", on);
      var badge = tr.querySelector("[data-candidate]");
      if (badge) badge.hidden = !on;
    });
    box.querySelector("[data-quota-below]").textContent = below;
    var state = box.querySelector("[data-quota-state]");
    state.textContent = holds ? box.dataset.textHolds : box.dataset.textFails;
    state.className = "badge " + (holds ? "text-bg-success" : "text-bg-danger");
    box.classList.toggle("border-success", holds);
    box.classList.toggle("border-danger", !holds);
    var avg = box.querySelector("[data-quota-average]");
    if (avg) avg.textContent = averageMissing ? box.dataset.textNo : box.dataset.textYes;
    box.querySelector("[data-quota-candidates]").textContent = chosen.map(function (s) { return s.dataset.name; }).join("、");
    if (quotaReason) quotaReason.required = !holds;
  }

  selects.forEach(function (s) {
    s.addEventListener("change", function () { checkReason(s); update(); });
    var input = reasonFor(s);
    if (input) input.addEventListener("input", function () { checkReason(s); });
  });
  if (form) {
    form.addEventListener("submit", function (e) {
      var ok = true, first = null;
      selects.forEach(function (s) { if (!checkReason(s)) { ok = false; if (!first) first = reasonFor(s); } });
      if (!ok) { e.preventDefault(); first.focus(); }
    });
  }
  update();
})();
