package sfnapi

import (
	"reflect"
	"testing"
)

func TestVariableReferences(t *testing.T) {
	tests := []struct {
		name, def string
		want      map[string][]string
	}{
		{"none", `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"x":"$y"},"End":true}}}`, nil},
		{"paths and assign", `{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$b","OutputPath":"$b.c","ResultPath":"$.r","Assign":{"x.$":"$a"},"End":true}}}`,
			map[string][]string{"A": {"a", "b"}}},
		{"template literal and context are not references", `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"l":"$lit","c.$":"$$.Execution.Id","p.$":"$.x"},"End":true}}}`, nil},
		{"intrinsic arguments", `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"f.$":"States.Format('{} $q', $n, $.x)"},"End":true}}}`,
			map[string][]string{"A": {"n"}}},
		{"choice rules", `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"And":[{"Variable":"$g","StringEqualsPath":"$a","Next":"E"}],"Next":"E"}],"Default":"E"},"E":{"Type":"Succeed"}}}`,
			map[string][]string{"C": {"a", "g"}}},
		{"nested map state", `{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$m","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Wait","SecondsPath":"$s","End":true}}},"End":true}}}`,
			map[string][]string{"M": {"m"}, "I": {"s"}}},
		{"jsonata", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input.x & $v & $string($w) %}","End":true}}}`,
			map[string][]string{"A": {"v", "w"}}},
		{"jsonata bindings are not references", `{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% ($x := 1; $map([1], function($v) { $v + $x + $y })) %}","End":true}}}`,
			map[string][]string{"A": {"y"}}},
		{"not json", `not json`, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := variableReferences(tc.def); !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func TestWireRevision(t *testing.T) {
	a := New(nil, nil, Options{NewID: func() string { return "id" }})
	if got := wireRevision(a.initialRevision()); got != "" {
		t.Fatalf("initial revision reported as %q", got)
	}
	if got := wireRevision("id"); got != "id" {
		t.Fatalf("revision reported as %q", got)
	}
}
