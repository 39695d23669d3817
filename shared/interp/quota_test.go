package interp

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/limits"
)

// Quotas that fail a state before it costs memory or produces an output
// the runner could not store.
func TestQuotasFailTheState(t *testing.T) {
	nested := func(n int) string { return strings.Repeat(`{"a":`, n) + "1" + strings.Repeat("}", n) }
	for _, c := range []struct {
		name, def, input string
		lim              limits.Limits
		wantErr, cause   string
	}{
		{
			name:  "Map over more items than the fan-out quota",
			def:   `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
			input: `[1,2,3,4]`, lim: limits.Limits{ForkChildren: 3},
			wantErr: "States.Runtime", cause: "would start 4 iterations or branches, more than the maximum of 3",
		},
		{
			name:  "Parallel with more branches than the fan-out quota",
			def:   `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}},{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"End":true}}}`,
			input: `{}`, lim: limits.Limits{ForkChildren: 1},
			wantErr: "States.Runtime", cause: "would start 2 iterations or branches",
		},
		{
			name:  "output nested beyond the depth quota",
			def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"wrapped.$":"$"},"End":true}}}`,
			input: nested(10), lim: limits.Limits{JSONDepth: 10},
			wantErr: "States.Runtime", cause: "nested deeper than the maximum of 10 levels",
		},
		{
			name:  "output over a configured payload quota",
			def:   `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"` + strings.Repeat("x", 200) + `","End":true}}}`,
			input: `{}`, lim: limits.Limits{PayloadBytes: 100},
			wantErr: "States.DataLimitExceeded", cause: "exceeding the maximum number of bytes",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := compile(t, c.def)
			rec := record(t, m, "", c.input)
			env := testEnv(2)
			env.Limits = c.lim
			dec, err := m.Step(rec, Enter{}, env)
			if err != nil {
				t.Fatal(err)
			}
			f, ok := dec.Action.(Fail)
			if !ok || f.Error != c.wantErr || !strings.Contains(f.Cause, c.cause) {
				t.Fatalf("action = %#v, want Fail %s with cause containing %q", dec.Action, c.wantErr, c.cause)
			}
		})
	}
}

func TestQuotasLeaveStatesWithinThemAlone(t *testing.T) {
	m := compile(t, `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`)
	env := testEnv(2)
	env.Limits = limits.Limits{ForkChildren: 3, JSONDepth: 2}
	dec, err := m.Step(record(t, m, "", `[1,[2],3]`), Enter{}, env)
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := dec.Action.(Fork); !ok || len(f.Children) != 3 {
		t.Fatalf("action = %#v, want a Fork of 3", dec.Action)
	}
}
