package graph

import (
	"sort"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/asl"
)

func build(t testing.TB, def string) *Graph {
	t.Helper()
	m, err := asl.Parse([]byte(def))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return Build(m)
}

// edgeSet renders edges as "From -kind-> To [label]" using node names, with
// the enclosing cluster's label for start/end markers, sorted.
func edgeSet(g *Graph) []string {
	names := map[string]string{}
	var walk func(c *Cluster)
	walk = func(c *Cluster) {
		for _, n := range c.Nodes {
			names[n.ID] = n.Name
			if n.Kind != KindState && c.Label != "" {
				names[n.ID] = n.Name + "(" + c.Label + ")"
			}
		}
		for _, s := range c.Clusters {
			walk(s)
		}
	}
	walk(g.Root)
	var out []string
	for _, e := range g.Edges {
		s := names[e.From] + " -" + e.Kind + "-> " + names[e.To]
		if e.Label != "" {
			s += " [" + e.Label + "]"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestBuild_Edges(t *testing.T) {
	tests := []struct {
		name, def string
		want      []string
	}{
		{"next and end", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`,
			[]string{"A -next-> B", "B -end-> End", "Start -start-> A"}},
		{"choice and default", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
			{"Variable":"$.n","NumericGreaterThanEquals":10,"Next":"Big"},
			{"Not":{"Variable":"$.k","StringEquals":"a"},"Next":"NotA"}],"Default":"Other"},
			"Big":{"Type":"Succeed"},"NotA":{"Type":"Succeed"},"Other":{"Type":"Fail","Error":"E"}}}`,
			[]string{"Big -end-> End", "C -choice-> Big [$.n >= 10]", `C -choice-> NotA [not ($.k == "a")]`,
				"C -default-> Other [Default]", "NotA -end-> End", "Other -end-> End", "Start -start-> C"}},
		{"catch apart from next", `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f","Next":"Ok",
			"Catch":[{"ErrorEquals":["States.Timeout","Custom"],"Next":"Bad"}]},"Ok":{"Type":"Succeed"},"Bad":{"Type":"Fail"}}}`,
			[]string{"Bad -end-> End", "Ok -end-> End", "Start -start-> T", "T -catch-> Bad [catch: States.Timeout, Custom]", "T -next-> Ok"}},
		{"parallel branches", `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
			{"StartAt":"X","States":{"X":{"Type":"Pass","End":true}}},{"StartAt":"Y","States":{"Y":{"Type":"Pass","End":true}}}]}}}`,
			[]string{"P -branch-> Start(Branch 1)", "P -branch-> Start(Branch 2)", "P -end-> End", "Start -start-> P",
				"Start(Branch 1) -start-> X", "Start(Branch 2) -start-> Y", "X -end-> End(Branch 1)", "Y -end-> End(Branch 2)"}},
		{"map processor", `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}}}}}`,
			[]string{"I -end-> End(M (Map item processor))", "M -branch-> Start(M (Map item processor))", "M -end-> End",
				"Start -start-> M", "Start(M (Map item processor)) -start-> I"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := edgeSet(build(t, tt.def))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestBuild_NestedClusters checks a Map inside a Parallel branch inside a
// Map: each level is its own cluster, holding its own states.
func TestBuild_NestedClusters(t *testing.T) {
	g := build(t, `{"StartAt":"Outer","States":{"Outer":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"P","States":{
		"P":{"Type":"Parallel","End":true,"Branches":[{"StartAt":"Inner","States":{"Inner":{"Type":"Map","End":true,
		"ItemProcessor":{"StartAt":"Leaf","States":{"Leaf":{"Type":"Pass","End":true}}}}}}]}}}}}}`)
	var path []string
	c := g.Root
	for len(c.Clusters) > 0 {
		c = c.Clusters[0]
		path = append(path, c.Label)
	}
	want := "Outer (Map item processor)/P (Parallel)/Branch 1/Inner (Map item processor)"
	if got := strings.Join(path, "/"); got != want {
		t.Fatalf("cluster path %q, want %q", got, want)
	}
	if names := stateNames(c); names != "Leaf" {
		t.Errorf("innermost cluster holds %q, want Leaf", names)
	}
}

func stateNames(c *Cluster) string {
	var out []string
	for _, n := range c.Nodes {
		if n.Kind == KindState {
			out = append(out, n.Name)
		}
	}
	return strings.Join(out, ",")
}
