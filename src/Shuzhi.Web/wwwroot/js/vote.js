// 现场测评: the voter's phone. No framework, works in WeChat's built-in browser.
// The code comes from the URL fragment (/v#CODE, never sent to the server) or is typed; it is posted only in a JSON body.
(function () {
  "use strict";
  var root = document.getElementById("vote");
  if (!root) return;
  var msg = root.dataset;
  var code = "";
  var sheet = null;

  function $(id) { return document.getElementById(id); }
  function fmt(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/\{(\d+)\}/g, function (_, i) { return String(args[+i]); });
  }
  function show(step) {
    ["code-step", "loading-step", "sheet-step", "confirm-step", "done-step"].forEach(function (id) { $(id).hidden = id !== step; });
    window.scrollTo(0, 0);
  }
  function error(id, text) {
    var el = $(id);
    el.textContent = text || "";
    el.hidden = !text;
  }
  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body)
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) { return { status: res.status, data: data }; });
    });
  }
  // The Chinese message of a refusal: {message} (409) or problem details with errors (422).
  function refusal(data) {
    if (data && data.message) return data.message;
    if (data && data.errors) { for (var k in data.errors) { if (data.errors[k] && data.errors[k].length) return data.errors[k][0]; } }
    return (data && data.title) || msg.msgNetwork;
  }

  // ---- step 1: the code ----
  function start(typed) {
    code = typed;
    error("code-error", "");
    show("loading-step");
    post("/vote/api/sheet", { code: code }).then(function (r) {
      if (r.status === 200) { sheet = r.data; render(); show("sheet-step"); return; }
      $("code").value = code;
      error("code-error", refusal(r.data));
      show("code-step");
    }, function () {
      $("code").value = code;
      error("code-error", msg.msgNetwork);
      show("code-step");
    });
  }

  $("code-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var typed = $("code").value.trim();
    if (!typed) { error("code-error", msg.msgCodeRequired); $("code").focus(); return; }
    start(typed);
  });

  // ---- step 2: the ballot ----
  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined && text !== null) n.textContent = text;
    return n;
  }

  function render() {
    $("meeting").textContent = sheet.meetingTitle;
    $("category").textContent = sheet.category;
    $("rehearsal").hidden = !sheet.rehearsal;
    $("rule").textContent = fmt(msg.msgRule, sheet.minMarked, sheet.speakers.length);
    var list = $("speakers");
    list.textContent = "";
    sheet.speakers.forEach(function (s, i) {
      var li = el("li", "speaker");
      li.dataset.reporter = s.reporterId;
      var head = el("div", "who");
      head.appendChild(el("span", "no", (i + 1) + "."));
      head.appendChild(el("span", "org", s.organization));
      if (s.person) head.appendChild(el("span", "person", s.person));
      li.appendChild(head);
      li.appendChild(el("div", "track", s.track));
      if (s.form === "Grade") {
        var group = el("div", "grades");
        group.setAttribute("role", "radiogroup");
        s.grades.forEach(function (g, j) {
          var id = "g" + s.reporterId + "-" + j;
          var input = el("input");
          input.type = "radio"; input.name = "r" + s.reporterId; input.value = g.label; input.id = id;
          var label = el("label", "grade", g.label);
          label.htmlFor = id;
          group.appendChild(input);
          group.appendChild(label);
        });
        var clear = el("button", "clear", msg.msgClear);
        clear.type = "button";
        clear.addEventListener("click", function () {
          group.querySelectorAll("input").forEach(function (r) { r.checked = false; });
          update();
        });
        group.appendChild(clear);
        li.appendChild(group);
      } else {
        var dims = el("div", "dims");
        s.dimensions.forEach(function (d, j) {
          var id = "d" + s.reporterId + "-" + j;
          var wrap = el("div", "dim");
          var label = el("label", null, d.label + "（0–" + d.max + msg.msgPoints + "）");
          label.htmlFor = id;
          var input = el("input", "points");
          input.type = "text"; input.inputMode = "decimal"; input.id = id; input.autocomplete = "off";
          input.dataset.max = d.max; input.dataset.label = d.label;
          wrap.appendChild(label);
          wrap.appendChild(input);
          dims.appendChild(wrap);
        });
        li.appendChild(dims);
      }
      list.appendChild(li);
    });
    update();
  }

  function markOf(s, li) {
    if (s.form === "Grade") {
      var checked = li.querySelector("input:checked");
      return checked ? { mark: { reporterId: s.reporterId, grade: checked.value } } : { mark: null };
    }
    var inputs = li.querySelectorAll("input.points");
    var values = [], filled = 0, bad = null;
    inputs.forEach(function (input) {
      var v = input.value.trim().replace(/[０-９．]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
      if (v === "") { values.push(null); return; }
      filled++;
      var n = Number(v);
      if (!/^\d+(\.\d)?$/.test(v) || n > +input.dataset.max) { bad = bad || fmt(msg.msgRange, s.organization, input.dataset.label, input.dataset.max); values.push(null); return; }
      values.push(n);
    });
    if (bad) return { error: bad };
    if (filled === 0) return { mark: null };
    if (filled < inputs.length) return { error: fmt(msg.msgNeedAll, s.organization) };
    return { mark: { reporterId: s.reporterId, points: values } };
  }

  function collect() {
    var marks = [], errors = [];
    var items = $("speakers").children;
    sheet.speakers.forEach(function (s, i) {
      var r = markOf(s, items[i]);
      items[i].classList.toggle("invalid", !!r.error);
      if (r.error) errors.push(r.error);
      else if (r.mark) marks.push(r.mark);
      items[i].classList.toggle("marked", !!r.mark);
    });
    return { marks: marks, errors: errors };
  }

  function update() {
    var c = collect();
    $("counter").textContent = c.marks.length + " / " + sheet.speakers.length;
    return c;
  }

  $("speakers").addEventListener("change", update);
  $("speakers").addEventListener("input", update);

  var pending = null;
  $("review").addEventListener("click", function () {
    var c = update();
    if (c.errors.length) { error("sheet-error", c.errors[0]); return; }
    if (c.marks.length < sheet.minMarked || (c.marks.length === 0 && sheet.blankInvalid)) {
      error("sheet-error", fmt(msg.msgTooFew, Math.max(sheet.minMarked, 1), sheet.speakers.length, c.marks.length));
      return;
    }
    error("sheet-error", "");
    pending = c.marks;
    $("confirm-text").textContent = fmt(msg.msgConfirm, c.marks.length, sheet.speakers.length);
    error("confirm-error", "");
    show("confirm-step");
  });

  // ---- step 3: confirm and send ----
  $("confirm-back").addEventListener("click", function () { show("sheet-step"); });
  $("confirm-yes").addEventListener("click", function () {
    var yes = $("confirm-yes");
    yes.disabled = true;
    yes.textContent = msg.msgSending;
    post("/vote/api/cast", { code: code, marks: pending }).then(function (r) {
      yes.disabled = false;
      if (r.status === 200) {
        // Nothing of the ballot stays on the screen.
        code = ""; sheet = null; pending = null;
        $("speakers").textContent = "";
        show("done-step");
        return;
      }
      error("confirm-error", refusal(r.data));
    }, function () {
      yes.disabled = false;
      error("confirm-error", msg.msgNetwork);
    }).then(function () { yes.textContent = yes.dataset.label; });
  });
  $("confirm-yes").dataset.label = $("confirm-yes").textContent;

  // ---- the code from the fragment ----
  var fromHash = decodeURIComponent((window.location.hash || "").replace(/^#/, ""));
  if (fromHash) {
    // Out of the address bar (and so out of a shared screenshot or the history) at once.
    try { history.replaceState(null, "", window.location.pathname); } catch (e) { /* old browsers: the fragment stays */ }
    start(fromHash);
  } else {
    show("code-step");
  }
})();
