package graph

import (
	"fmt"
	"io"
	"strings"
)

// DOT writes the graph in Graphviz's DOT language: top to bottom, each
// Parallel/Map group and Parallel branch a cluster.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph stepwise {\n")
	b.WriteString("  rankdir=TB; compound=true; fontname=\"Helvetica\"; nodesep=0.4;\n")
	b.WriteString("  node [fontname=\"Helvetica\", fontsize=11, shape=box, style=rounded];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=9];\n")
	g.dotCluster(&b, g.Root, "  ")
	for _, e := range g.Edges {
		fmt.Fprintf(&b, "  %s -> %s", e.From, e.To)
		attrs := edgeLook[e.Kind]
		if e.Label != "" {
			attrs = join(attrs, "label="+quote(e.Label))
		}
		if attrs != "" {
			fmt.Fprintf(&b, " [%s]", attrs)
		}
		b.WriteString(";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func (g *Graph) dotCluster(b *strings.Builder, c *Cluster, indent string) {
	for _, n := range c.Nodes {
		fmt.Fprintf(b, "%s%s [%s];\n", indent, n.ID, dotNode(n))
	}
	for _, sub := range c.Clusters {
		fmt.Fprintf(b, "%ssubgraph cluster_%s {\n", indent, sub.ID)
		fmt.Fprintf(b, "%s  label=%s; style=\"rounded,dashed\"; color=\"#616161\";\n", indent, quote(sub.Label))
		g.dotCluster(b, sub, indent+"  ")
		fmt.Fprintf(b, "%s}\n", indent)
	}
}

func dotNode(n *Node) string {
	label := "label=" + quote(strings.Join(n.label(), "\n"))
	switch n.Kind {
	case KindStart:
		return label + `, shape=circle, style=filled, fillcolor="#212121", fontcolor=white, fontsize=9, width=0.5, fixedsize=true`
	case KindEnd:
		return label + `, shape=doublecircle, style=filled, fillcolor="#212121", fontcolor=white, fontsize=9, width=0.45, fixedsize=true`
	}
	attrs := label
	if n.Type == "Choice" {
		attrs += ", shape=diamond, style=\"\""
	}
	if l, ok := looks[n.Status]; ok {
		style := l.style
		if n.Type == "Choice" {
			style = strings.TrimPrefix(style, "rounded,")
		}
		attrs += fmt.Sprintf(", style=%s, fillcolor=%s, color=%s", quote(style), quote(l.fill), quote(l.border))
		if l.penwidth > 0 {
			attrs += fmt.Sprintf(", penwidth=%d", l.penwidth)
		}
	}
	return attrs
}

// quote makes a DOT string: backslashes and quotes escaped, newlines as
// centred line breaks.
func quote(s string) string {
	s = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
	return `"` + s + `"`
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + ", " + b
}
