// Track editor (层面): live sum of the component weights (must be 100) and of the dimension
// points (must equal the ballot total); shows the ballot and speaking-time sections that apply.
// The server checks everything again.
(function () {
  "use strict";
  var form = document.getElementById("track-form");
  if (!form) return;

  function num(el) { var v = parseInt(el.value, 10); return isNaN(v) ? 0 : v; }
  function fmt(tpl, a, b) { return tpl.replace("{0}", a).replace("{1}", b); }

  var weightLine = document.getElementById("weight-sum");
  function weights() {
    var sum = 0;
    form.querySelectorAll(".component-row").forEach(function (row) {
      var use = row.querySelector(".comp-use"), w = row.querySelector(".comp-weight");
      w.disabled = !use.checked;
      if (use.checked) sum += num(w);
    });
    weightLine.querySelector(".sum-value").textContent = sum;
    var ok = sum === 100;
    weightLine.classList.toggle("text-danger", !ok);
    weightLine.classList.toggle("text-success", ok);
    weightLine.dataset.error = ok ? "" : fmt(form.dataset.msgSum, sum);
    weightLine.title = weightLine.dataset.error;
    return ok;
  }

  var dimLine = document.getElementById("dimension-sum");
  var total = document.getElementById("total");
  function dimensions() {
    var sum = 0;
    form.querySelectorAll(".dim-points").forEach(function (el) { sum += num(el); });
    var t = num(total);
    dimLine.querySelector(".sum-value").textContent = sum + " / " + t;
    var ok = sum === t;
    dimLine.classList.toggle("text-danger", !ok);
    dimLine.classList.toggle("text-success", ok);
    dimLine.dataset.error = ok ? "" : fmt(form.dataset.msgDims, sum, t);
    return ok;
  }

  function clearErrors() {
    if (weightLine.dataset.error === "" && dimLine.dataset.error === "") document.getElementById("client-errors").innerHTML = "";
  }

  function sections() {
    var kind = form.querySelector(".ballot-radio:checked");
    var dim = kind && kind.value === "Dimension";
    document.getElementById("grade-section").hidden = dim;
    document.getElementById("dimension-section").hidden = !dim;
    var mode = form.querySelector(".mode-radio:checked");
    document.getElementById("onsite-section").hidden = mode && mode.value === "Written";
  }

  form.addEventListener("input", function () { weights(); dimensions(); clearErrors(); });
  form.addEventListener("change", function () { weights(); dimensions(); sections(); });
  form.addEventListener("submit", function (e) {
    var dimKind = form.querySelector(".ballot-radio:checked");
    var problems = [];
    if (!weights()) problems.push(weightLine.dataset.error);
    if (dimKind && dimKind.value === "Dimension" && !dimensions()) problems.push(dimLine.dataset.error);
    if (problems.length) {
      e.preventDefault();
      var box = document.getElementById("client-errors");
      box.innerHTML = "";
      var ul = document.createElement("ul");
      problems.forEach(function (p) { var li = document.createElement("li"); li.textContent = p; ul.appendChild(li); });
      box.appendChild(ul);
      weightLine.scrollIntoView({ block: "center" });
    }
  });
  weights(); dimensions(); sections();
})();
