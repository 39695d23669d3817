package jsonata

import (
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestEval_ReturnsOriginalSubtree(t *testing.T) {
	in := jsonval.MustDecode(`{"o":{"b":1.50,"a":[1,2]}}`)
	e, _ := Compile(`$states.input.o`)
	st := jsonval.NewObject(1)
	st.Set("input", in)
	v, _, err := e.Eval(nil, map[string]jsonval.Value{"states": st}, Env{})
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := in.(*jsonval.Object).Get("o")
	if v != orig {
		t.Errorf("got %s, want the original object", jsonval.Marshal(v))
	}
}

func TestEval_DoesNotMutateInput(t *testing.T) {
	const src = `{"o":{"x":1,"l":[1,2]}}`
	in := jsonval.MustDecode(src)
	st := jsonval.NewObject(1)
	st.Set("input", in)
	for _, expr := range []string{`$states.input ~> |o|{'x': 9}, ['l']|`, `$states.input.o ~> |$|{'y': 2}|`} {
		e, err := Compile(expr)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := e.Eval(in, map[string]jsonval.Value{"states": st}, Env{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := string(jsonval.Marshal(in)); got != src {
		t.Errorf("input mutated: %s", got)
	}
}

func TestEval_EnvNow(t *testing.T) {
	env := Env{Now: func() time.Time { return time.Date(2024, 1, 2, 3, 4, 5, 6e6, time.UTC) }}
	for src, want := range map[string]string{
		`$now()`:    `"2024-01-02T03:04:05.006Z"`,
		`$millis()`: `1704164645006`,
	} {
		e, _ := Compile(src)
		v, _, err := e.Eval(nil, nil, env)
		if err != nil || string(jsonval.Marshal(v)) != want {
			t.Errorf("%s = %s, %v; want %s", src, jsonval.Marshal(v), err, want)
		}
	}
}

// TestEval_Concurrent checks that per-call variables never leak between
// concurrent evaluations of one Expr (run with -race).
func TestEval_Concurrent(t *testing.T) {
	e, err := Compile(`$states.input.n * 2 + $extra`)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := jsonval.NewObject(1)
			st.Set("input", jsonval.MustDecode(`{"n":`+jsonval.String(jsonval.NumberFromInt(int64(i)))+`}`))
			vars := map[string]jsonval.Value{"states": st, "extra": jsonval.NumberFromInt(int64(i))}
			for range 50 {
				v, _, err := e.Eval(nil, vars, Env{})
				if err != nil || v != jsonval.NumberFromInt(int64(3*i)) {
					t.Errorf("worker %d: got %v, %v", i, v, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
