package graph

import (
	"context"
	"math"
	"testing"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

// TestLay_LargeStaysReadable: the large shapes, laid out by dagre's
// cheaper steps (tight-tree ranking; without groups, its first order),
// route no edge through a state it does not join, overlap no two nodes,
// keep each node inside its groups and out of the others, and the 300
// converging Catch edges still join one bus (a junction on it for each far
// Task but the first, whose edge is the bus, and one at its end) in a
// drawing a few columns wide.
func TestLay_LargeStaysReadable(t *testing.T) {
	for _, c := range []struct {
		name, def string
		junctions int
		width     float64 // at most, when above 0
	}{
		// 3,308 px when dagre laid out a junction beside each Task.
		{"300 Catch edges to one state", graphtest.Catches(300), 298, 500},
		{"300 states", graphtest.Nested(300), -1, 0},
		{"300-state chain", graphtest.Chain(300), 0, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			l, err := Lay(context.Background(), []byte(c.def))
			if err != nil {
				t.Fatal(err)
			}
			if junctions := len(busNodes(l)); c.junctions >= 0 && junctions != c.junctions {
				t.Errorf("%d junctions, want %d", junctions, c.junctions)
			}
			checkNesting(t, l)
			checkNoEdgeThroughState(t, l, func(LaidEdge) bool { return true })
			if c.width > 0 && l.Width > c.width {
				t.Errorf("drawing is %.0f px wide, want at most %.0f", l.Width, c.width)
			}
			if run := longestJoin(l); run > 500 {
				t.Errorf("an edge runs %.0f px to join its bus, want at most 500", run)
			}
		})
	}
}

// busNodes are the layout's bus junctions.
func busNodes(l *Layout) []LaidNode {
	var bus []LaidNode
	for _, n := range l.Nodes {
		if n.Bus {
			bus = append(bus, n)
		}
	}
	return bus
}

// longestJoin is the longest last stretch across of an edge into a bus
// junction (the way along a gap to the bus). dagre left the buses of 300
// states with Parallels and Maps 1,000 px out, past the Parallels' boxes.
func longestJoin(l *Layout) float64 {
	var run float64
	for _, e := range l.Edges {
		if n := len(e.Points); e.Bus && n > 1 {
			run = max(run, math.Abs(e.Points[n-1].X-e.Points[n-2].X))
		}
	}
	return run
}

// checkNoEdgeThroughState fails if an edge picked passes through a state
// it does not join.
func checkNoEdgeThroughState(t *testing.T, l *Layout, pick func(LaidEdge) bool) {
	t.Helper()
	for _, e := range l.Edges {
		if !pick(e) {
			continue
		}
		for _, n := range l.Nodes {
			if n.Terminal || n.Join || n.Bus || n.ID == e.From || n.ID == e.To {
				continue
			}
			for i := 1; i < len(e.Points); i++ {
				if segmentCrossesBox(e.Points[i-1], e.Points[i], n.Box) {
					t.Errorf("edge %s → %s crosses state %s", e.From, e.To, n.ID)
				}
			}
		}
	}
}

// checkInDrawing fails unless every node, group and edge point lies inside
// the drawing's width and height.
func checkInDrawing(t *testing.T, l *Layout) {
	t.Helper()
	in := func(what string, x0, y0, x1, y1 float64) {
		const eps = 0.01
		if x0 < -eps || y0 < -eps || x1 > l.Width+eps || y1 > l.Height+eps {
			t.Errorf("%s spans (%.1f,%.1f)–(%.1f,%.1f), outside the %.1f×%.1f drawing", what, x0, y0, x1, y1, l.Width, l.Height)
		}
	}
	for _, n := range l.Nodes {
		in("node "+n.ID, n.X-n.Width/2, n.Y-n.Height/2, n.X+n.Width/2, n.Y+n.Height/2)
	}
	for _, g := range l.Groups {
		in("group "+g.ID, g.X-g.Width/2, g.Y-g.Height/2, g.X+g.Width/2, g.Y+g.Height/2)
	}
	for _, e := range l.Edges {
		for _, p := range e.Points {
			in("edge "+e.From+" → "+e.To, p.X, p.Y, p.X, p.Y)
		}
	}
}

// segmentCrossesBox reports whether the segment a–b passes inside b's box
// (shrunk by a pixel, so that touching its border does not count).
func segmentCrossesBox(a, b Point, box Box) bool {
	x0, x1 := box.X-box.Width/2+1, box.X+box.Width/2-1
	y0, y1 := box.Y-box.Height/2+1, box.Y+box.Height/2-1
	// Clip the segment to the box (Liang–Barsky): any part left is inside.
	t0, t1 := 0.0, 1.0
	dx, dy := b.X-a.X, b.Y-a.Y
	for _, pq := range [][2]float64{{-dx, a.X - x0}, {dx, x1 - a.X}, {-dy, a.Y - y0}, {dy, y1 - a.Y}} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		r := q / p
		if p < 0 {
			t0 = max(t0, r)
		} else {
			t1 = min(t1, r)
		}
	}
	return t0 < t1
}

func TestSegmentCrossesBox(t *testing.T) {
	box := Box{X: 50, Y: 50, Width: 20, Height: 10} // x 40–60, y 45–55
	for _, c := range []struct {
		name string
		a, b Point
		want bool
	}{
		{"through", Point{0, 50}, Point{100, 50}, true},
		{"ends inside", Point{50, 0}, Point{50, 50}, true},
		{"diagonal through a corner", Point{35, 40}, Point{45, 50}, true},
		{"beside", Point{0, 60}, Point{100, 60}, false},
		{"along its border", Point{40, 0}, Point{40, 100}, false},
		{"stops short", Point{0, 50}, Point{39, 50}, false},
		{"a point inside", Point{50, 50}, Point{50, 50}, true},
	} {
		if got := segmentCrossesBox(c.a, c.b, box); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// checkNesting fails unless every node lies inside each group holding it
// and outside every other group, and no two nodes overlap.
func checkNesting(t *testing.T, l *Layout) {
	t.Helper()
	parent := map[string]string{}
	boxes := map[string]Box{}
	for _, g := range l.Groups {
		boxes[g.ID] = g.Box
		parent[g.ID] = g.Parent
	}
	for _, n := range l.Nodes {
		parent[n.ID] = n.Parent
	}
	for i, n := range l.Nodes {
		holders := map[string]bool{}
		for p := parent[n.ID]; p != ""; p = parent[p] {
			holders[p] = true
		}
		for gid, g := range boxes {
			if in := inside(n.Box, g); holders[gid] && !in {
				t.Errorf("%s lies outside its group %s", n.ID, gid)
			} else if !holders[gid] && overlaps(n.Box, g) {
				t.Errorf("%s overlaps group %s, not its own", n.ID, gid)
			}
		}
		for _, m := range l.Nodes[i+1:] {
			if overlaps(n.Box, m.Box) {
				t.Errorf("%s overlaps %s", n.ID, m.ID)
			}
		}
	}
}

func inside(a, b Box) bool {
	const eps = 0.01
	return a.X-a.Width/2 >= b.X-b.Width/2-eps && a.X+a.Width/2 <= b.X+b.Width/2+eps &&
		a.Y-a.Height/2 >= b.Y-b.Height/2-eps && a.Y+a.Height/2 <= b.Y+b.Height/2+eps
}

func overlaps(a, b Box) bool {
	return math.Abs(a.X-b.X) < (a.Width+b.Width)/2 && math.Abs(a.Y-b.Y) < (a.Height+b.Height)/2
}

// TestLay_LoopStaysInDrawing: a Catch handler that loops back to the first
// Task. dagre sizes the drawing by its nodes and labels, and routed the
// loop's edge round the outside, 10 px left of the drawing.
func TestLay_LoopStaysInDrawing(t *testing.T) {
	def := `{"StartAt":"T0","States":{` + graphtest.CatchingTasks("T", 6, "H") + `,"H":{"Type":"Wait","Seconds":5,"Next":"T0"}}}`
	l, err := Lay(context.Background(), []byte(def))
	if err != nil {
		t.Fatal(err)
	}
	checkInDrawing(t, l)
}
