// 述职评议考核系统: progressive enhancement only; every page works without it.
(function () {
  "use strict";

  // Inline validation as the user types, with the Chinese messages carried on the fields
  // (data-msg-required, data-msg-pattern, data-msg-range, data-msg-length). The server checks again.
  function message(el) {
    var v = el.validity, d = el.dataset;
    if (v.valueMissing) return d.msgRequired || "此项必填。";
    if (v.patternMismatch) return d.msgPattern || "格式不正确。";
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) return d.msgRange || "数值超出范围。";
    if (v.tooShort || v.tooLong) return d.msgLength || "长度不符合要求。";
    if (v.typeMismatch || v.badInput) return d.msgType || "格式不正确。";
    return "";
  }
  function feedbackFor(el) {
    var fb = el.parentElement.querySelector(".invalid-feedback[data-for='" + el.name + "']");
    if (!fb) {
      fb = document.createElement("div");
      fb.className = "invalid-feedback";
      fb.setAttribute("data-for", el.name);
      el.insertAdjacentElement("afterend", fb);
    }
    return fb;
  }
  function check(el) {
    var msg = message(el);
    el.setCustomValidity("");
    el.classList.toggle("is-invalid", msg !== "");
    feedbackFor(el).textContent = msg;
    return msg === "";
  }
  document.querySelectorAll("form[data-validate]").forEach(function (form) {
    var fields = form.querySelectorAll("input[name], select[name], textarea[name]");
    fields.forEach(function (el) {
      el.addEventListener("input", function () { check(el); });
      el.addEventListener("blur", function () { check(el); });
    });
    form.setAttribute("novalidate", "novalidate");
    form.addEventListener("submit", function (e) {
      if (e.submitter && e.submitter.formNoValidate) return; // e.g. "save draft" beside "submit"
      var ok = true;
      fields.forEach(function (el) { if (!check(el)) ok = false; });
      if (!ok) { e.preventDefault(); var first = form.querySelector(".is-invalid"); if (first) first.focus(); }
    });
  });

  // Destructive actions ask first: <form data-confirm="…">, or one button of a form: <button data-confirm="…">.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (e) {
      if (!window.confirm(form.dataset.confirm)) e.preventDefault();
    });
  });
  document.addEventListener("submit", function (e) {
    var b = e.submitter;
    if (!e.defaultPrevented && b && b.dataset.confirm && !window.confirm(b.dataset.confirm)) e.preventDefault();
  });

  // Organization tree: children are fetched when a node is opened.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest(".tree .toggle");
    if (!btn) return;
    var li = btn.closest("li");
    var open = btn.getAttribute("aria-expanded") === "true";
    var sub = li.querySelector(":scope > ul");
    if (open) { btn.setAttribute("aria-expanded", "false"); if (sub) sub.hidden = true; return; }
    btn.setAttribute("aria-expanded", "true");
    if (sub) { sub.hidden = false; return; }
    fetch(btn.dataset.src, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { li.insertAdjacentHTML("beforeend", html); })
      .catch(function () { btn.setAttribute("aria-expanded", "false"); });
  });

  // Organization pickers: <input data-org-lookup list="…"> suggests by code or name.
  document.querySelectorAll("input[data-org-lookup]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 1) return;
      timer = setTimeout(function () {
        fetch("/Organizations?handler=Lookup&q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) {
            list.innerHTML = "";
            items.forEach(function (o) {
              var opt = document.createElement("option");
              opt.value = o.code;
              opt.textContent = o.name;
              list.appendChild(opt);
            });
          });
      }, 200);
    });
  });
})();

// Buttons of long-running forms say what is happening and cannot be pressed twice.
document.querySelectorAll("button[data-busy-text]").forEach(function (btn) {
  btn.form.addEventListener("submit", function (e) {
    if (e.defaultPrevented) return;
    setTimeout(function () { btn.disabled = true; btn.textContent = btn.dataset.busyText; }, 0);
  });
});
