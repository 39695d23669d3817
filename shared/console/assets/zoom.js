// The graph's panel and its zoom. A graph larger than the panel is shrunk
// to fit it, but never below zoomLimits.fit, where its text stays legible:
// past that the panel scrolls. Buttons zoom in and out, to fit and to 1:1.
"use strict";
const zoomLimits = { fit: 0.5, min: 0.1, max: 3, step: 1.25 };

// graphPanel returns {tools, box, show(svg)}: the toolbar and the
// scrolling box (#graph) to place on the page, and show to put a graph
// drawn by drawGraph in the box, keeping the zoom chosen for the last one.
function graphPanel() {
  const box = h("div", { class: "graph panel", id: "graph" });
  let svg = null, fit = true, scale = 1;
  const level = h("output", { class: "zoom-level", id: "zoom-level" });
  const button = (text, label, act) => h("button", { type: "button", "aria-label": label, title: label, onclick: act }, text);
  const zoomTo = (s) => { fit = false; scale = Math.min(zoomLimits.max, Math.max(zoomLimits.min, s)); apply(); };
  const tools = h("div", { class: "graph-tools", role: "toolbar", "aria-label": "Graph zoom" },
    button("Fit", "Zoom to fit", () => { fit = true; apply(); }),
    button("−", "Zoom out", () => zoomTo(scale / zoomLimits.step)),
    button("+", "Zoom in", () => zoomTo(scale * zoomLimits.step)),
    button("1:1", "Actual size", () => zoomTo(1)), level);

  // fitScale is the scale at which a w×h graph fills the box's content
  // area (max-height bounds it), or 0 before the box is laid out.
  function fitScale(w, ht) {
    const cs = getComputedStyle(box);
    const width = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    const height = parseFloat(cs.maxHeight) || Infinity;
    if (width <= 0 || !w || !ht) return 0;
    return Math.max(zoomLimits.fit, Math.min(1, width / w, height / ht));
  }
  function apply() {
    if (!svg || !svg.viewBox.baseVal) return;
    const { width: w, height: ht } = svg.viewBox.baseVal;
    if (fit) scale = fitScale(w, ht) || scale;
    // The viewBox scales the drawing; CSS sizes it (over the attributes).
    svg.style.width = (w * scale).toFixed(1) + "px";
    svg.style.height = (ht * scale).toFixed(1) + "px";
    level.textContent = Math.round(scale * 100) + "%" + (fit ? " (fit)" : "");
    box.dataset.zoom = scale.toFixed(3);
  }
  // A state reached with Tab is scrolled into the box: Firefox scrolls to
  // no SVG element, focused or asked to (scrollIntoView).
  box.addEventListener("focusin", (ev) => reveal(ev.target));
  function reveal(el) {
    const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    const left = b.left + box.clientLeft, top = b.top + box.clientTop;
    box.scrollLeft += Math.min(0, r.left - left) || Math.max(0, r.right - left - box.clientWidth);
    box.scrollTop += Math.min(0, r.top - top) || Math.max(0, r.bottom - top - box.clientHeight);
  }
  // The box's width follows the window; a fitted graph follows the box.
  new ResizeObserver(() => { if (fit) apply(); }).observe(box);
  return { tools, box, show(el) { svg = el; box.replaceChildren(el); apply(); } };
}
