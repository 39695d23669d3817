package graph

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

// TestLay_CatchesJoinABus: forty Tasks whose Catch edges reach one Fail
// state. The far ones (T0–T37: more than two states above it) join a bus:
// T0's edge is its spine, down to a junction above the Fail state, and
// T1–T37 each end at a junction on it; only the spine's last edge has the
// label and the arrowhead; T38 and T39 reach the Fail state directly. The
// chain of Tasks and the spine are straight and the drawing about two
// columns wide (one lane per edge made 60 such Tasks 4,546 px wide; a
// junction per Task laid out by dagre drifted sideways, 5 px a Task).
func TestLay_CatchesJoinABus(t *testing.T) {
	l, err := Lay(context.Background(), []byte(graphtest.Catches(40)))
	if err != nil {
		t.Fatal(err)
	}
	junctions := map[string]LaidNode{}
	for _, n := range l.Nodes {
		if n.Bus {
			junctions[n.ID] = n
		}
	}
	if len(junctions) != 38 {
		t.Fatalf("%d junctions, want 38 (one per Task T0–T37)", len(junctions))
	}
	into := map[string][]LaidEdge{}
	for _, e := range l.Edges {
		into[e.To] = append(into[e.To], e)
	}
	for i := 0; i < 40; i++ {
		task := fmt.Sprintf("T%d", i)
		catches := 0
		for _, e := range l.Edges {
			if e.From != task || !e.Catch {
				continue
			}
			catches++
			_, toBus := junctions[e.To]
			if want := i < 38; toBus != want || e.Bus != want {
				t.Errorf("%s's Catch edge goes to %q (bus %v), want a junction: %v", task, e.To, e.Bus, want)
			}
			if toBus && e.Label != "" {
				t.Errorf("%s's Catch edge into the bus has label %q", task, e.Label)
			}
		}
		if catches != 1 {
			t.Errorf("%s has %d Catch edges, want 1", task, catches)
		}
	}
	var fromBus []LaidEdge
	for _, e := range into["Failed"] {
		if _, ok := junctions[e.From]; ok {
			fromBus = append(fromBus, e)
		}
	}
	if len(fromBus) != 1 || fromBus[0].Bus || !fromBus[0].Catch || fromBus[0].Label != "Catch States.ALL" {
		t.Fatalf("edges from the bus into Failed: %+v, want one Catch edge labelled Catch States.ALL with an arrowhead", fromBus)
	}
	if l.Width > 500 {
		t.Errorf("drawing is %.0f px wide, want at most 500", l.Width)
	}
	joined := map[string]bool{}
	for i := 1; i < 38; i++ {
		joined[fmt.Sprintf("T%d", i)] = true
	}
	checkStraight(t, l, func(n LaidNode) bool { return joined[n.ID] }, "the Tasks T1–T37")
	end := fromBus[0].From // the bus's last junction, beside Failed
	checkStraight(t, l, func(n LaidNode) bool { return n.Bus && n.ID != end }, "the junctions T1–T37 join at")
}

// checkStraight fails unless the nodes picked lie on one vertical line.
func checkStraight(t *testing.T, l *Layout, pick func(LaidNode) bool, what string) {
	t.Helper()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, n := range l.Nodes {
		if pick(n) {
			lo, hi = min(lo, n.X), max(hi, n.X)
		}
	}
	if hi-lo > 1 {
		t.Errorf("%s lie between x %.1f and %.1f, want one vertical line", what, lo, hi)
	}
}

// TestSVG_BusDrawing: junctions are drawn as dots in the edge's colour and
// an edge into one has no arrowhead.
func TestSVG_BusDrawing(t *testing.T) {
	var b strings.Builder
	if err := SVG(context.Background(), &b, []byte(graphtest.Catches(8)), nil); err != nil {
		t.Fatal(err)
	}
	svg := b.String()
	if n := strings.Count(svg, `<circle class="junction catch"`); n != 6 {
		t.Errorf("%d Catch junctions drawn, want 6", n)
	}
	arrows := strings.Count(svg, `<g class="edge catch"><path`) - strings.Count(svg, `stroke-width="1.3"/>`)
	if arrows != 3 {
		t.Errorf("%d Catch edges with an arrowhead, want 3 (T6, T7 and the bus into Failed)", arrows)
	}
}

// strayDefinition: a Choice between a long branch (A1–A8) and a short one
// (X), with A1–A3, A8 and X catching to one Fail state. dagre ranks X
// beside A8, below the bus's last junction, so X cannot join the bus.
const strayDefinition = `{"StartAt":"C","States":{
"C":{"Type":"Choice","Choices":[{"Variable":"$.a","BooleanEquals":true,"Next":"A1"}],"Default":"X"},
"A1":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"A2","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
"A2":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"A3","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
"A3":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"A4","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
"A4":{"Type":"Pass","Next":"A5"},"A5":{"Type":"Pass","Next":"A6"},"A6":{"Type":"Pass","Next":"A7"},"A7":{"Type":"Pass","Next":"A8"},
"A8":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"J","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
"X":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"J","Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}]},
"J":{"Type":"Succeed"},"F":{"Type":"Fail","Error":"E"}}}`

// TestLay_BusSourceBesideItsEndGetsItsOwnEdge: a source ranked where the
// bus does not pass is laid out again with its own labelled edge to the
// target, and the others still join the bus, crossing no state.
func TestLay_BusSourceBesideItsEndGetsItsOwnEdge(t *testing.T) {
	l, err := Lay(context.Background(), []byte(strayDefinition))
	if err != nil {
		t.Fatal(err)
	}
	bus := map[string]bool{}
	for _, n := range l.Nodes {
		bus[n.ID] = n.Bus
	}
	want := map[string]string{"A1": "bus", "A2": "bus", "A3": "bus", "X": "F", "A8": "F"}
	for _, e := range l.Edges {
		w, ok := want[e.From]
		if !ok || !e.Catch {
			continue
		}
		got := e.To
		if bus[e.To] {
			got = "bus"
		}
		if got != w {
			t.Errorf("%s's Catch edge goes to %s, want %s", e.From, e.To, w)
		}
		if w == "F" && e.Label != "Catch States.ALL" {
			t.Errorf("%s's own Catch edge has label %q", e.From, e.Label)
		}
		delete(want, e.From)
	}
	if len(want) > 0 {
		t.Errorf("no Catch edge from %v", want)
	}
	checkNesting(t, l)
	checkNoEdgeThroughState(t, l, func(e LaidEdge) bool { return e.Bus })
}

// TestLay_BusInsideBranchStaysInItsGroup: twelve Tasks of a Parallel
// branch catch to a Fail state of that branch. Their bus (the spine from
// B0, which B1–B9 join) is laid out inside the Parallel's box and crosses
// no state.
func TestLay_BusInsideBranchStaysInItsGroup(t *testing.T) {
	branch := `{"StartAt":"B0","States":{` + graphtest.CatchingTasks("B", 12, "BF") + `,"BF":{"Type":"Fail","Error":"E"}}}`
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","Next":"Done","Branches":[` + branch +
		`,{"StartAt":"O","States":{"O":{"Type":"Pass","End":true}}}]},"Done":{"Type":"Succeed"}}}`
	l, err := Lay(context.Background(), []byte(def))
	if err != nil {
		t.Fatal(err)
	}
	junctions := busNodes(l)
	for _, n := range junctions {
		if n.Parent != "__group:P" {
			t.Errorf("junction %s is held by %q, want the Parallel's group", n.ID, n.Parent)
		}
	}
	if len(junctions) != 10 {
		t.Errorf("%d junctions, want 10 (B1–B9 join, and the bus's end)", len(junctions))
	}
	checkNesting(t, l)
	checkInDrawing(t, l)
	checkNoEdgeThroughState(t, l, func(e LaidEdge) bool { return e.Bus })
}
