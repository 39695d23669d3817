package jsonata

import (
	"errors"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
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

// fuzzLimits keep each fuzzed evaluation cheap; the depth stays at its
// default so that deep recursion really runs on the Go stack.
var fuzzLimits = limits.Limits{JSONataSteps: 200_000, JSONataBytes: 4 << 20}

// FuzzEval evaluates arbitrary expressions under the budget: whatever the
// source, evaluation must end with a value or a JSONata error, never a
// crash (a Go stack overflow is fatal and would end the fuzzer).
func FuzzEval(f *testing.F) {
	for _, h := range hostileExprs {
		f.Add(h.src)
	}
	for _, s := range []string{
		`$states.input.items.p`, `$sum($states.input.items.p)`, `$string($states.input)`,
		`($f := function($n){$n <= 1 ? 1 : $n * $f($n - 1)}; $f(10))`, `$replace("abc", /b/, "$0$0")`,
		`$split($states.input.s, "")`, `$states.input.items.($$.items)`, `[1..10].([1..10])`,
		`$join($map([1..100], function($v){$string($v)}), ",")`, `$states.input.**`,
	} {
		f.Add(s)
	}
	in := jsonval.MustDecode(`{"a":1,"items":[{"n":"x","p":2},{"n":"y","p":3}],"s":"tuv"}`)
	vars := map[string]jsonval.Value{"states": jsonval.MustDecode(`{"input":{"a":1,"items":[{"n":"x","p":2}],"s":"tuv"}}`)}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := Compile(src)
		if err != nil {
			return
		}
		env := testEnv()
		env.Limits = fuzzLimits
		v, _, err := e.Eval(in, vars, env)
		var je *Error
		switch {
		case err == nil:
			_ = jsonval.Marshal(v)
		case !errors.As(err, &je) && !errors.Is(err, ErrUnsupportedResult):
			t.Fatalf("Eval(%q) error %T %v, want *Error", src, err, err)
		}
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
