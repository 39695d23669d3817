package graph

import (
	"fmt"
	"io"
	"strings"
)

// Mermaid writes the graph as a Mermaid flowchart: clusters as subgraphs,
// Catch edges dotted, statuses as classes (fill and border) plus the text
// marker in the label.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart TB\n")
	g.mermaidCluster(&b, g.Root, "  ")
	for _, e := range g.Edges {
		arrow := "-->"
		switch e.Kind {
		case EdgeCatch, EdgeBranch:
			arrow = "-.->"
		}
		if e.Label != "" {
			arrow += "|" + mermaidText(e.Label) + "|"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", e.From, arrow, e.To)
	}
	g.mermaidClasses(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func (g *Graph) mermaidCluster(b *strings.Builder, c *Cluster, indent string) {
	for _, n := range c.Nodes {
		text := mermaidText(strings.Join(n.label(), "\n"))
		switch {
		case n.Kind != KindState:
			fmt.Fprintf(b, "%s%s((%s))\n", indent, n.ID, text)
		case n.Type == "Choice":
			fmt.Fprintf(b, "%s%s{%s}\n", indent, n.ID, text)
		default:
			fmt.Fprintf(b, "%s%s(%s)\n", indent, n.ID, text)
		}
	}
	for _, sub := range c.Clusters {
		fmt.Fprintf(b, "%ssubgraph %s[%s]\n", indent, sub.ID, mermaidText(sub.Label))
		g.mermaidCluster(b, sub, indent+"  ")
		fmt.Fprintf(b, "%send\n", indent)
	}
}

// mermaidClasses declares one class per status in use and assigns it.
func (g *Graph) mermaidClasses(b *strings.Builder) {
	members := map[Status][]string{}
	for _, n := range g.Nodes() {
		if n.Status != "" {
			members[n.Status] = append(members[n.Status], n.ID)
		}
	}
	for _, s := range []Status{NotReached, Running, Succeeded, Failed, Caught, Aborted} {
		if len(members[s]) == 0 {
			continue
		}
		l := looks[s]
		name := strings.ReplaceAll(string(s), " ", "_")
		width := max(l.penwidth, 1)
		dash := ""
		if strings.Contains(l.style, "dash") || strings.Contains(l.style, "dot") {
			dash = ",stroke-dasharray:4 3"
		}
		fmt.Fprintf(b, "  classDef %s fill:%s,stroke:%s,stroke-width:%dpx%s\n", name, l.fill, l.border, width, dash)
		fmt.Fprintf(b, "  class %s %s\n", strings.Join(members[s], ","), name)
	}
}

// mermaidText quotes a label; Mermaid takes entity codes for quotes and
// <br/> for line breaks.
func mermaidText(s string) string {
	s = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "\n", "<br/>").Replace(s)
	return `"` + s + `"`
}
