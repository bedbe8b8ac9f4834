// Report editor: live checks and autosave, both debounced, posted as the form itself (antiforgery token included).
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var list = document.getElementById("check-list");
  var total = document.getElementById("check-total");
  var status = document.getElementById("autosave-status");
  var checkUrl = form.dataset.checkUrl;
  var saveUrl = form.dataset.autosaveUrl;
  var checkTimer = null, saveTimer = null, dirty = false;

  function body() { return new URLSearchParams(new FormData(form)); }

  function post(url) {
    return fetch(url, { method: "POST", body: body(), credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (res) { return res.json().then(function (data) { return { ok: res.ok, data: data }; }); });
  }

  function render(data) {
    list.textContent = "";
    data.results.forEach(function (r) {
      var li = document.createElement("li");
      li.className = r.state;
      li.dataset.rule = r.rule;
      li.dataset.state = r.state;
      var label = document.createElement("span");
      label.className = "check-label";
      label.textContent = r.label;
      li.appendChild(label);
      li.appendChild(document.createTextNode(r.message));
      list.appendChild(li);
    });
    total.textContent = data.totalText;
  }

  function check() {
    post(checkUrl).then(function (r) {
      if (r.ok) render(r.data);
      else total.textContent = r.data.error || form.dataset.checkUnavailable;
    }).catch(function () { total.textContent = form.dataset.checkUnavailable; });
  }

  function autosave() {
    if (!saveUrl || !dirty) return;
    dirty = false;
    post(saveUrl).then(function (r) {
      status.textContent = r.ok ? r.data.message : (r.data.error || form.dataset.autosaveFailed);
    }).catch(function () { dirty = true; status.textContent = form.dataset.autosaveFailed; });
  }

  form.addEventListener("input", function (e) {
    if (e.target.tagName !== "TEXTAREA") return;
    dirty = true;
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 600);
    clearTimeout(saveTimer);
    saveTimer = setTimeout(autosave, 3000);
  });
})();
