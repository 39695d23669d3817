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

// A graph of more nodes than this (states, markers, joins, junctions) is
// laid out with dagre's cheaper steps, which place the large shapes
// measured as the thorough ones do or nearly:
//   - ranking by a tight spanning tree instead of network simplex, whose
//     every pivot is a pass over the whole graph (300 states with
//     Parallels, Maps and buses: 78 pivots, 1.8 s in V8; the tree 0.1 s,
//     18 of 454 nodes a layer apart; 300 Catch edges, a 300-state chain:
//     the same layout);
//   - when it has no Parallel or Map groups, dagre's first order, from a
//     depth-first walk, without its crossing-reduction sweeps (six or more
//     passes over every layer, a third of the layout), which found no
//     fewer crossings on such shapes (300 Catch edges: 2 before, 1 after).
//     The first order does not keep a group's members together: only the
//     sweeps do.
const LARGE_GRAPH = 200;

// layout places the model with dagre and joins its buses; it returns the
// dagre graph. A bus source that cannot join its spine is laid out again
// as an edge of its own (rare: at most three passes).
function layout(m) {
  const keep = new Set();
  for (let pass = 1; ; pass++) {
    const g = place(m);
    const stray = pass < 3 ? strayStubs(m, g) : [];
    if (!stray.length) {
      joinBuses(m, g);
      fitEdges(g);
      return g;
    }
    for (const e of stray) keep.add(e);
    bundleEdges(m, keep);
  }
}

function place(m) {
  const large = m.nodes.length > LARGE_GRAPH;
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 24, ranksep: 36, edgesep: 10, marginx: 16, marginy: 16, ranker: large ? "tight-tree" : "network-simplex" });
  g.setDefaultEdgeLabel(() => ({}));
  for (const gr of m.groups) g.setNode(gr.id, { label: gr.label, paddingTop: 24 });
  for (const n of m.nodes) {
    // Wide enough for the name and for the type with the longest status
    // marker ("Parallel · ○ not reached") in the smaller font.
    const point = n.terminal || n.join ? 18 : n.bus ? 6 : 0;
    const text = point ? 0 : Math.max(Math.min(n.label.length, 36) * 7, ((n.type || "").length + 16) * 6);
    const w = point || Math.max(110, Math.min(260, text + 24));
    g.setNode(n.id, { width: w, height: point || 46 });
  }
  for (const gr of m.groups) if (gr.parent) g.setParent(gr.id, gr.parent);
  for (const n of m.nodes) if (n.parent) g.setParent(n.id, n.parent);
  const rankOnly = new Set(); // edges whose weight holds for ranking only
  m.edges.forEach((e, i) => {
    if (!g.hasNode(e.from) || !g.hasNode(e.to)) return; // a dangling Next: validation reports it
    const lab = e.label ? { label: e.label, width: e.label.length * 5.6 + 6, height: 14, labelpos: "c" } : {};
    const weight = e.rankWeight === undefined ? 1 : e.rankWeight;
    if (weight !== 1) rankOnly.add("e" + i);
    g.setEdge(e.from, e.to, Object.assign({ edge: e, minlen: e.minlen || 1, weight }, lab), "e" + i);
  });
  const sweep = !large || m.groups.length > 0;
  dagre.layout(g, { customOrder: (lg, order) => orderWeighed(lg, order, rankOnly, sweep) });
  return g;
}

// fitEdges moves the drawing and widens it to hold every edge: dagre sizes
// it by its nodes and labels, and a loop's edge routed round the outside
// can pass beyond them (off the drawing's left edge, unseen).
function fitEdges(g) {
  const gg = g.graph();
  let minX = gg.marginx, minY = gg.marginy, maxX = gg.width - gg.marginx, maxY = gg.height - gg.marginy;
  for (const e of g.edges()) {
    for (const p of g.edge(e).points) {
      minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);
    }
  }
  const dx = gg.marginx - minX, dy = gg.marginy - minY;
  if (dx || dy) {
    for (const v of g.nodes()) { const n = g.node(v); n.x += dx; n.y += dy; }
    for (const e of g.edges()) {
      const d = g.edge(e);
      for (const p of d.points) { p.x += dx; p.y += dy; }
      if (d.x !== undefined) { d.x += dx; d.y += dy; }
    }
  }
  gg.width = maxX + dx + gg.marginx;
  gg.height = maxY + dy + gg.marginy;
}

// orderWeighed runs dagre's own ordering with every edge weighed alike:
// an edge (and the chain of points dagre split it into, which keep its
// name) that weighed nothing in ranking still counts in crossings.
// Without sweep, only dagre's first order is wanted.
function orderWeighed(lg, order, rankOnly, sweep) {
  if (!sweep) return firstOrder(lg);
  for (const e of lg.edges()) if (rankOnly.has(e.name)) lg.edge(e).weight = 1;
  order(lg);
}

// firstOrder orders each layer as dagre's first order does (a depth-first
// walk from the nodes in rank order, successors in their order). dagre
// builds a graph of each layer, twice, for its sweeps before it looks at
// disableOptimalOrderHeuristic: for 300 Catch edges (604 layers) that work
// for nothing was most of the ordering (0.2 s in V8).
function firstOrder(lg) {
  const layers = [];
  const seen = new Set();
  const visit = (v) => {
    if (seen.has(v)) return;
    seen.add(v);
    const rank = lg.node(v).rank;
    (layers[rank] = layers[rank] || []).push(v);
    for (const w of lg.successors(v) || []) visit(w);
  };
  const simple = lg.nodes().filter((v) => !lg.children(v).length);
  simple.sort((a, b) => lg.node(a).rank - lg.node(b).rank).forEach(visit);
  for (const layer of layers) if (layer) layer.forEach((v, i) => { lg.node(v).order = i; });
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
