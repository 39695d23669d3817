package graph

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

func TestLargeDefinition(t *testing.T) {
	g := build(t, graphtest.Nested(300))
	if n := len(g.Nodes()); n < 300 {
		t.Fatalf("large definition has %d nodes, want at least 300", n)
	}
}

// BenchmarkDOT_300States measures building and writing the graph of a large
// definition.
func BenchmarkDOT_300States(b *testing.B) {
	def := graphtest.Nested(300)
	for b.Loop() {
		if err := build(b, def).DOT(&bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSVG_60States measures the console's layout (dagre in goja) of
// the 60-state graph above, whose many Catch and Default edges to one far
// state make dagre's cost grow steeply with size.
func BenchmarkSVG_60States(b *testing.B) {
	benchmarkSVG(b, graphtest.Nested(60))
}

// BenchmarkSVG_300StateChain measures a 300-state chain with Choices and
// Parallels (the console test's large definition) in the console's layout.
func BenchmarkSVG_300StateChain(b *testing.B) {
	benchmarkSVG(b, graphtest.Chain(300))
}

func benchmarkSVG(b *testing.B, def string) {
	for b.Loop() {
		if err := SVG(context.Background(), &bytes.Buffer{}, []byte(def), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSVG_OrderProcessing measures the sample workflow (13 states, a
// Parallel): a definition of everyday size.
func BenchmarkSVG_OrderProcessing(b *testing.B) {
	def, err := os.ReadFile(filepath.Join("..", "..", "events", "order-processing", "definition.asl.json"))
	if err != nil {
		b.Fatal(err)
	}
	benchmarkSVG(b, string(def))
}

// BenchmarkSVG_ParallelCase measures the conformance corpus's largest
// definition by states (test_parallel_state__PARALLEL_STATE, 8 states).
func BenchmarkSVG_ParallelCase(b *testing.B) {
	benchmarkSVG(b, `{"StartAt":"LoadInput","States":{"LoadInput":{"Type":"Pass","Result":[1,2,3,4],"Next":"ParallelState"},`+
		`"ParallelState":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"Branch1","States":{"Branch1":{"Type":"Pass","End":true}}},`+
		`{"StartAt":"Branch21","States":{"Branch21":{"Type":"Pass","Next":"Branch22"},"Branch22":{"Type":"Pass","End":true}}},`+
		`{"StartAt":"Branch31","States":{"Branch31":{"Type":"Pass","Next":"Branch32"},"Branch32":{"Type":"Pass","Next":"Branch33"},"Branch33":{"Type":"Pass","End":true}}}]}}}`)
}
