package jsonata

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

const (
	msgRecursion = "U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."
	msgSteps     = "U1001: Expression evaluation timeout: Check for infinite loop. The evaluation exceeded the limit of 10000000 steps."
	msgMemory    = "Expression evaluation out of memory: it allocates more than the limit of 33554432 bytes."
)

// sharedArrays makes $a an array of 2^40 leaves in 40 levels, each level
// holding its sub-array twice.
var sharedArrays = strings.Repeat(`$a := [[$a], [$a]]; `, 40)

// hostileExprs allocate gigabytes or recurse without end when unbounded.
var hostileExprs = []struct{ name, src, want string }{
	{"endless recursion", `($f := function($x){$f($x)}; $f(1))`, msgRecursion},
	{"non-tail recursion", `($f := function($x){1 + $f($x + 1)}; $f(1))`, msgRecursion},
	{"recursion through $map", `($f := function($x){$map([$x], $f)}; $f(1))`, msgRecursion},
	{"join of a huge map", `$join($map([0..9999999], function($v){$string($v)}))`, msgMemory},
	{"range cross product", `[1..3000].([1..3000])`, msgMemory},
	{"huge pad", `$pad('', 1e9)`, msgMemory},
	{"pad with long chars", `$pad('', 1e6, $pad('', 1000, 'ab'))`, msgMemory},
	{"path cross product", `$states.input.big.($$.big).($$.big)`, msgMemory},
	{"string doubling", `($s := 'abcdefghij'; ` + strings.Repeat(`$s := $s & $s; `, 40) + `$length($s))`, msgMemory},
	{"$append doubling", `($a := [1]; ` + strings.Repeat(`$a := $append($a, $a); `, 40) + `$count($a))`, msgMemory},
	{"shared object expanded by $string", `($o := {'k': 'vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv'}; ` + strings.Repeat(`$o := {'a': $o, 'b': $o}; `, 40) + `$length($string($o)))`, msgMemory},
	{"shared object expanded by &", `($o := {'k': 'v'}; ` + strings.Repeat(`$o := {'a': $o, 'b': $o}; `, 40) + `$length($o & ''))`, msgMemory},
	{"shared object as result", `($o := {'k': 'v'}; ` + strings.Repeat(`$o := {'a': $o, 'b': $o}; `, 40) + `$o)`, msgMemory},
	{"shared object walked by **", `($o := {'k': 'v'}; ` + strings.Repeat(`$o := {'a': $o, 'b': $o}; `, 40) + `$count($o.**))`, msgMemory},
	{"$range", `$count($range(0, 9999999, 1))`, msgMemory},
	{"shared arrays flattened by *", `($a := [false]; ` + sharedArrays + `$count($a.*))`, msgMemory},
	{"shared empty arrays flattened by *", `($a := []; ` + sharedArrays + `$count($a.*))`, msgSteps},
	{"shared empty arrays walked by **", `($a := []; ` + sharedArrays + `$count($a.**))`, msgSteps},
	{"shared objects printed by $distinct", `($o := {'k': 'v'}; ` + strings.Repeat(`$o := {'a': $o, 'b': $o}; `, 40) + `$count($distinct([$o, $o])))`, msgMemory},
	{"replace amplifies", `$replace($pad('', 100000, 'a'), 'a', $pad('', 1000, 'b'))`, msgMemory},
	{"regex replace amplifies", `$replace($pad('', 100000, 'a'), /a/, $pad('', 1000, '$0'))`, msgMemory},
	{"replace by a function returning a long string", `($big := $pad('', 1000000, 'x'); $replace($pad('', 100000, 'a'), /a/, function($m){$big}))`, msgMemory},
	{"zip of many copies", `($a := [1..100000]; $count($zip($a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a, $a)))`, msgMemory},
	{"split into items", `$count($split($pad('', 3000000, 'a'), ''))`, msgMemory},
	{"built-in over a big array in a loop", `($big := [1..500000]; $count($map([1..100000], function($v){$sum($big)})))`, msgSteps},
	{"comparing big arrays in a loop", `($big := [1..500000]; $count($map([1..100000], function($v){$big = $big})))`, msgSteps},
	{"scanning a long string in a loop", `($s := $pad('', 1000000, 'a'); $count($map([1..100000], function($v){$contains($s, 'b')})))`, msgSteps},
	{"endless loop of steps", `$count($map([1..1000000], function($v){$v + $v + $v + $v + $v + $v + $v + $v + $v + $v + $v + $v}))`, msgSteps},
}

func TestEvalBoundsHostileExpressions(t *testing.T) {
	big := make([]any, 3000)
	for i := range big {
		big[i] = jsonval.Number("1")
	}
	st := jsonval.NewObject(1)
	in := jsonval.NewObject(1)
	in.Set("big", big)
	st.Set("input", in)
	for _, tc := range hostileExprs {
		t.Run(tc.name, func(t *testing.T) {
			e, err := Compile(tc.src)
			if err != nil {
				t.Fatalf("Compile: %v", err)
			}
			_, _, err = e.Eval(in, map[string]jsonval.Value{"states": st}, testEnv())
			var je *Error
			if !errors.As(err, &je) || je.Message != tc.want {
				t.Fatalf("Eval error = %v, want %q", err, tc.want)
			}
		})
	}
}

// Truth values walk an array that shares sub-arrays in linear time.
func TestEvalSharedArraysTruthIsCheap(t *testing.T) {
	for _, src := range []string{
		`($a := [false]; ` + sharedArrays + `$a ? 1 : 0)`,
		`($a := [false]; ` + sharedArrays + `$boolean($a) ? 1 : 0)`,
	} {
		v, _, err := evalTest(t, src)
		if err != nil || jsonval.String(v) != "0" {
			t.Errorf("Eval(%.40q…) = %v, %v; want 0", src, v, err)
		}
	}
}

func TestEvalLimitsArePerCallAndConfigurable(t *testing.T) {
	e, err := Compile(`$count([1..1000])`)
	if err != nil {
		t.Fatal(err)
	}
	env := testEnv()
	// The range and the array it is flattened into take 2 × 1000 items.
	env.Limits = limits.Limits{JSONataBytes: 2100 * 16}
	for range 3 { // a budget is not carried over between calls
		if v, _, err := e.Eval(nil, nil, env); err != nil || jsonval.String(v) != "1000" {
			t.Fatalf("Eval = %v, %v", v, err)
		}
	}
	env.Limits.JSONataBytes = 1900 * 16
	if _, _, err := e.Eval(nil, nil, env); err == nil || !strings.Contains(err.Error(), "30400 bytes") {
		t.Fatalf("Eval error = %v, want the memory limit", err)
	}
	env.Limits = limits.Limits{JSONataDepth: 5}
	deep, _ := Compile(`($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(3))`)
	if _, _, err := deep.Eval(nil, nil, env); err == nil || err.Error() != msgRecursion {
		t.Fatalf("Eval error = %v, want %q", err, msgRecursion)
	}
	env.Limits = limits.Limits{JSONataSteps: 3}
	if _, _, err := e.Eval(nil, nil, env); err == nil || !strings.Contains(err.Error(), "limit of 3 steps") {
		t.Fatalf("Eval error = %v, want the step limit", err)
	}
}

func TestCompileRejectsDeepNesting(t *testing.T) {
	// A lone '!' made the lexer stop advancing: this one spun for ever.
	if _, err := Compile(`function()<!!!!"`); err == nil {
		t.Error("Compile(function()<!!!!\") succeeded, want a syntax error")
	}
	tests := []struct {
		src  string
		fail bool
	}{
		{strings.Repeat("(", 300) + "1" + strings.Repeat(")", 300), true},
		{strings.Repeat("[", 300) + "1" + strings.Repeat("]", 300), true},
		{strings.Repeat("-", 300) + "1", true},
		{strings.Repeat("true ? 1 : ", 300) + "2", true},
		{strings.Repeat("(", 200) + "1" + strings.Repeat(")", 200), false},
		// Siblings do not nest.
		{"[" + strings.Repeat("(1), ", 1000) + "1]", false},
		{"(" + strings.Repeat("$x := 1 ? 2 : 3; ", 1000) + "1)", false},
		{"'" + strings.Repeat("(", 1000) + "'", false},
		{strings.Repeat("1 - ", 1000) + "1", false},
	}
	for _, tc := range tests {
		_, err := Compile(tc.src)
		if got := err != nil && strings.Contains(err.Error(), "nests deeper than the limit of 256 levels"); got != tc.fail {
			t.Errorf("Compile(%.40q…) error = %v, want nesting error %v", tc.src, err, tc.fail)
		}
	}
}
