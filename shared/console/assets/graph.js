// The workflow graph: a model built from a definition, laid out by dagre
// (vendored, MIT) and drawn as SVG whose nodes can be focused and clicked.
"use strict";
const SVGNS = "http://www.w3.org/2000/svg";
const statusMarkers = {
  "not-reached": "○ not reached", running: "▶ running", succeeded: "✓ succeeded",
  failed: "✗ failed", caught: "! caught", aborted: "■ aborted",
};

// conditionText summarises a Choice rule for its edge label.
function conditionText(rule) {
  if (rule.Condition) return rule.Condition;
  for (const op of ["And", "Or"]) if (rule[op]) return op + "(" + rule[op].map(conditionText).join(", ") + ")";
  if (rule.Not) return "Not(" + conditionText(rule.Not) + ")";
  const op = Object.keys(rule).find((k) => k !== "Variable" && k !== "Next" && k !== "Comment" && k !== "Assign" && k !== "Output");
  return (rule.Variable || "") + " " + (op || "") + " " + (op ? JSON.stringify(rule[op]) : "");
}

function clip(s, n) { s = String(s).trim(); return s.length > n ? s.slice(0, n - 1) + "…" : s; }

// buildModel turns a definition into nodes, groups and edges. Parallel and
// Map states become groups holding their own node, their branches and a
// join point.
function buildModel(def) {
  const m = { nodes: [], groups: [], edges: [] };
  m.nodes.push({ id: "__start", terminal: true, label: "Start" });
  m.nodes.push({ id: "__end", terminal: true, label: "End" });
  walk(m, def, null, "__start", "__end");
  // A definition that never ends (the editor shows its diagnostic) has no
  // end marker to draw: left alone it would sit beside the start.
  if (!m.edges.some((e) => e.to === "__end")) m.nodes = m.nodes.filter((n) => n.id !== "__end");
  bundleEdges(m, new Set());
  return m;
}

function walk(m, machine, parent, from, exit) {
  const states = (machine && machine.States) || {};
  if (machine && machine.StartAt) m.edges.push({ from, to: machine.StartAt });
  for (const [name, s] of Object.entries(states)) {
    const type = s.Type || "?";
    let out = name;
    if (type === "Parallel" || type === "Map") {
      const gid = "__group:" + name;
      m.groups.push({ id: gid, parent, label: type + ": " + name });
      m.nodes.push({ id: name, parent: gid, type, label: name });
      out = "__join:" + name;
      m.nodes.push({ id: out, parent: gid, join: true, label: "" });
      const subs = type === "Parallel" ? s.Branches || [] : [s.ItemProcessor || s.Iterator || {}];
      for (const b of subs) walk(m, b, gid, name, out);
    } else {
      m.nodes.push({ id: name, parent, type, label: name });
    }
    if (type === "Choice") {
      (s.Choices || []).forEach((c) => m.edges.push({ from: name, to: c.Next, label: clip(conditionText(c), 40) }));
      if (s.Default) m.edges.push({ from: name, to: s.Default, label: "Default" });
    }
    if (s.Next) m.edges.push({ from: out, to: s.Next });
    if (s.End || type === "Succeed" || type === "Fail") m.edges.push({ from: out, to: exit });
    for (const c of s.Catch || []) {
      m.edges.push({ from: name, to: c.Next, label: "Catch " + clip((c.ErrorEquals || []).join(","), 30), catch: true });
    }
  }
}

function svgEl(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v != null) el.setAttribute(k, v);
  for (const k of kids) if (k != null) el.append(k);
  return el;
}

// drawGraph lays out the definition and returns {svg, setStatuses, select,
// ms}; onSelect(name) is called when a state node is clicked or activated.
function drawGraph(def, onSelect) {
  const t0 = performance.now();
  const m = buildModel(def);
  const g = layout(m);
  const ms = performance.now() - t0;
  const gg = g.graph();
  const svg = svgEl("svg", { width: gg.width, height: gg.height, viewBox: `0 0 ${gg.width} ${gg.height}`, role: "group", "aria-label": "Workflow graph" });
  svg.append(svgEl("defs", {}, svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: "#555" }))));
  const groupsByDepth = m.groups.slice().sort((a, b) => depth(g, a.id) - depth(g, b.id));
  for (const gr of groupsByDepth) {
    const n = g.node(gr.id);
    svg.append(svgEl("g", { class: "group" },
      svgEl("rect", { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height, rx: 6 }),
      svgEl("text", { x: n.x - n.width / 2 + 6, y: n.y - n.height / 2 + 13 }, gr.label)));
  }
  for (const e of g.edges()) {
    const d = g.edge(e);
    const pts = d.points.map((p) => p.x.toFixed(1) + "," + p.y.toFixed(1));
    // An edge into a bus junction has no arrowhead: it goes on along the bus.
    const el = svgEl("g", { class: "edge" + (d.edge.catch ? " catch" : "") }, svgEl("path", { d: "M" + pts.join(" L"), "marker-end": d.edge.bus ? null : "url(#arrow)" }));
    if (d.label) el.append(svgEl("text", { x: d.x, y: d.y + 3, "text-anchor": "middle" }, d.label));
    svg.append(el);
  }
  const byName = {};
  for (const n of m.nodes) {
    const p = g.node(n.id);
    if (n.bus) {
      svg.append(svgEl("circle", { class: "junction" + (n.catch ? " catch" : ""), cx: p.x, cy: p.y, r: 3, "aria-hidden": "true" }));
      continue;
    }
    if (n.terminal || n.join) {
      const end = n.id === "__end";
      svg.append(svgEl("g", { class: "terminal" + (end ? " end" : ""), "aria-hidden": n.join ? "true" : null },
        svgEl("circle", { cx: p.x, cy: p.y, r: n.join ? 4 : 9 }),
        end ? svgEl("circle", { cx: p.x, cy: p.y, r: 5, class: "inner" }) : null,
        n.terminal ? svgEl("title", {}, n.label) : null));
      continue;
    }
    const marker = svgEl("text", { x: p.x, y: p.y + 15, "text-anchor": "middle", class: "type" }, n.type);
    const el = svgEl("g", { class: "node st-plain", tabindex: 0, role: "button", "data-state": n.id, "aria-label": n.id + " (" + n.type + ")" },
      // The focus ring: SVG elements draw no outline in every browser.
      svgEl("rect", { class: "ring", x: p.x - p.width / 2 - 5, y: p.y - p.height / 2 - 5, width: p.width + 10, height: p.height + 10, rx: 11 }),
      svgEl("rect", { x: p.x - p.width / 2, y: p.y - p.height / 2, width: p.width, height: p.height, rx: 8 }),
      svgEl("text", { x: p.x, y: p.y - 3, "text-anchor": "middle" }, clip(n.label, 36)), marker);
    const activate = () => onSelect && onSelect(n.id);
    el.addEventListener("click", activate);
    el.addEventListener("keydown", (ev) => { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); activate(); } });
    byName[n.id] = { el, marker, type: n.type };
    svg.append(el);
  }
  return {
    svg, ms, count: m.nodes.filter((n) => !n.terminal && !n.bus).length,
    setStatuses(st) {
      for (const [name, v] of Object.entries(byName)) {
        const s = st[name] || "not-reached";
        v.el.setAttribute("class", "node st-" + s + (v.el.classList.contains("selected") ? " selected" : ""));
        v.marker.textContent = v.type + " · " + statusMarkers[s];
        v.el.setAttribute("aria-label", name + " (" + v.type + "): " + statusMarkers[s]);
      }
    },
    // mark flags states named by diagnostics (the editor's locations).
    mark(names) {
      for (const [k, v] of Object.entries(byName)) {
        v.el.classList.toggle("has-error", names.includes(k));
        v.marker.textContent = v.type + (names.includes(k) ? " · ⚠ error" : "");
      }
    },
    select(name) {
      for (const [k, v] of Object.entries(byName)) v.el.classList.toggle("selected", k === name);
    },
  };
}

function depth(g, id) { let d = 0; for (let p = g.parent(id); p; p = g.parent(p)) d++; return d; }

// legend shows each status as the graph draws it: a sample node with its
// fill, its border (dashed, thick, dotted…) and its glyph, then its name;
// and the Catch edge.
function legend() {
  const items = Object.entries(statusMarkers).map(([status, text]) => h("span", { class: "legend-item", role: "listitem", "data-status": status },
    svgEl("svg", { class: "swatch st-" + status, width: 34, height: 20, viewBox: "0 0 34 20", "aria-hidden": "true" },
      svgEl("rect", { x: 2, y: 2, width: 30, height: 16, rx: 4 }),
      svgEl("text", { x: 17, y: 14, "text-anchor": "middle" }, text.split(" ")[0])),
    h("span", { class: "legend-label" }, text)));
  items.push(h("span", { class: "legend-item", role: "listitem" },
    svgEl("svg", { class: "swatch", width: 34, height: 20, viewBox: "0 0 34 20", "aria-hidden": "true" },
      svgEl("g", { class: "edge catch" }, svgEl("path", { d: "M2,10 L32,10" }))),
    h("span", { class: "legend-label" }, "Catch")));
  return h("div", { class: "legend", id: "legend", role: "list", "aria-label": "Status legend" }, items);
}
