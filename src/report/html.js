"use strict";
// Pointing at, focusing or clicking a fact (or a finding in the list) highlights the facts of its
// finding and shows the finding in the panel. One listener per event on the document, so a page
// of ten thousand facts costs no more to open than a small one.
(function () {
  var findings = JSON.parse(document.getElementById("factdiff-findings").textContent);
  var panel = document.getElementById("finding");
  var signs = { agree: "=", compatible: "≈", diverge: "≠", missing: "∅" };
  var lit = [];

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function light(elements, className) {
    for (var i = 0; i < elements.length; i++) {
      elements[i].classList.add(className);
      lit.push([elements[i], className]);
    }
  }

  function side(list, name, fact) {
    list.appendChild(element("dt", null, name));
    var dd = element("dd");
    if (fact) {
      dd.appendChild(element("q", null, fact[0]));
      dd.appendChild(document.createTextNode(" → "));
      dd.appendChild(element("span", "value", fact[1]));
      dd.appendChild(document.createTextNode(" at "));
      dd.appendChild(element("code", null, fact[2]));
    } else {
      dd.textContent = "no counterpart";
    }
    list.appendChild(dd);
  }

  function render(f) {
    var head = element("p", "head");
    head.appendChild(element("span", "badge sev-" + f[1], f[1]));
    head.appendChild(document.createTextNode(" " + signs[f[0]] + " " + f[0] + " · rule "));
    var rule = element("a", "rule", f[2]);
    rule.href = "#rule-" + f[2];
    head.appendChild(rule);
    if (f[4] !== "active") head.appendChild(document.createTextNode(" (" + f[4] + ")"));
    var list = element("dl");
    side(list, "left", f[5]);
    side(list, "right", f[6]);
    panel.replaceChildren(head, element("p", "message", f[3]), list);
  }

  function show(mark, scroll) {
    var k = mark.getAttribute("data-k");
    var f = findings[k];
    for (var i = 0; i < lit.length; i++) lit[i][0].classList.remove(lit[i][1]);
    lit = [];
    var scope = mark.closest(".pair") || document;
    var marks = scope.querySelectorAll('mark.fact[data-k="' + k + '"]');
    light(marks, "hl");
    if (!f[5] || !f[6]) {
      var cell = marks.length ? marks[0].closest("td") : null;
      if (cell) {
        var others = [].filter.call(cell.parentElement.cells, function (c) { return c !== cell; });
        light(others, "hl-cell");
      }
    }
    render(f);
    if (scroll) {
      for (var j = 0; j < marks.length; j++) {
        if (marks[j] !== mark) marks[j].scrollIntoView({ block: "nearest" });
      }
    }
  }

  function fact(event) {
    return event.target.closest ? event.target.closest("mark.fact[data-k]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var mark = fact(event);
    if (mark) show(mark, false);
  });
  document.addEventListener("focusin", function (event) {
    var mark = fact(event);
    if (mark) show(mark, true);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-k]") : null;
    if (!link) return;
    var mark = document.querySelector('mark.fact[data-k="' + link.getAttribute("data-k") + '"]');
    if (mark) show(mark, false);
  });

  var levels = document.querySelectorAll('input[name="level"]');
  for (var i = 0; i < levels.length; i++) {
    levels[i].addEventListener("change", function (event) {
      document.body.setAttribute("data-level", event.target.value);
    });
  }
  var accepted = document.getElementById("show-accepted");
  if (accepted) {
    accepted.addEventListener("change", function () {
      document.body.classList.toggle("show-accepted", accepted.checked);
    });
  }
})();
