package graph

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

const caughtDef = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"Ok",
	"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Bad \"x\""}]},"Ok":{"Type":"Succeed"},"Bad \"x\"":{"Type":"Fail"}}}`

func colouredGraph(t testing.TB) *Graph {
	g := build(t, caughtDef)
	g.Colour(map[string]Status{"T": Caught, `Bad "x"`: Failed})
	return g
}

func TestRender(t *testing.T) {
	tests := []struct {
		format string
		render func(*Graph, *bytes.Buffer) error
		want   []string
	}{
		{"dot", func(g *Graph, b *bytes.Buffer) error { return g.DOT(b) }, []string{
			`n2 [label="T\nTask\n! caught", style="rounded,filled,dashed", fillcolor="#ffe0b2", color="#e65100", penwidth=2];`,
			`n4 [label="Bad \"x\"\nFail\n✗ failed", style="rounded,filled,bold", fillcolor="#ffcdd2"`,
			`n3 [label="Ok\nSucceed\n○ not reached", style="rounded,dashed"`,
			`n2 -> n4 [style=dashed, color="#c62828", fontcolor="#c62828", label="catch: States.ALL"];`,
			`n2 -> n3;`, `n1 [label="Start", shape=circle`, `n5 [label="End", shape=doublecircle`}},
		{"mermaid", func(g *Graph, b *bytes.Buffer) error { return g.Mermaid(b) }, []string{
			`n2("T<br/>Task<br/>! caught")`, `n4("Bad #quot;x#quot;<br/>Fail<br/>✗ failed")`,
			`n2 -.->|"catch: States.ALL"| n4`, `n2 --> n3`, `n1(("Start"))`,
			"classDef failed fill:#ffcdd2,stroke:#b71c1c,stroke-width:3px", "class n4 failed", "class n2 caught"}},
		{"svg", func(_ *Graph, b *bytes.Buffer) error {
			return SVG(context.Background(), b, []byte(caughtDef), map[string]Status{"T": Caught, `Bad "x"`: Failed})
		}, []string{
			"<svg ", ">T</text>", ">Bad &quot;x&quot;</text>", ">Fail · ✗ failed</text>", ">Task · ! caught</text>",
			">Succeed · ○ not reached</text>", `fill="#ffe0b2" stroke="#e65100"`, `fill="#ffcdd2" stroke="#b71c1c"`,
			`<g class="edge catch">`, ">Catch States.ALL</text>"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := tt.render(colouredGraph(t), &b); err != nil {
				t.Fatalf("render: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
		})
	}
}

// TestSVG_Samples renders every sample definition: every state name must
// appear in the SVG.
func TestSVG_Samples(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "events", "*", "*.asl.json"))
	if len(files) == 0 {
		t.Fatal("no sample definitions found")
	}
	for _, f := range files {
		t.Run(filepath.Base(filepath.Dir(f))+"/"+filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			assertSVGNamesStates(t, data)
		})
	}
}

// TestSVG_ConformanceCases renders every distinct definition of the
// conformance corpus: every state name must appear in the SVG.
func TestSVG_ConformanceCases(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "conformance", "cases", "*", "*.json"))
	if len(files) == 0 {
		t.Skip("conformance corpus not found beside the repository")
	}
	seen := map[string]bool{}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c struct{ Definition json.RawMessage }
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		def := c.Definition
		var text string
		if json.Unmarshal(def, &text) == nil {
			def = []byte(text) // a definition recorded as a JSON string
		}
		if seen[string(def)] {
			continue
		}
		seen[string(def)] = true
		t.Run(filepath.Base(f), func(t *testing.T) { assertSVGNamesStates(t, def) })
	}
	t.Logf("%d distinct definitions of %d cases", len(seen), len(files))
}

// assertSVGNamesStates draws def and checks that every state is named
// (as the console clips it) in the drawing, that everything laid out lies
// inside it and that no edge into or along a bus crosses a state.
func assertSVGNamesStates(t *testing.T, def []byte) {
	t.Helper()
	g := build(t, string(def))
	var b bytes.Buffer
	if err := SVG(context.Background(), &b, def, nil); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	for _, n := range g.Nodes() {
		if n.Kind == KindState && !strings.Contains(b.String(), ">"+esc(clipName(n.Name))+"</text>") {
			t.Errorf("SVG lacks state %q", n.Name)
		}
	}
	l, err := Lay(context.Background(), def)
	if err != nil {
		t.Fatalf("Lay: %v", err)
	}
	checkInDrawing(t, l)
	checkNoEdgeThroughState(t, l, func(e LaidEdge) bool { return e.Bus })
}

// clipName shortens a name as graph.js's clip(name, 36) does.
func clipName(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 36 {
		return string(r[:35]) + "…"
	}
	return s
}

// TestSVG_StopsWhenCancelled: a layout that runs for seconds in goja (300
// states with Parallels, Maps and buses of Catch and Default edges) ends
// with the context.
func TestSVG_StopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := SVG(ctx, &bytes.Buffer{}, []byte(graphtest.Nested(300)), nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("SVG past its deadline: %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 30*time.Second {
		t.Errorf("SVG returned %v after its deadline", d)
	}
}
