package jsonata

import (
	"errors"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

const testInput = `{"a":1,"b":[1,2,3],"s":"Hello World","f":2.5,
 "o":{"y":1,"x":{"z":2}},
 "items":[{"n":"a","p":5},{"n":"b","p":15},{"n":"c","p":25}],"t":true,"nul":null}`

func testEnv() Env {
	return Env{Random: func() float64 { return 0.25 }, UUID: func() string { return "11111111-2222-4333-8444-555555555555" }}
}

// evalTest evaluates src with the shared input bound as $ and as
// $states.input plus the variable $v.
func evalTest(t *testing.T, src string) (jsonval.Value, bool, error) {
	t.Helper()
	e, err := Compile(src)
	if err != nil {
		return nil, false, err
	}
	in := jsonval.MustDecode(testInput)
	st := jsonval.NewObject(2)
	st.Set("input", in)
	st.Set("context", jsonval.MustDecode(`{"Execution":{"Name":"exec-1"}}`))
	vars := map[string]jsonval.Value{"states": st, "v": jsonval.MustDecode(`{"k":[10,20]}`), "big": jsonval.Number("12345678901234567890")}
	return e.Eval(in, vars, testEnv())
}

func TestEval_Values(t *testing.T) {
	tests := []struct{ name, src, want string }{
		// paths and $states access
		{"states input field", `$states.input.a`, `1`},
		{"nested path", `$states.input.o.x.z`, `2`},
		{"context", `$states.context.Execution.Name`, `"exec-1"`},
		{"plain variable", `$v.k[1]`, `20`},
		{"input as $", `$.s`, `"Hello World"`},
		{"bare field on $", `s`, `"Hello World"`},
		{"array index", `$states.input.b[0]`, `1`},
		{"negative index", `$states.input.b[-1]`, `3`},
		{"map over array", `$states.input.items.n`, `["a","b","c"]`},
		{"wildcard", `$count($states.input.o.*)`, `2`},
		{"descendant", `$states.input.**.z`, `2`},
		{"null field", `$states.input.nul`, `null`},
		// predicates
		{"filter predicate", `$states.input.items[p > 10].n`, `["b","c"]`},
		{"filter single", `$states.input.items[n = "b"].p`, `15`},
		{"context predicate", `$states.input.b[$ > 1]`, `[2,3]`},
		{"sort", `$states.input.items^(>p).n`, `["c","b","a"]`},
		// arithmetic
		{"add", `$states.input.a + 1`, `2`},
		{"float math", `$states.input.f * 2`, `5`},
		{"division", `7 / 2`, `3.5`},
		{"modulo", `10 % 3`, `1`},
		{"ieee", `0.1 + 0.2`, `0.30000000000000004`},
		{"negation", `-$states.input.a`, `-1`},
		{"sum", `$sum($states.input.items.p)`, `45`},
		{"round half even", `$round(2.5)`, `2`},
		{"power", `$power(2, 10)`, `1024`},
		{"big integer as double", `$big + 0`, `12345678901234567000`},
		{"range op", `[1..4]`, `[1,2,3,4]`},
		// comparison and logic
		{"equal string", `$states.input.s = "Hello World"`, `true`},
		{"and or", `$states.input.a >= 1 and $states.input.a < 2 or false`, `true`},
		{"in", `2 in $states.input.b`, `true`},
		{"ternary", `$states.input.t ? 'yes' : 'no'`, `"yes"`},
		{"not", `$not($states.input.t)`, `false`},
		{"exists", `$exists($states.input.nothing)`, `false`},
		// strings
		{"concat", `'a' & 1 & true`, `"a1true"`},
		{"uppercase", `$uppercase($states.input.s)`, `"HELLO WORLD"`},
		{"substring", `$substring($states.input.s, 6)`, `"World"`},
		{"split", `$split($states.input.s, ' ')`, `["Hello","World"]`},
		{"join", `$join($states.input.items.n, '-')`, `"a-b-c"`},
		{"replace", `$replace('abc', 'b', 'x')`, `"axc"`},
		{"regex contains", `$contains("hello$world", /^hello\$/)`, `true`},
		{"regex contains false", `$contains('hello$world', /^hello\ /)`, `false`},
		{"string of object", `$string($states.input.o)`, `"{\"y\":1,\"x\":{\"z\":2}}"`},
		{"string pretty", `$string({'a': [1]}, true)`, `"{\n  \"a\": [\n    1\n  ]\n}"`},
		{"string as context function", `$states.input.b.$string()`, `["1","2","3"]`},
		{"string of null", `$string(null)`, `"null"`},
		{"string of number", `$string(1/3)`, `"0.3333333333333333"`},
		{"length unicode", `$length('héllo')`, `5`},
		{"number cast", `$number('2')`, `2`},
		{"encodeUrlComponent", `$encodeUrlComponent('a b/ü')`, `"a%20b%2F%C3%BC"`},
		{"encodeUrl", `$encodeUrl('http://x/a b?q=1')`, `"http://x/a%20b?q=1"`},
		{"escaped quote", `'"' = "\""`, `true`},
		// arrays
		{"array constructor", `[$states.input.b, 4]`, `[1,2,3,4]`},
		{"nested array", `[[1,2]]`, `[[1,2]]`},
		{"empty array", `[]`, `[]`},
		{"append", `$append([1], [2])`, `[1,2]`},
		{"map hof", `$map($states.input.b, function($x){$x * 2})`, `[2,4,6]`},
		{"filter hof", `$filter($states.input.b, function($x){$x > 1})`, `[2,3]`},
		{"reduce", `$reduce($states.input.b, function($a, $b){$a + $b})`, `6`},
		{"distinct", `$distinct([1,1,2])`, `[1,2]`},
		// objects
		{"object constructor keeps literal order", `{'z': 1, 'a': $states.input.a, 'm': [1]}`, `{"z":1,"a":1,"m":[1]}`},
		{"empty object", `{}`, `{}`},
		{"object per item", `$states.input.items.{'name': n}`, `[{"name":"a"},{"name":"b"},{"name":"c"}]`},
		{"group by", `$states.input.items{n: p}`, `{"a":5,"b":15,"c":25}`},
		{"merge keeps input order", `$merge([$states.input.o, {'new': 1}])`, `{"y":1,"x":{"z":2},"new":1}`},
		{"keys of literal", `$keys({'b': 1, 'a': 2})`, `["b","a"]`},
		{"keys of input", `$keys($states.input.o)`, `["y","x"]`},
		{"keys singleton", `$keys({'b': 1})`, `"b"`},
		{"null equality", `$states.input.nul = null`, `true`},
		{"null in array", `[null, $states.input.nul]`, `[null,null]`},
		{"lookup", `$lookup($states.input.o, 'y')`, `1`},
		{"transform", `$states.input.o ~> |$|{'y': 9}|`, `{"y":9,"x":{"z":2}}`},
		{"unchanged subtree", `$states.input.o`, `{"y":1,"x":{"z":2}}`},
		// blocks and variables
		{"block binding", `($x := 5; $x * 2)`, `10`},
		{"assignment result", `$variable := 1`, `1`},
		// AWS functions
		{"partition", `$partition([1,2,3,4,5], 2)`, `[[1,2],[3,4],[5]]`},
		{"partition bigger than array", `$partition([0], 5)`, `[[0]]`},
		{"range", `$range(0, 10, 3)`, `[0,3,6,9]`},
		{"range inclusive", `$range(1, 9, 2)`, `[1,3,5,7,9]`},
		{"range singleton", `$range(1, 9, 9)`, `1`},
		{"range descending", `$range(3, 1, -1)`, `[3,2,1]`},
		{"hash md5", `$hash('input data', 'MD5')`, `"812f45842bc6d66ee14572ce20db8e86"`},
		{"hash sha1", `$hash('abc', 'SHA-1')`, `"a9993e364706816aba3e25717850c26c9cd0d89d"`},
		{"hash sha256", `$hash('abc', 'SHA-256')`, `"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"`},
		{"hash sha384 length", `$length($hash('abc', 'SHA-384'))`, `96`},
		{"hash sha512 length", `$length($hash('abc', 'SHA-512'))`, `128`},
		{"random from env", `$random()`, `0.25`},
		{"random seeded is stable", `$random(7) = $random(7)`, `true`},
		{"random seeded in range", `$random(7) >= 0 and $random(7) < 1`, `true`},
		{"uuid from env", `$uuid()`, `"11111111-2222-4333-8444-555555555555"`},
		{"parse object keeps order", `$parse('{"b": 1, "a": [true]}')`, `{"b":1,"a":[true]}`},
		{"parse minus zero", `$parse('-0')`, `0`},
		{"parse number", `$parse('1.1')`, `1.1`},
		{"clone", `$clone({'a': 1})`, `{"a":1}`},
		{"assert passes", `($assert(true, 'x'); 1)`, `1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, def, err := evalTest(t, tt.src)
			if err != nil || !def {
				t.Fatalf("%s: defined=%v err=%v", tt.src, def, err)
			}
			if got := string(jsonval.Marshal(v)); got != tt.want {
				t.Errorf("%s = %s, want %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestEval_Undefined(t *testing.T) {
	for _, src := range []string{
		`$states.input.nothing`,
		`$doesNotExist`,
		`states.input`,
		`$states.input.items[p > 100]`,
		`$states.result`,
		`$range(5, 1, 1)`,
	} {
		t.Run(src, func(t *testing.T) {
			v, def, err := evalTest(t, src)
			if err != nil || def || v != nil {
				t.Errorf("%s: got %v defined=%v err=%v, want undefined", src, v, def, err)
			}
		})
	}
}

func TestEval_Errors(t *testing.T) {
	tests := []struct{ src, want string }{
		{`$randomSeeded($states.input.a)`, "T1006: Attempted to invoke a non-function"},
		{`$eval('1 + 1')`, "T1006: Attempted to invoke a non-function"},
		{`1 + 'a'`, `T2002: The right side of the "+" operator must evaluate to a number`},
		{`'a' - 1`, `T2001: The left side of the "-" operator must evaluate to a number`},
		{`'a' < 1`, `T2009: The values either side of operator "<" must be of the same data type`},
		{`1 / 0`, "D1001: Number out of range"},
		{`$lowercase(1)`, `T0410: Argument 1 of function "lowercase" does not match function signature`},
		{`$error('boom')`, "D3137: boom"},
		{`$assert(false, 'bad')`, "D3141: bad"},
		{`$sum('a')`, `T0412: Argument 1 of function "sum" must be an array of numbers`},
		{`$partition([1], 0)`, `T0410: Argument 2 of function "partition" does not match function signature`},
		{`$range(1, 2, 0)`, `T0410: Argument 3 of function "range" does not match function signature`},
		{`$hash('a', 'SHA-999')`, `T0410: Argument 2 of function "hash" does not match function signature`},
		{`$parse('{')`, `D3140: Malformed JSON string: "{"`},
		{`{'a': 1, 'a': 2}`, `D1009: Multiple key definitions evaluate to same key: "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, _, err := evalTest(t, tt.src)
			var je *Error
			if !errors.As(err, &je) {
				t.Fatalf("%s: err = %v (%T), want *Error", tt.src, err, err)
			}
			if je.Message != tt.want || err.Error() != tt.want {
				t.Errorf("%s: message %q, want %q", tt.src, je.Message, tt.want)
			}
		})
	}
}

func TestEval_UnsupportedResult(t *testing.T) {
	for _, src := range []string{`$fn := function($x){$x}`, `$uppercase`} {
		_, _, err := evalTest(t, src)
		if !errors.Is(err, ErrUnsupportedResult) {
			t.Errorf("%s: err = %v, want ErrUnsupportedResult", src, err)
		}
	}
}

func TestCompile_Errors(t *testing.T) {
	tests := []struct{ src, code string }{
		{``, "S0207"},
		{`(`, "S0207"},
		{`'abc`, "S0101"},
		{`[1, 2`, "S0203"},
		{`$x := `, "S0207"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Compile(tt.src)
			var je *Error
			if !errors.As(err, &je) || je.Code != tt.code {
				t.Errorf("Compile(%q) err = %v, want code %s", tt.src, err, tt.code)
			}
		})
	}
}

func TestExpr_String(t *testing.T) {
	e, err := Compile("  $states.input.a  ")
	if err != nil {
		t.Fatal(err)
	}
	if e.String() != "$states.input.a" {
		t.Errorf("String() = %q", e.String())
	}
}

func TestEval_EmptyArrayAtPathEnd(t *testing.T) {
	input := jsonval.MustDecode(`{"items":[],"a":{"b":[]},"c":[1]}`)
	vars := map[string]jsonval.Value{"v": jsonval.MustDecode(`{"x":[]}`)}
	for _, src := range []string{"items", "a.b", "$v.x"} {
		e, err := Compile(src)
		if err != nil {
			t.Fatal(err)
		}
		v, defined, err := e.Eval(input, vars, Env{})
		if err != nil || !defined || jsonval.String(v) != "[]" {
			t.Errorf("%s: got %v defined=%v err=%v", src, jsonval.String(v), defined, err)
		}
	}
	e, _ := Compile("missing.path")
	if _, defined, _ := e.Eval(input, vars, Env{}); defined {
		t.Error("missing path must stay undefined")
	}
}

// The engine used to rewrite a compiled "~>" call in place, so the second
// evaluation of the same expression failed.
func TestEvalApplyTwice(t *testing.T) {
	e, err := Compile(`"a" ~> $uppercase()`)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if v, _, err := e.Eval(nil, nil, testEnv()); err != nil || v != "A" {
			t.Fatalf("Eval = %v, %v; want \"A\"", v, err)
		}
	}
}
