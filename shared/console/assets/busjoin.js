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
