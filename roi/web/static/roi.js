// Redaction review: drag on the page image to draw a box; its page coordinates go to the
// add-box form. Boxes are SVG rects in the page's own pixel space (viewBox), so no inline
// styles are needed (the CSP forbids them).
(function () {
  "use strict";
  var svg = document.getElementById("roi-svg");
  if (!svg || svg.getAttribute("data-editable") !== "1") { return; }
  var NS = "http://www.w3.org/2000/svg";
  var start = null, rect = null;
  function point(ev) {
    var r = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    return { x: Math.round((ev.clientX - r.left) * vb.width / r.width),
             y: Math.round((ev.clientY - r.top) * vb.height / r.height) };
  }
  svg.addEventListener("mousedown", function (ev) {
    ev.preventDefault();
    start = point(ev);
    rect = document.createElementNS(NS, "rect");
    rect.setAttribute("class", "box box-drawing");
    svg.appendChild(rect);
  });
  svg.addEventListener("mousemove", function (ev) {
    if (!start) { return; }
    var p = point(ev);
    rect.setAttribute("x", Math.min(start.x, p.x)); rect.setAttribute("y", Math.min(start.y, p.y));
    rect.setAttribute("width", Math.abs(p.x - start.x)); rect.setAttribute("height", Math.abs(p.y - start.y));
  });
  window.addEventListener("mouseup", function (ev) {
    if (!start) { return; }
    var p = point(ev), s = start;
    start = null;
    if (Math.abs(p.x - s.x) < 4 || Math.abs(p.y - s.y) < 4) { rect.remove(); return; }
    document.getElementById("roi-x0").value = Math.min(s.x, p.x);
    document.getElementById("roi-y0").value = Math.min(s.y, p.y);
    document.getElementById("roi-x1").value = Math.max(s.x, p.x);
    document.getElementById("roi-y1").value = Math.max(s.y, p.y);
    document.getElementById("roi-add").submit();
  });
}());
