package graph

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// largeDefinition makes a definition of about n states: a chain of Choice,
// Task (with Catch) and Pass states, with every tenth state a Parallel whose
// branches hold a Map whose processor holds a small chain.
func largeDefinition(n int) string {
	var states []string
	count := 0
	for i := 0; count < n; i++ {
		next := fmt.Sprintf(`"Next":"S%d"`, i+1)
		if count+12 >= n {
			next = `"End":true`
		}
		switch {
		case i%10 == 9:
			inner := fmt.Sprintf(`{"StartAt":"M%d_%%d","States":{"M%d_%%d":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I%d_%%d_0","States":{`+
				`"I%d_%%d_0":{"Type":"Pass","Next":"I%d_%%d_1"},"I%d_%%d_1":{"Type":"Pass","End":true}}}}}}`, i, i, i, i, i, i)
			br := []string{strings.ReplaceAll(inner, "%d", "0"), strings.ReplaceAll(inner, "%d", "1")}
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Parallel",%s,"Branches":[%s]}`, i, next, strings.Join(br, ",")))
			count += 7
		case i%3 == 0:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":%d,%s}],"Default":"Fail"}`, i, i, next))
			count++
		case i%3 == 1:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",%s,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Fail"}]}`, i, next))
			count++
		default:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Pass",%s}`, i, next))
			count++
		}
		if strings.HasSuffix(next, "true") {
			break
		}
	}
	states = append(states, `"Fail":{"Type":"Fail","Error":"E"}`)
	return `{"StartAt":"S0","States":{` + strings.Join(states, ",") + `}}`
}

func TestLargeDefinition(t *testing.T) {
	g := build(t, largeDefinition(300))
	if n := len(g.Nodes()); n < 300 {
		t.Fatalf("large definition has %d nodes, want at least 300", n)
	}
}

// BenchmarkDOT_300States measures building and writing the graph of a large
// definition.
func BenchmarkDOT_300States(b *testing.B) {
	def := largeDefinition(300)
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
	benchmarkSVG(b, largeDefinition(60))
}

// BenchmarkSVG_300StateChain measures a 300-state chain with Choices and
// Parallels (the console test's large definition) in the console's layout.
func BenchmarkSVG_300StateChain(b *testing.B) {
	benchmarkSVG(b, chainDefinition(300))
}

func benchmarkSVG(b *testing.B, def string) {
	for b.Loop() {
		if err := SVG(context.Background(), &bytes.Buffer{}, []byte(def), nil); err != nil {
			b.Fatal(err)
		}
	}
}

// chainDefinition makes n states in a chain: every tenth a Choice that may
// skip one, every 25th (from the 5th) a Parallel of two one-state branches.
func chainDefinition(n int) string {
	name := func(i int) string { return fmt.Sprintf("Step%03d", i) }
	states := make([]string, 0, n)
	for i := 0; i < n; i++ {
		next := fmt.Sprintf(`"Next":%q`, name(i+1))
		if i == n-1 {
			next = `"End":true`
		}
		s := fmt.Sprintf(`{"Type":"Pass",%s}`, next)
		switch {
		case i%25 == 5 && i < n-1:
			br := func(side string) string {
				return fmt.Sprintf(`{"StartAt":"%[1]s","States":{"%[1]s":{"Type":"Pass","End":true}}}`, name(i)+side)
			}
			s = fmt.Sprintf(`{"Type":"Parallel","Branches":[%s,%s],%s}`, br("L"), br("R"), next)
		case i%10 == 0 && i < n-2:
			s = fmt.Sprintf(`{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":%d,"Next":%q}],"Default":%q}`, i, name(i+2), name(i+1))
		}
		states = append(states, fmt.Sprintf("%q:%s", name(i), s))
	}
	return fmt.Sprintf(`{"StartAt":%q,"States":{%s}}`, name(0), strings.Join(states, ","))
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
