package graph

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
)

// rectLook is a state box's fill and border per status, as console.css
// draws them (st-plain when no history colours the graph).
var rectLook = map[Status]string{
	"":         `fill="#fff" stroke="#555" stroke-width="1.5"`,
	NotReached: `fill="#fff" stroke="#9e9e9e" stroke-width="1.5" stroke-dasharray="4 3"`,
	Running:    `fill="#bbdefb" stroke="#0d47a1" stroke-width="3"`,
	Succeeded:  `fill="#c8e6c9" stroke="#1b5e20" stroke-width="1.5"`,
	Failed:     `fill="#ffcdd2" stroke="#b71c1c" stroke-width="3"`,
	Caught:     `fill="#ffe0b2" stroke="#e65100" stroke-width="2" stroke-dasharray="6 2"`,
	Aborted:    `fill="#e0e0e0" stroke="#212121" stroke-width="2" stroke-dasharray="2 2"`,
}

// SVG lays the definition (its JSON text) out with the console's own code
// and draws it as the console's pages do, with the page's styles written
// inline. statuses, from Statuses, colour the states as the execution page
// does; nil draws the plain graph of the state machine page.
func SVG(ctx context.Context, w io.Writer, def []byte, statuses map[string]Status) error {
	l, err := Lay(ctx, def)
	if err != nil {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" font-family="system-ui, sans-serif" role="group" aria-label="Workflow graph">`+"\n",
		num(l.Width), num(l.Height), num(l.Width), num(l.Height))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>` + "\n")
	writeGroups(&b, l.Groups)
	for _, e := range l.Edges {
		writeEdge(&b, e)
	}
	for _, n := range l.Nodes {
		writeNode(&b, n, statuses)
	}
	b.WriteString("</svg>\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// writeGroups draws outer groups first, so inner ones sit on top.
func writeGroups(b *strings.Builder, groups []LaidGroup) {
	sorted := append([]LaidGroup(nil), groups...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Depth < sorted[j].Depth })
	for _, g := range sorted {
		x, y := g.X-g.Width/2, g.Y-g.Height/2
		fmt.Fprintf(b, `<g class="group"><rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="#fafafa" stroke="#999" stroke-dasharray="4 3"/>`,
			num(x), num(y), num(g.Width), num(g.Height))
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="11" fill="#333">%s</text></g>`+"\n", num(x+6), num(y+13), esc(g.Label))
	}
}

func writeEdge(b *strings.Builder, e LaidEdge) {
	pts := make([]string, len(e.Points))
	for i, p := range e.Points {
		pts[i] = fmt.Sprintf("%.1f,%.1f", p.X, p.Y)
	}
	stroke, text, class := `stroke="#555"`, "#333", "edge"
	if e.Catch {
		stroke, text, class = `stroke="#c62828" stroke-dasharray="6 4"`, "#b71c1c", "edge catch"
	}
	marker := ` marker-end="url(#arrow)"`
	if e.Bus {
		marker = "" // it goes on along the bus
	}
	fmt.Fprintf(b, `<g class="%s"><path d="M%s" fill="none" %s stroke-width="1.3"%s/>`, class, strings.Join(pts, " L"), stroke, marker)
	if e.Label != "" {
		fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="10" fill="%s">%s</text>`, num(e.Centre.X), num(e.Centre.Y+3), text, esc(e.Label))
	}
	b.WriteString("</g>\n")
}

func writeNode(b *strings.Builder, n LaidNode, statuses map[string]Status) {
	switch {
	case n.Bus:
		fill, class := "#555", "junction"
		if n.Catch {
			fill, class = "#c62828", "junction catch"
		}
		fmt.Fprintf(b, `<circle class="%s" cx="%s" cy="%s" r="3" fill="%s" aria-hidden="true"/>`+"\n", class, num(n.X), num(n.Y), fill)
		return
	case n.Join:
		fmt.Fprintf(b, `<g class="terminal" aria-hidden="true"><circle cx="%s" cy="%s" r="4" fill="#333"/></g>`+"\n", num(n.X), num(n.Y))
		return
	case n.Terminal && n.ID == "__end":
		fmt.Fprintf(b, `<g class="terminal end"><circle cx="%[1]s" cy="%[2]s" r="9" fill="#fff" stroke="#333" stroke-width="2"/><circle cx="%[1]s" cy="%[2]s" r="5" fill="#333"/><title>End</title></g>`+"\n", num(n.X), num(n.Y))
		return
	case n.Terminal:
		fmt.Fprintf(b, `<g class="terminal"><circle cx="%s" cy="%s" r="9" fill="#333"/><title>%s</title></g>`+"\n", num(n.X), num(n.Y), esc(n.Text))
		return
	}
	var status Status
	marker := n.Type
	if statuses != nil {
		status = NotReached
		if s, ok := statuses[n.ID]; ok {
			status = s
		}
		marker += " · " + looks[status].marker
	}
	fmt.Fprintf(b, `<g class="node st-%s" data-state="%s"><rect x="%s" y="%s" width="%s" height="%s" rx="8" %s/>`,
		cssStatus(status), esc(n.ID), num(n.X-n.Width/2), num(n.Y-n.Height/2), num(n.Width), num(n.Height), rectLook[status])
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="12" fill="#111">%s</text>`, num(n.X), num(n.Y-3), esc(n.Text))
	fmt.Fprintf(b, `<text x="%s" y="%s" text-anchor="middle" font-size="10" fill="#444">%s</text></g>`+"\n", num(n.X), num(n.Y+15), esc(marker))
}

// cssStatus is the console's class suffix for a status.
func cssStatus(s Status) string {
	if s == "" {
		return "plain"
	}
	return strings.ReplaceAll(string(s), " ", "-")
}

// num prints a coordinate without float noise.
func num(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func esc(s string) string { return escaper.Replace(s) }
