// Joining a bus's other sources to its spine once dagre has placed the
// spine (bundle.js). Each source's edge drops from its lower corner, on
// the spine's side, into the gap below its layer and runs along that gap
// to a junction on the spine: dagre leaves the gaps between layers free of
// states, so these edges cross no state. A source whose gap the spine does
// not pass (dagre ranked it above the spine's start or below its end)
// cannot join: its edge is laid out again by dagre as drawn.
"use strict";

// strayStubs returns the bus sources' edges that cannot join their spine.
function strayStubs(m, g) {
  const bands = layerBands(m, g);
  const stray = [];
  for (const bus of m.buses || []) {
    const spine = spinePoints(g, bus);
    for (const e of bus.sources) if (joinPoint(g, bands, spine, e.from) === null) stray.push(e);
  }
  return stray;
}

// tuckSpines moves each straight spine that stands far out left, to just
// beside what lies left of it along its length. dagre places a spine, one
// straight column the height of its bus, by averaging four alignments in
// which long chains drift opposite ways, and so can leave it far out (300
// states with Parallels, Maps and buses: 1,000 px right of every state).
function tuckSpines(m, g) {
  const spines = (m.buses || []).map((bus) => ({ bus, e: g.outEdges(bus.spine.from, bus.end)[0] }));
  const x0 = (s) => g.edge(s.e).points[1].x;
  const tucked = []; // the columns moved: {e, x, y0, y1}
  // Left to right: each spine tucks in beside those already moved, its
  // foot a little above theirs so that the feet do not run on one line.
  for (const { bus, e } of spines.sort((a, b) => x0(a) - x0(b))) {
    const d = g.edge(e);
    const column = d.points.slice(1, -1);
    if (!column.length || column.some((p) => p.x !== column[0].x)) continue;
    const end = g.node(bus.end), top = column[0].y;
    const foot = column[column.length - 1].y - FOOT_STEP * tucked.length;
    let left = leftOf(g, bus, new Set([e, ...tucked.map((t) => t.e)]), column[0].x, top, foot);
    for (const t of tucked) if (t.x < column[0].x && t.y1 >= top && t.y0 <= foot) left = Math.max(left, t.x);
    const x = left + SPINE_GAP;
    if (left === -Infinity || x > column[0].x - TUCK_LEAST) continue;
    const kept = column.filter((p) => p.y < foot).map((p) => ({ x, y: p.y }));
    // From the column's foot along its layer to above the last junction.
    d.points = [d.points[0], ...kept, { x, y: foot }, { x: end.x, y: foot }, { x: end.x, y: end.y - end.height / 2 }];
    tucked.push({ e, x, y0: top, y1: foot });
  }
}

// The least distance from a spine to what lies left of it, and the least
// move worth the turn it puts at the spine's foot (a state's least width).
const SPINE_GAP = 24; // dagre's gap between nodes here (nodesep)
const TUCK_LEAST = 110;
const FOOT_STEP = 6; // between the feet of spines moved

// leftOf is the right edge of whatever (state, group, junction, label,
// edge point) lies left of x between y0 and y1, but the edges in skip (the
// spine and those moved already) and the groups that hold the bus.
function leftOf(g, bus, skip, x, y0, y1) {
  let right = -Infinity;
  const take = (cx, cy, w, h) => {
    if (cx < x && cy + h / 2 >= y0 && cy - h / 2 <= y1) right = Math.max(right, cx + w / 2);
  };
  const holders = new Set();
  for (let p = bus.parent; p; p = g.parent(p)) holders.add(p);
  for (const v of g.nodes()) {
    const n = g.node(v);
    if (!holders.has(v)) take(n.x, n.y, n.width, n.height);
  }
  for (const e of g.edges()) {
    const d = g.edge(e);
    if (d.x !== undefined) take(d.x, d.y, d.width || 0, d.height || 0);
    if (skip.has(e)) take(d.points[0].x, d.points[0].y, 0, 0); // where it leaves its source
    else for (const p of d.points) take(p.x, p.y, 0, 0);
  }
  return right;
}

// joinBuses adds to g each source's junction on its spine and its edge
// there, and the junctions to m.nodes.
function joinBuses(m, g) {
  const bands = layerBands(m, g);
  for (const bus of m.buses || []) {
    const spine = spinePoints(g, bus);
    bus.sources.forEach((e, i) => {
      const s = g.node(e.from);
      const at = joinPoint(g, bands, spine, e.from) || nearestEnd(spine, s.y);
      const id = "__bus:" + bus.key + ":" + i;
      m.nodes.push({ id, parent: bus.parent, bus: true, catch: bus.catch, label: "" });
      g.setNode(id, { x: at.x, y: at.y, width: 6, height: 6 });
      const side = Math.sign(at.x - s.x) * Math.max(0, s.width / 2 - 12);
      const points = [{ x: s.x + side, y: s.y + s.height / 2 }, { x: s.x + side, y: at.y }, at];
      g.setEdge(e.from, id, { edge: Object.assign({}, e, { to: id, bus: true, label: undefined }), points }, "join:" + bus.key + ":" + i);
    });
  }
}

// joinPoint is where a source's edge meets the spine: in the middle of the
// gap below the source's layer. It is null when the spine does not pass
// that gap.
function joinPoint(g, bands, spine, from) {
  const s = g.node(from);
  const y = s.y + (bands.get(s.y) || s.height / 2) + g.graph().ranksep / 4;
  if (y <= spine[0].y || y >= spine[spine.length - 1].y) return null;
  // The spine runs down: find its segment at y by halving.
  let lo = 0, hi = spine.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (spine[mid].y <= y) lo = mid;
    else hi = mid;
  }
  const a = spine[lo], b = spine[hi];
  return { x: b.y === a.y ? a.x : a.x + ((b.x - a.x) * (y - a.y)) / (b.y - a.y), y };
}

function nearestEnd(spine, y) {
  return Math.abs(spine[0].y - y) < Math.abs(spine[spine.length - 1].y - y) ? spine[0] : spine[spine.length - 1];
}

// spinePoints is the spine's route, from its source down to its last
// junction's centre.
function spinePoints(g, bus) {
  const e = g.outEdges(bus.spine.from, bus.end)[0];
  const end = g.node(bus.end);
  return g.edge(e).points.concat([{ x: end.x, y: end.y }]);
}

// layerBands maps each layer's centre (dagre centres a layer's nodes on
// one line) to half the height of its tallest node.
function layerBands(m, g) {
  const bands = new Map();
  for (const n of m.nodes) {
    const p = g.node(n.id);
    if (p) bands.set(p.y, Math.max(bands.get(p.y) || 0, p.height / 2));
  }
  return bands;
}
