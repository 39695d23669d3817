package graph

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/asl"
)

func TestCondition(t *testing.T) {
	long := strings.Repeat("x", 80)
	tests := []struct{ rule, want string }{
		{`{"Variable":"$.s","StringEquals":"go","Next":"N"}`, `$.s == "go"`},
		{`{"Variable":"$.n","NumericLessThan":3,"Next":"N"}`, `$.n < 3`},
		{`{"Variable":"$.n","NumericGreaterThanPath":"$.max","Next":"N"}`, `$.n > $.max`},
		{`{"Variable":"$.t","TimestampLessThanEquals":"2026-01-01T00:00:00Z","Next":"N"}`, `$.t <= "2026-01-01T00:00:00Z"`},
		{`{"Variable":"$.s","StringMatches":"log-*","Next":"N"}`, `$.s matches "log-*"`},
		{`{"Variable":"$.x","IsPresent":true,"Next":"N"}`, `$.x is present`},
		{`{"Variable":"$.x","IsNull":false,"Next":"N"}`, `$.x is not null`},
		{`{"Variable":"$.x","IsTimestamp":true,"Next":"N"}`, `$.x is timestamp`},
		{`{"And":[{"Variable":"$.a","BooleanEquals":true},{"Or":[{"Variable":"$.b","NumericEquals":1},{"Variable":"$.b","NumericEquals":2}]}],"Next":"N"}`,
			`($.a == true) and (($.b == 1) or ($.b == 2))`},
		{`{"Not":{"Variable":"$.k","StringEquals":"a"},"Next":"N"}`, `not ($.k == "a")`},
		{`{"Variable":"$.s","StringEquals":"` + long + `","Next":"N"}`, `$.s == "` + strings.Repeat("x", 51) + `…`},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			def := `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[` + tt.rule + `]},"N":{"Type":"Succeed"}}}`
			m, err := asl.Parse([]byte(def))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got := Condition(m.States["C"].Choices[0]); got != tt.want {
				t.Errorf("Condition = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCondition_JSONata(t *testing.T) {
	def := `{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
		{"Condition":"{% $states.input.n > 1 %}","Next":"N"}]},"N":{"Type":"Succeed"}}}`
	m, err := asl.Parse([]byte(def))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	if got, want := Condition(m.States["C"].Choices[0]), "$states.input.n > 1"; got != want {
		t.Errorf("Condition = %q, want %q", got, want)
	}
}
