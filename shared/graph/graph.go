// Package graph turns a parsed state machine definition into a graph of its
// states and transitions, optionally coloured by an execution's history, and
// renders it as DOT, Mermaid or SVG.
package graph

import (
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/asl"
)

// Node kinds: a state, or the start or end marker of a (sub)machine.
const (
	KindState = "state"
	KindStart = "start"
	KindEnd   = "end"
)

// Edge kinds. Catch edges are kept apart from normal transitions so that
// renderers can draw them differently.
const (
	EdgeNext    = "next"
	EdgeDefault = "default"
	EdgeChoice  = "choice"
	EdgeCatch   = "catch"
	EdgeBranch  = "branch" // from a Parallel or Map state into its branch
	EdgeStart   = "start"
	EdgeEnd     = "end"
)

// Node is a state or a start/end marker.
type Node struct {
	ID     string
	Name   string // state name; "Start" or "End" for markers
	Type   string // ASL state type; empty for markers
	Kind   string
	Status Status // empty when no history colours the graph
}

// Edge is a directed transition between two nodes.
type Edge struct {
	From, To string
	Kind     string
	Label    string
}

// Cluster is a group of nodes: the whole machine, a Parallel or Map state's
// contents, or one Parallel branch.
type Cluster struct {
	ID       string
	Label    string
	Nodes    []*Node
	Clusters []*Cluster
}

// Graph is a definition's states (grouped in nested clusters) and edges.
type Graph struct {
	Root  *Cluster
	Edges []Edge
	byID  map[string]*Node
}

// Build makes the graph of a parsed definition.
func Build(def *asl.StateMachine) *Graph {
	b := &builder{g: &Graph{byID: map[string]*Node{}}}
	b.g.Root = &Cluster{ID: "root"}
	b.machine(def, b.g.Root)
	return b.g
}

// Nodes returns every node, depth first in document order.
func (g *Graph) Nodes() []*Node {
	var out []*Node
	var walk func(c *Cluster)
	walk = func(c *Cluster) {
		out = append(out, c.Nodes...)
		for _, sub := range c.Clusters {
			walk(sub)
		}
	}
	walk(g.Root)
	return out
}

// Node returns the node with the given ID, or nil.
func (g *Graph) Node(id string) *Node { return g.byID[id] }

type builder struct {
	g *Graph
	n int
}

func (b *builder) node(c *Cluster, name, typ, kind string) *Node {
	b.n++
	n := &Node{ID: "n" + strconv.Itoa(b.n), Name: name, Type: typ, Kind: kind}
	c.Nodes = append(c.Nodes, n)
	b.g.byID[n.ID] = n
	return n
}

func (b *builder) edge(from, to, kind, label string) {
	b.g.Edges = append(b.g.Edges, Edge{From: from, To: to, Kind: kind, Label: label})
}

// machine adds a (sub)machine's start marker, states, end marker and edges to
// c, and returns the start marker's ID.
func (b *builder) machine(m *asl.StateMachine, c *Cluster) string {
	start := b.node(c, "Start", "", KindStart)
	ids := make(map[string]string, len(m.Order))
	for _, name := range m.Order {
		ids[name] = b.node(c, name, m.States[name].Type, KindState).ID
	}
	end := b.node(c, "End", "", KindEnd)
	if id, ok := ids[m.StartAt]; ok {
		b.edge(start.ID, id, EdgeStart, "")
	}
	for _, name := range m.Order {
		b.transitions(m.States[name], ids, end.ID, c)
	}
	return start.ID
}

// transitions adds a state's outgoing edges and, for Parallel and Map, the
// cluster holding its branches.
func (b *builder) transitions(s *asl.State, ids map[string]string, end string, c *Cluster) {
	from := ids[s.Name]
	to := func(name string) (string, bool) { id, ok := ids[name]; return id, ok }
	for _, r := range s.Choices {
		if id, ok := to(r.Next); ok {
			b.edge(from, id, EdgeChoice, Condition(r))
		}
	}
	if id, ok := to(s.Default); ok && s.Type == asl.TypeChoice {
		b.edge(from, id, EdgeDefault, "Default")
	}
	if id, ok := to(s.Next); ok && !s.End {
		b.edge(from, id, EdgeNext, "")
	}
	for _, cat := range s.Catch {
		if id, ok := to(cat.Next); ok {
			b.edge(from, id, EdgeCatch, "catch: "+strings.Join(cat.ErrorEquals, ", "))
		}
	}
	if s.IsTerminal() {
		b.edge(from, end, EdgeEnd, "")
	}
	b.nested(s, from, c)
}

// nested adds the cluster of a Parallel state's branches or a Map state's
// item processor.
func (b *builder) nested(s *asl.State, from string, c *Cluster) {
	switch {
	case s.Type == asl.TypeParallel && len(s.Branches) > 0:
		group := &Cluster{ID: from + "_group", Label: s.Name + " (Parallel)"}
		c.Clusters = append(c.Clusters, group)
		for i, br := range s.Branches {
			sub := &Cluster{ID: from + "_b" + strconv.Itoa(i+1), Label: "Branch " + strconv.Itoa(i+1)}
			group.Clusters = append(group.Clusters, sub)
			b.edge(from, b.machine(br, sub), EdgeBranch, "")
		}
	case s.Type == asl.TypeMap && s.Processor != nil:
		group := &Cluster{ID: from + "_group", Label: s.Name + " (Map item processor)"}
		c.Clusters = append(c.Clusters, group)
		b.edge(from, b.machine(s.Processor, group), EdgeBranch, "")
	}
}
