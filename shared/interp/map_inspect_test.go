package interp

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestStep_MapInspectsItemStages checks the Map stages TestState reports:
// afterItemSelector only with an ItemSelector (or the legacy Parameters),
// afterItemBatcher only with an ItemBatcher.
func TestStep_MapInspectsItemStages(t *testing.T) {
	proc := `"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	dist := `"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`
	cases := []struct {
		name, state       string
		selector, batcher string // "" = the stage is not reported
	}{
		{"no selector", `{"Type":"Map","ItemsPath":"$.items",` + proc + `,"End":true}`, "", ""},
		{"JSONPath selector", `{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value","i.$":"$$.Map.Item.Index","k.$":"$.k"},` + proc + `,"End":true}`,
			`[{"v":1,"i":0,"k":"x"},{"v":2,"i":1,"k":"x"},{"v":3,"i":2,"k":"x"}]`, ""},
		{"legacy Parameters", `{"Type":"Map","ItemsPath":"$.items","Parameters":{"v.$":"$$.Map.Item.Value"},` + proc + `,"End":true}`,
			`[{"v":1},{"v":2},{"v":3}]`, ""},
		{"JSONata selector", `{"Type":"Map","QueryLanguage":"JSONata","Items":"{% $states.input.items %}","ItemSelector":"{% $states.context.Map.Item.Value * 10 %}",` + proc + `,"End":true}`,
			`[10,20,30]`, ""},
		{"batcher", `{"Type":"Map","ItemsPath":"$.items","ItemBatcher":{"MaxItemsPerBatch":2,"BatchInput":{"k.$":"$.k"}},` + dist + `,"End":true}`,
			"", `[{"BatchInput":{"k":"x"},"Items":[1,2]},{"BatchInput":{"k":"x"},"Items":[3]}]`},
		{"selector and batcher", `{"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value"},"ItemBatcher":{"MaxItemsPerBatch":3},` + dist + `,"End":true}`,
			`[{"v":1},{"v":2},{"v":3}]`, `[{"Items":[{"v":1},{"v":2},{"v":3}]}]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := compile(t, `{"StartAt":"M","States":{"M":`+c.state+`}}`)
			stages := map[string]string{}
			env := testEnv(2)
			env.Inspect = func(stage string, v jsonval.Value) { stages[stage] = jsonval.String(v) }
			if _, err := m.Step(record(t, m, "", `{"items":[1,2,3],"k":"x"}`), Enter{}, env); err != nil {
				t.Fatal(err)
			}
			for stage, want := range map[string]string{"afterItemSelector": c.selector, "afterItemBatcher": c.batcher} {
				got, reported := stages[stage]
				if want == "" && reported {
					t.Errorf("%s reported as %s, want none", stage, got)
				}
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", stage, got, want)
				}
			}
		})
	}
}
