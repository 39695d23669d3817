package jsonata

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// BenchmarkEvalOrdinary measures a typical state expression (filter,
// constructor, arithmetic, string functions) so that the evaluation
// budget's cost per node shows up.
func BenchmarkEvalOrdinary(b *testing.B) {
	e, err := Compile(`{
	  'names': $join($states.input.items[p > 1].$uppercase(n), ','),
	  'total': $sum($states.input.items.(p * 2)),
	  'first': $states.input.items[0].{'n': n & '-' & $string(p)}
	}`)
	if err != nil {
		b.Fatal(err)
	}
	in := jsonval.MustDecode(`{"items":[{"n":"a","p":1},{"n":"b","p":2},{"n":"c","p":3},{"n":"d","p":4},{"n":"e","p":5},
	  {"n":"f","p":6},{"n":"g","p":7},{"n":"h","p":8},{"n":"i","p":9},{"n":"j","p":10}]}`)
	st := jsonval.NewObject(1)
	st.Set("input", in)
	vars := map[string]jsonval.Value{"states": st}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.Eval(in, vars, Env{}); err != nil {
			b.Fatal(err)
		}
	}
}
