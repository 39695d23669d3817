package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		{"svg", func(g *Graph, b *bytes.Buffer) error { return g.SVG(context.Background(), b) }, []string{
			"<svg ", ">T</text>", ">Bad &quot;x&quot;</text>", ">✗ failed</text>", ">! caught</text>",
			`fill="#ffe0b2"`, ">catch: States.ALL</text>"}},
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
			g := build(t, string(data))
			var b bytes.Buffer
			if err := g.SVG(context.Background(), &b); err != nil {
				t.Fatalf("SVG: %v", err)
			}
			for _, n := range g.Nodes() {
				if !strings.Contains(b.String(), fmt.Sprintf(">%s</text>", n.Name)) {
					t.Errorf("SVG lacks state %q", n.Name)
				}
			}
		})
	}
}

func TestSVG_RefusesGraphsTooLargeToLayOut(t *testing.T) {
	g := build(t, largeDefinition(300))
	if n := len(g.Nodes()); n <= MaxSVGNodes {
		t.Fatalf("300 states gave only %d nodes", n)
	}
	if err := g.SVG(context.Background(), &bytes.Buffer{}); !errors.Is(err, ErrTooLargeForSVG) {
		t.Fatalf("SVG of a 300-state graph: %v, want ErrTooLargeForSVG", err)
	}
	if n := len(build(t, largeDefinition(60)).Nodes()); n > MaxSVGNodes {
		t.Fatalf("the 60-state benchmark graph has %d nodes, over MaxSVGNodes", n)
	}
}
