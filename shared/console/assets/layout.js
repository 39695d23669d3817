// Laying the model out: dagre places it (with its cheaper steps for large
// graphs), then the buses are finished (busjoin.js) and the drawing sized
// to what it holds.
"use strict";

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
      tuckSpines(m, g);
      joinBuses(m, g);
      fitDrawing(g);
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

// fitDrawing sizes the drawing to what it holds, with dagre's margins:
// dagre sizes it by its nodes and labels, and a loop's edge routed round
// the outside can pass beyond them (off the drawing's left edge, unseen);
// a spine tucked in leaves room on the right.
function fitDrawing(g) {
  const gg = g.graph();
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  const take = (x, y, w, h) => {
    minX = Math.min(minX, x - w / 2); maxX = Math.max(maxX, x + w / 2);
    minY = Math.min(minY, y - h / 2); maxY = Math.max(maxY, y + h / 2);
  };
  for (const v of g.nodes()) { const n = g.node(v); take(n.x, n.y, n.width, n.height); }
  for (const e of g.edges()) {
    const d = g.edge(e);
    if (d.x !== undefined) take(d.x, d.y, d.width || 0, d.height || 0);
    for (const p of d.points) take(p.x, p.y, 0, 0);
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
  gg.width = maxX - minX + 2 * gg.marginx;
  gg.height = maxY - minY + 2 * gg.marginy;
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

