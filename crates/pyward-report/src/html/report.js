(function () {
  "use strict";
  var table = document.getElementById("ft");
  if (!table) return;
  var $ = function (id) { return document.getElementById(id); };
  var path = $("f-path"), area = $("f-area"), sev = $("f-sev"), rule = $("f-rule"),
    sort = $("f-sort"), count = $("count"), none = $("none");
  var rows = [];
  var bodies = table.tBodies;
  for (var i = 0; i < bodies.length; i++) {
    var b = bodies[i], d = b.dataset;
    rows.push({ el: b, area: d.area, sev: +d.sev, rule: d.rule, path: d.path,
      lower: d.path.toLowerCase(), line: +d.line, i: +d.i });
  }
  var total = rows.length;
  var docs = {};
  var templates = document.querySelectorAll("template[data-rule]");
  for (var t = 0; t < templates.length; t++) {
    docs[templates[t].getAttribute("data-rule")] = templates[t];
  }
  function plural(n) { return n === 1 ? " finding" : " findings"; }
  function apply() {
    var q = path.value.trim().toLowerCase(), a = area.value, r = rule.value;
    var s = sev.value === "" ? -1 : +sev.value, shown = 0;
    for (var k = 0; k < total; k++) {
      var x = rows[k];
      var ok = (!a || x.area === a) && x.sev >= s && (!r || x.rule === r) &&
        (!q || x.lower.indexOf(q) !== -1);
      if (x.el.hidden === ok) x.el.hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = shown === total ? total + plural(total)
      : shown + " of " + total + plural(total);
    none.hidden = shown !== 0;
    return shown;
  }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  var orders = {
    severity: function (a, b) { return b.sev - a.sev || a.i - b.i; },
    rule: function (a, b) { return cmp(a.rule, b.rule) || b.sev - a.sev || a.i - b.i; },
    file: function (a, b) { return cmp(a.path, b.path) || a.line - b.line || a.i - b.i; }
  };
  function resort() {
    var sorted = rows.slice().sort(orders[sort.value] || orders.severity);
    var frag = document.createDocumentFragment();
    for (var k = 0; k < sorted.length; k++) frag.appendChild(sorted[k].el);
    table.appendChild(frag);
  }
  function toggle(body) {
    var det = body.rows[1], btn = body.querySelector("button.x");
    if (!det || !btn) return;
    var open = det.hidden;
    det.hidden = !open;
    btn.setAttribute("aria-expanded", open ? "true" : "false");
  }
  table.addEventListener("click", function (e) {
    var target = e.target;
    if (!(target instanceof Element) || target.closest("a")) return;
    var row = target.closest("tr.row");
    if (row && (target.closest("button.x") || !window.getSelection().toString())) {
      toggle(row.parentNode);
    }
  });
  table.addEventListener("toggle", function (e) {
    var el = e.target;
    if (!(el instanceof HTMLDetailsElement) || !el.open || el.dataset.loaded) return;
    var tpl = docs[el.dataset.rule];
    if (tpl) el.appendChild(tpl.content.cloneNode(true));
    el.dataset.loaded = "1";
  }, true);
  path.addEventListener("input", apply);
  area.addEventListener("change", apply);
  sev.addEventListener("change", apply);
  rule.addEventListener("change", apply);
  sort.addEventListener("change", resort);
  $("f-reset").addEventListener("click", function () {
    path.value = ""; area.value = ""; sev.value = ""; rule.value = ""; sort.value = "severity";
    resort(); apply();
  });
  // A reload keeps form values: show what they select.
  if (sort.value !== "severity") resort();
  apply();
  table.setAttribute("data-ready", "1");
})();
