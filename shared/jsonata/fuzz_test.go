package jsonata

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		`$states.input.a + 1`, `$partition([1,2,3], 2)`, `{'a': [1..3]}`, `$x := function($y){$y}`,
		`$states.input.items[p > 1]^(<n).{'k': n}`, `"unterminated`, `/re/i`, `$range(1, 10, 2)`,
		`$string($parse('{"a":1}'), true)`, `$keys($)`, `(`, `$$`, `**[0]`, `|a|{}|`,
	} {
		f.Add(s)
	}
	in := jsonval.MustDecode(`{"a":1,"items":[{"n":"x","p":2}],"s":"t"}`)
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Compile(src)
		if err != nil {
			return
		}
		_ = e.String()
		// Keep inputs cheap: huge ranges are legal but slow.
		if len(src) > 200 {
			return
		}
		_, _, _ = e.Eval(in, map[string]jsonval.Value{"states": in}, testEnv())
	})
}

func BenchmarkEval(b *testing.B) {
	e, err := Compile(`$states.input.a + 1`)
	if err != nil {
		b.Fatal(err)
	}
	st := jsonval.NewObject(1)
	st.Set("input", jsonval.MustDecode(`{"a":41,"b":"x"}`))
	vars := map[string]jsonval.Value{"states": st}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := e.Eval(nil, vars, Env{}); err != nil {
			b.Fatal(err)
		}
	}
}
