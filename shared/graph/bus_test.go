package graph

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestLay_CatchesJoinABus: forty Tasks whose Catch edges reach one Fail
// state. The far ones (T0–T37: more than two states above it) end at a
// junction beside their Task, the junctions chain down to the Fail state
// and only that last edge has the label and the arrowhead; T38 and T39
// reach it directly. The drawing stays about two columns wide (one lane
// per edge made 60 such Tasks 4,546 px wide).
func TestLay_CatchesJoinABus(t *testing.T) {
	l, err := Lay(context.Background(), []byte(catchDefinition(40)))
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
		t.Errorf("edges from the bus into Failed: %+v, want one Catch edge labelled Catch States.ALL with an arrowhead", fromBus)
	}
	if l.Width > 800 {
		t.Errorf("drawing is %.0f px wide, want at most 800", l.Width)
	}
}

// TestSVG_BusDrawing: junctions are drawn as dots in the edge's colour and
// an edge into one has no arrowhead.
func TestSVG_BusDrawing(t *testing.T) {
	var b strings.Builder
	if err := SVG(context.Background(), &b, []byte(catchDefinition(8)), nil); err != nil {
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
