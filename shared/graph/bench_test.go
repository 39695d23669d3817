package graph

import (
	"bytes"
	"context"
	"fmt"
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

// BenchmarkSVG_60States measures Graphviz's layout. Its cost grows steeply
// with size: about 1.7 s at 120 states, and 300 states did not finish in
// ten minutes (issue 12's open point).
func BenchmarkSVG_60States(b *testing.B) {
	def := largeDefinition(60)
	for b.Loop() {
		g := build(b, def)
		if err := g.SVG(context.Background(), &bytes.Buffer{}); err != nil {
			b.Fatal(err)
		}
	}
}
