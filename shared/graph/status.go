package graph

import (
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Status is what an execution did with a state.
type Status string

// Statuses, from an execution's history. The zero Status means no history.
const (
	NotReached Status = "not reached"
	Running    Status = "running"
	Succeeded  Status = "succeeded"
	Failed     Status = "failed"
	Caught     Status = "caught" // failed, and a Catch moved on
	Aborted    Status = "aborted"
)

// rank orders statuses for a state entered several times (Map iterations,
// loops): the most telling one wins.
var rank = map[Status]int{NotReached: 0, Succeeded: 1, Caught: 2, Aborted: 3, Running: 4, Failed: 5}

// Colour sets each state node's status from a state-name→status map; states
// the map does not name were not reached.
func (g *Graph) Colour(statuses map[string]Status) {
	for _, n := range g.Nodes() {
		if n.Kind != KindState {
			continue
		}
		n.Status = NotReached
		if s, ok := statuses[n.Name]; ok {
			n.Status = s
		}
	}
}

// ParseHistory reads GetExecutionHistory's JSON ({"events":[…]}) or
// `stepwise run --history`'s output ({"history":[…]}).
func ParseHistory(data []byte) ([]*jsonval.Object, error) {
	v, err := jsonval.Decode(data)
	if err != nil {
		return nil, fmt.Errorf("execution history: %w", err)
	}
	doc, ok := v.(*jsonval.Object)
	if !ok {
		return nil, fmt.Errorf("execution history: not a JSON object")
	}
	list, ok := doc.Get("events")
	if !ok {
		list, ok = doc.Get("history")
	}
	arr, isArr := list.([]any)
	if !ok || !isArr {
		return nil, fmt.Errorf(`execution history: no "events" or "history" array`)
	}
	events := make([]*jsonval.Object, 0, len(arr))
	for i, e := range arr {
		o, ok := e.(*jsonval.Object)
		if !ok {
			return nil, fmt.Errorf("execution history: event %d is not an object", i)
		}
		events = append(events, o)
	}
	return events, nil
}

// isFailure reports whether an event type is a state's failure (not the
// execution's, nor one Map iteration's or Parallel branch's).
func isFailure(typ string) bool {
	for _, p := range []string{"Execution", "MapIteration", "ParallelBranch", "MapRun"} {
		if strings.HasPrefix(typ, p) {
			return false
		}
	}
	return strings.HasSuffix(typ, "Failed") || strings.HasSuffix(typ, "TimedOut")
}

// look is how a status is drawn: a fill colour AND a text marker and border,
// so that status never relies on hue alone.
type look struct {
	fill, border, marker, style string
	penwidth                    int
}

var looks = map[Status]look{
	NotReached: {fill: "#ffffff", border: "#9e9e9e", marker: "○ not reached", style: "rounded,dashed"},
	Running:    {fill: "#bbdefb", border: "#0d47a1", marker: "▶ running", style: "rounded,filled,bold"},
	Succeeded:  {fill: "#c8e6c9", border: "#1b5e20", marker: "✓ succeeded", style: "rounded,filled"},
	Failed:     {fill: "#ffcdd2", border: "#b71c1c", marker: "✗ failed", style: "rounded,filled,bold", penwidth: 3},
	Caught:     {fill: "#ffe0b2", border: "#e65100", marker: "! caught", style: "rounded,filled,dashed", penwidth: 2},
	Aborted:    {fill: "#e0e0e0", border: "#212121", marker: "■ aborted", style: "rounded,filled,dotted", penwidth: 2},
}

// label is a state node's text: name, type and, when coloured, the status
// marker.
func (n *Node) label() []string {
	switch n.Kind {
	case KindStart, KindEnd:
		return []string{n.Name}
	}
	lines := []string{n.Name, n.Type}
	if l, ok := looks[n.Status]; ok {
		lines = append(lines, l.marker)
	}
	return lines
}

// edgeLook is how an edge kind is drawn in DOT.
var edgeLook = map[string]string{
	EdgeCatch:   `style=dashed, color="#c62828", fontcolor="#c62828"`,
	EdgeBranch:  `style=dotted, arrowhead=empty`,
	EdgeDefault: `fontcolor="#424242"`,
}
