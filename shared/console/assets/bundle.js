// Converging edges joined into one lane. Many edges that run far down to
// one state (every Task's Catch to a shared Fail state) would each be drawn
// as a lane of its own across every layer between: the picture grows a lane
// per edge, and dagre's ordering work with the square of their length (60
// such Catch edges: seconds; 300: minutes). Instead each of them ends at a
// junction beside its source, and the junctions chain down to the target:
// dagre lays out and routes one lane, which reads as a bus the edges join.
"use strict";

// A far edge spans more than this many states; shorter ones stay as drawn.
const BUNDLE_SPAN = 2;

// bundleEdges rewrites m's far edges that share a target and a kind (Catch
// or not) into junction chains, when two or more do.
function bundleEdges(m) {
  const depth = stateDepths(m);
  const parentOf = new Map(m.nodes.map((n) => [n.id, n.parent]));
  const buses = new Map();
  const kept = [], bused = [];
  for (const e of m.edges) {
    const from = depth.get(e.from), to = depth.get(e.to);
    if (from === undefined || to === undefined || to - from <= BUNDLE_SPAN) { kept.push(e); continue; }
    const key = (e.catch ? "catch:" : "next:") + e.to;
    if (!buses.has(key)) buses.set(key, []);
    buses.get(key).push(e);
  }
  for (const [key, edges] of buses) {
    if (edges.length < 2) { kept.push(...edges); continue; }
    bused.push(...busEdges(m, key, edges, depth, parentOf.get(edges[0].to)));
  }
  // The buses' edges first: dagre's ranking builds its first spanning tree
  // in edge order, and from a bus beside a chain of states it pivots up to
  // once per junction without moving anything, each pivot a pass over the
  // whole graph (300 Catch edges: 296 pivots; bus first and spaced as its
  // sources, 149).
  m.edges = bused.concat(kept);
}

// busEdges adds one junction per source depth, in order of depth, and
// returns the edges into the junctions and along the bus to the target.
function busEdges(m, key, edges, depth, parent) {
  const levels = [...new Set(edges.map((e) => depth.get(e.from)))].sort((a, b) => a - b);
  const junction = (d) => "__bus:" + key + ":" + d;
  const catchy = !!edges[0].catch;
  for (const d of levels) m.nodes.push({ id: junction(d), parent, bus: true, catch: catchy, label: "" });
  // One label said once, on the bus's last edge, when every edge has it
  // ("Catch States.ALL", "Default"): repeated on each it is noise, and
  // each label takes a layer of its own beside the edge.
  const shared = edges.every((e) => e.label === edges[0].label) ? edges[0].label : undefined;
  const out = edges.map((e) => Object.assign({}, e, { to: junction(depth.get(e.from)), bus: true, label: shared === undefined ? e.label : undefined }));
  levels.forEach((d, i) => {
    const last = i + 1 === levels.length;
    // Each junction sits one layer below its sources: the bus's edges
    // span the layers between.
    const minlen = (last ? depth.get(edges[0].to) : levels[i + 1] + 1) - (d + 1);
    // The bus's own edges weigh nothing in ranking: each junction follows
    // its source. Weighed like the others, they leave dagre's network
    // simplex a pivot per junction that moves nothing (300 Catch edges:
    // 149 pivots, each a pass over the whole graph; none without).
    out.push({ from: junction(d), to: last ? edges[0].to : junction(levels[i + 1]), catch: catchy, bus: !last, label: last ? shared : undefined, minlen: Math.max(1, minlen), rankWeight: 0 });
  });
  return out;
}

// stateDepths gives each node reached from the start its longest distance
// from it, over edges that do not loop back (a depth-first search drops
// those), so a far edge is one that skips many states on every path.
function stateDepths(m) {
  const succ = new Map();
  for (const e of m.edges) {
    if (!succ.has(e.from)) succ.set(e.from, []);
    succ.get(e.from).push(e.to);
  }
  const state = new Map(); // 1 while on the search's path, 2 when done
  const post = [];
  const forward = new Map();
  const stack = [["__start", 0]];
  state.set("__start", 1);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const kids = succ.get(top[0]) || [];
    if (top[1] === kids.length) { stack.pop(); state.set(top[0], 2); post.push(top[0]); continue; }
    const w = kids[top[1]++];
    if (state.get(w) === 1) continue; // a loop back
    if (!forward.has(top[0])) forward.set(top[0], []);
    forward.get(top[0]).push(w);
    if (!state.has(w)) { state.set(w, 1); stack.push([w, 0]); }
  }
  const depth = new Map([["__start", 0]]);
  for (let i = post.length - 1; i >= 0; i--) {
    const v = post[i];
    for (const w of forward.get(v) || []) depth.set(w, Math.max(depth.get(w) || 0, depth.get(v) + 1));
  }
  return depth;
}
