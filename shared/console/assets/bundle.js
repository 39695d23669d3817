// Converging edges joined into one lane. Many edges that run far down to
// one state (every Task's Catch to a shared Fail state) would each be drawn
// as a lane of its own across every layer between: the picture grows a lane
// per edge, and dagre's ordering work with the square of their length (60
// such Catch edges: seconds; 300: minutes). Instead dagre lays out one of
// them, from the highest source, as the bus's spine (ending at a junction
// just above the target, so the label sits by its arrowhead), and each
// other source joins the spine afterwards (busjoin.js).
//
// The others are left out of dagre on purpose: a junction of each source
// laid out by dagre gives that source two children in the next layer, and
// dagre's placement (Brandes–Köpf, balancing left- and right-leaning
// alignments) then shifts a chain of such states sideways by half a gap
// per state: 300 Catch edges drew a staircase 3,308 px wide.
"use strict";

// A far edge spans more than this many states; shorter ones stay as drawn.
const BUNDLE_SPAN = 2;

// bundleEdges gathers m's far edges that share a target, a kind (Catch or
// not) and a label into buses, when two or more do. The spine's edges go
// into m.edges and the buses into m.buses; edges in keep stay as drawn.
function bundleEdges(m, keep) {
  if (!m.raw) m.raw = m.edges;
  m.nodes = m.nodes.filter((n) => !n.bus);
  const depth = stateDepths(m.raw);
  const parentOf = new Map(m.nodes.map((n) => [n.id, n.parent]));
  const groups = new Map();
  const kept = [], spines = [];
  for (const e of m.raw) {
    const from = depth.get(e.from), to = depth.get(e.to);
    if (keep.has(e) || from === undefined || to === undefined || to - from <= BUNDLE_SPAN) { kept.push(e); continue; }
    const key = (e.catch ? "catch:" : "next:") + e.to + ":" + (e.label || "");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  m.buses = [];
  for (const [key, edges] of groups) {
    if (edges.length < 2) { kept.push(...edges); continue; }
    spines.push(...addBus(m, key, edges, depth, parentOf.get(edges[0].to)));
  }
  m.edges = spines.concat(kept);
}

// addBus records a bus in m.buses and returns its spine: an edge from the
// highest source to the bus's last junction, then the labelled edge from
// there to the target.
function addBus(m, key, edges, depth, parent) {
  const first = edges.reduce((a, e) => (depth.get(e.from) < depth.get(a.from) ? e : a));
  const target = edges[0].to, catchy = !!edges[0].catch;
  const end = "__bus:" + key;
  m.nodes.push({ id: end, parent, bus: true, catch: catchy, label: "" });
  m.buses.push({ key, end, parent, catch: catchy, spine: first, sources: edges.filter((e) => e !== first) });
  return [
    // The spine weighs nothing in ranking, so that its end follows the
    // target rather than pulling the target up towards the highest source.
    { from: first.from, to: end, catch: catchy, bus: true, minlen: Math.max(1, depth.get(target) - 1 - depth.get(first.from)), rankWeight: 0 },
    { from: end, to: target, catch: catchy, label: first.label },
  ];
}

// stateDepths gives each node reached from the start its longest distance
// from it, over edges that do not loop back (a depth-first search drops
// those), so a far edge is one that skips many states on every path.
function stateDepths(edges) {
  const succ = new Map();
  for (const e of edges) {
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
