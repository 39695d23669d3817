//go:build integration

package console

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stepwise/stepwise/shared/graph"
	"github.com/stepwise/stepwise/shared/graph/graphtest"
	"github.com/stepwise/stepwise/test/harness"
)

// TestConsoleLayoutMatchesCLI lays out definitions in the console page
// (Chromium) and with graph.Lay, which `stepwise graph` draws from (goja):
// every node, group and edge must be placed alike, small graphs and large.
func TestConsoleLayoutMatchesCLI(t *testing.T) {
	order, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", "order-processing", "definition.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	largestName, largest := largestCase(t)
	defs := []struct{ name, def string }{
		{"order-processing", string(order)}, {"map and parallel", fanDefinition},
		{"wide", wideDefinition(6)}, {largestName, largest}, {"60 states", graphtest.Chain(60)},
		{"60 Catch edges to one state", graphtest.Catches(60)},
		// Large graphs take dagre's cheaper steps (tight-tree ranking, its
		// first order): those too must place alike.
		{"300 Catch edges to one state", graphtest.Catches(300)}, {"300 states", graphtest.Chain(300)},
		{"300 states nested three deep", graphtest.Nested(300)},
	}
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	b := newBrowser(t)
	b.run("editor", chromedp.Navigate(url+"/console/editor"), chromedp.WaitVisible(chromedp.CSS(`#diagnostics .ok`)))
	for _, d := range defs {
		src, _ := json.Marshal(d.def)
		page := value(b, "layout "+d.name, chromedp.Evaluate[string](`(`+graph.ExportJS+`)(`+string(src)+`)`))
		var want graph.Layout
		if err := json.Unmarshal([]byte(page), &want); err != nil {
			t.Fatalf("%s: page layout: %v", d.name, err)
		}
		got, err := graph.Lay(context.Background(), []byte(d.def))
		if err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		compareLayouts(t, d.name, &want, got)
	}
}

func compareLayouts(t *testing.T, name string, want, got *graph.Layout) {
	t.Helper()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-6 }
	if !near(want.Width, got.Width) || !near(want.Height, got.Height) {
		t.Errorf("%s: size %.2f×%.2f, console %.2f×%.2f", name, got.Width, got.Height, want.Width, want.Height)
	}
	if len(want.Nodes) != len(got.Nodes) || len(want.Groups) != len(got.Groups) || len(want.Edges) != len(got.Edges) {
		t.Fatalf("%s: %d nodes, %d groups, %d edges; console %d, %d, %d", name,
			len(got.Nodes), len(got.Groups), len(got.Edges), len(want.Nodes), len(want.Groups), len(want.Edges))
	}
	box := func(kind, id string, w, g graph.Box) {
		if !near(w.X, g.X) || !near(w.Y, g.Y) || !near(w.Width, g.Width) || !near(w.Height, g.Height) {
			t.Errorf("%s: %s %s at %+v, console %+v", name, kind, id, g, w)
		}
	}
	for i, w := range want.Nodes {
		if g := got.Nodes[i]; g.ID != w.ID {
			t.Errorf("%s: node %d is %q, console %q", name, i, g.ID, w.ID)
		} else {
			box("node", w.ID, w.Box, g.Box)
		}
	}
	for i, w := range want.Groups {
		box("group", w.ID, w.Box, got.Groups[i].Box)
	}
	for i, w := range want.Edges {
		g := got.Edges[i]
		same := len(g.Points) == len(w.Points) && g.Label == w.Label && near(g.Centre.X, w.Centre.X) && near(g.Centre.Y, w.Centre.Y) &&
			g.From == w.From && g.To == w.To && g.Catch == w.Catch && g.Bus == w.Bus
		for j := 0; same && j < len(w.Points); j++ {
			same = near(g.Points[j].X, w.Points[j].X) && near(g.Points[j].Y, w.Points[j].Y)
		}
		if !same {
			t.Errorf("%s: edge %d routed %+v, console %+v", name, i, g, w)
		}
	}
	t.Logf("%s: %d nodes, %d groups, %d edges placed alike", name, len(got.Nodes), len(got.Groups), len(got.Edges))
}
