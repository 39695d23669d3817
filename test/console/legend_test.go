//go:build integration

package console

import (
	"strings"
	"testing"
)

// legendItem is one status in the execution page's legend.
type legendItem struct {
	Status string
	Label  string // the text beside the sample
	Glyph  string // the glyph inside the sample
	Sample string // the sample's fill, stroke, dash pattern and width
	Node   string // the same for a graph node with that status
}

// legendJS reads the legend and, for each status, how the graph draws a
// node with it (a probe node added to the graph and removed).
const legendJS = `(() => {
  const svg = document.querySelector("#graph svg"), ns = "http://www.w3.org/2000/svg";
  const probe = document.createElementNS(ns, "g"), rect = document.createElementNS(ns, "rect");
  probe.append(rect); svg.append(probe);
  const look = (r) => { const c = getComputedStyle(r); return [c.fill, c.stroke, c.strokeDasharray, c.strokeWidth].join(" | "); };
  const items = [...document.querySelectorAll("#legend [data-status]")].map((item) => {
    probe.setAttribute("class", "node st-" + item.dataset.status);
    const sample = item.querySelector("svg.swatch rect");
    return { Status: item.dataset.status, Label: item.querySelector(".legend-label")?.textContent || "",
      Glyph: item.querySelector("svg.swatch text")?.textContent || "", Sample: sample ? look(sample) : "", Node: look(rect) };
  });
  probe.remove();
  return items;
})()`

// checkLegend fails the test unless the legend shows every status the
// graph draws with a sample drawn as the graph draws it, and a cue other
// than hue: a glyph of its own and its name.
func checkLegend(t *testing.T, d driver, step string) {
	t.Helper()
	var items []legendItem
	d.eval(step, legendJS, &items)
	want := []string{"not-reached", "running", "succeeded", "failed", "caught", "aborted"}
	if len(items) != len(want) {
		t.Fatalf("%s: legend %+v, want the statuses %v", step, items, want)
	}
	glyphs := map[string]string{}
	for i, it := range items {
		name := strings.ReplaceAll(want[i], "-", " ")
		if it.Status != want[i] || !strings.HasSuffix(it.Label, " "+name) || it.Sample == "" || it.Sample != it.Node {
			t.Errorf("%s: legend item %d: %+v: want %s named, its sample drawn as a node with that status", step, i, it, want[i])
		}
		if it.Glyph == "" || !strings.HasPrefix(it.Label, it.Glyph+" ") || glyphs[it.Glyph] != "" {
			t.Errorf("%s: legend item %+v: want a glyph of its own (others: %v), in the sample and the label", step, it, glyphs)
		}
		glyphs[it.Glyph] = it.Status
	}
	// Each sample differs from the others in more than hue: by its glyph
	// above, and the states drawn on the page carry the same label.
	var marks []string
	d.eval(step+" nodes", `[...document.querySelectorAll("#graph g.node")].map((n) => [...n.classList].find((c) => c.startsWith("st-")).slice(3) + "=" + n.querySelector("text.type").textContent)`, &marks)
	for _, m := range marks {
		status, text, _ := strings.Cut(m, "=")
		for _, it := range items {
			if it.Status == status && !strings.HasSuffix(text, " · "+it.Label) {
				t.Errorf("%s: a %s node reads %q, the legend %q", step, status, text, it.Label)
			}
		}
	}
}
