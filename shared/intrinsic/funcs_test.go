package intrinsic

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

type evalCase struct {
	expr  string
	input string
	want  string // JSON text of the result; empty when an error is expected
	err   string // expected detail after "had the following error: "
}

func runEvalCases(t *testing.T, tests []evalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			input := tt.input
			if input == "" {
				input = "{}"
			}
			got, err := evalString(t, tt.expr, input)
			if tt.err != "" {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("got %s, %v; want error %q", jsonval.String(got), err, tt.err)
				}
				want := "The function '" + tt.expr + "' had the following error: " + tt.err
				if e.Name != ErrRuntime || e.Message != want {
					t.Errorf("error %s / %q, want %s / %q", e.Name, e.Message, ErrRuntime, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("Eval: %v", err)
			}
			if s := jsonval.String(got); s != tt.want {
				t.Errorf("got %s, want %s", s, tt.want)
			}
		})
	}
}

func TestEval_Format(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.Format('x={} y={}', $.a, $.b)", input: `{"a":"s","b":1.10}`, want: `"x=s y=1.10"`},
		{expr: "States.Format('{}|{}|{}', $.n, $.t, $.f)", input: `{"n":null,"t":true,"f":false}`, want: `"null|true|false"`},
		{expr: "States.Format('o={} a={}', $.o, $.a)", input: `{"o":{"Arg1":1,"Arg2":[],"s":"q"},"a":[1,"x",null,{"k":[2]}]}`,
			want: `"o={Arg1=1, Arg2=[], s=q} a=[1, x, null, {k=[2]}]"`},
		{expr: `States.Format('\{\} {} \\ \'', 'v')`, want: `"{} v \\ '"`},
		{expr: "States.Format('no placeholders')", want: `"no placeholders"`},
		{expr: "States.Format($.t, $.n)", input: `{"t":"Hello, {}.","n":"Arnav"}`, want: `"Hello, Arnav."`},
		{expr: "States.Format('{}', States.Array(1, 2))", want: `"[1, 2]"`},
		{expr: "States.Format('{} {}', 'a')", err: "Invalid arguments in States.Format"},
		{expr: "States.Format('{}', 'a', 'b')", err: "Invalid arguments in States.Format"},
		{expr: "States.Format('Hello {', 'a')", err: "Invalid arguments in States.Format"},
		{expr: "States.Format('}')", err: "Invalid arguments in States.Format"},
		{expr: "States.Format($.t, 'a')", input: `{"t":123}`, err: "Invalid arguments in States.Format"},
		{expr: "States.Format()", err: "Invalid arguments in States.Format"},
		{expr: "States.Format('{}', $.nope)", input: `{"other":1}`,
			err: `The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'`},
		{expr: "States.Format('{}', States.Format('{}', $$.Nope.Deep))", input: `{"other":1}`,
			err: `The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{"other":1}'`},
	})
}

func TestEval_JSON(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.StringToJson($.s)", input: `{"s":"{\"b\": [1, 2.50], \"a\": null}"}`, want: `{"b":[1,2.50],"a":null}`},
		{expr: "States.StringToJson($.s)", input: `{"s":"  "}`, want: `null`},
		{expr: "States.StringToJson($.s)", input: `{"s":"-0"}`, want: `0`},
		{expr: "States.StringToJson('\"HelloWorld\"')", want: `"HelloWorld"`},
		{expr: "States.StringToJson($.s)", input: `{"s":"{bad"}`, err: "Invalid arguments in States.StringToJson"},
		{expr: "States.StringToJson($.s)", input: `{"s":{}}`, err: "Invalid arguments in States.StringToJson"},
		{expr: "States.JsonToString($.o)", input: `{"o":{"z":1,"a":[true,"x"]}}`, want: `"{\"z\":1,\"a\":[true,\"x\"]}"`},
		{expr: "States.JsonToString($)", input: `"s"`, want: `"\"s\""`},
		{expr: "States.JsonMerge($.a, $.b, false)", input: `{"a":{"a":{"a1":1},"b":2,"d":3},"b":{"a":{"a3":1},"c":3,"d":4}}`,
			want: `{"a":{"a3":1},"b":2,"c":3,"d":4}`},
		{expr: "States.JsonMerge($.a, $.b, true)", input: `{"a":{},"b":{}}`, err: "Invalid arguments in States.JsonMerge"},
		{expr: "States.JsonMerge($.a, $.b, 'false')", input: `{"a":{},"b":{}}`, err: "Invalid arguments in States.JsonMerge"},
		{expr: "States.JsonMerge($.a, $.b, false)", input: `{"a":[],"b":{}}`, err: "Invalid arguments in States.JsonMerge"},
		{expr: "States.JsonMerge($.a, $.b)", input: `{"a":{},"b":{}}`, err: "Invalid arguments in States.JsonMerge"},
	})
}

func TestEval_Array(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.Array()", want: `[]`},
		{expr: "States.Array($.a, 'b', 3, null, true)", input: `{"a":{"k":1}}`, want: `[{"k":1},"b",3,null,true]`},
		{expr: "States.ArrayPartition($.a, 4)", input: `{"a":[1,2,3,4,5,6,7,8,9]}`, want: `[[1,2,3,4],[5,6,7,8],[9]]`},
		{expr: "States.ArrayPartition($.a, 2.6)", input: `{"a":[1,2,3,4,5]}`, want: `[[1,2],[3,4],[5]]`},
		{expr: "States.ArrayPartition($.a, 1)", input: `{"a":[]}`, want: `[]`},
		{expr: "States.ArrayPartition($.a, 0.6)", input: `{"a":[1]}`, err: "Invalid arguments in States.ArrayPartition"},
		{expr: "States.ArrayPartition($.a, -1)", input: `{"a":[1]}`, err: "Invalid arguments in States.ArrayPartition"},
		{expr: "States.ArrayPartition('x', 2)", err: "Invalid arguments in States.ArrayPartition"},
		{expr: "States.ArrayPartition($.a, '2')", input: `{"a":[1]}`, err: "Invalid arguments in States.ArrayPartition"},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[[1,2,3],2],"v":[1,2,3]}`, want: `true`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[{"1":2,"2":[]}],"v":[]}`, want: `false`},
		{expr: "States.ArrayContains($.a, null)", input: `{"a":[]}`, want: `false`},
		{expr: "States.ArrayContains($.a, $.v)", input: `{"a":[{"a":1,"b":2}],"v":{"b":2,"a":1}}`, want: `false`},
		{expr: "States.ArrayContains($.a, true)", input: `{"a":["true"]}`, want: `true`},
		{expr: "States.ArrayContains($.a, false)", input: `{"a":[0,1]}`, want: `false`},
		{expr: "States.ArrayContains('x', 'x')", err: "Invalid arguments in States.ArrayContains"},
		{expr: "States.ArrayContains($.a)", input: `{"a":[]}`, err: "Invalid arguments in States.ArrayContains"},
		{expr: "States.ArrayGetItem($.a, $.i)", input: `{"a":[1,2,3,4,5,6,7,8,9],"i":5}`, want: `6`},
		{expr: "States.ArrayGetItem($.a, 1.2)", input: `{"a":[10,20,30]}`, want: `20`},
		{expr: "States.ArrayGetItem($.a, 999)", input: `{"a":[]}`, want: `null`},
		{expr: "States.ArrayGetItem($.a, 3)", input: `{"a":[10,20,30]}`, err: "Invalid arguments in States.ArrayGetItem"},
		{expr: "States.ArrayGetItem($.a, -1)", input: `{"a":[10,20,30]}`, err: "Invalid arguments in States.ArrayGetItem"},
		{expr: "States.ArrayGetItem($.a, '1')", input: `{"a":[10]}`, err: "Invalid arguments in States.ArrayGetItem"},
		{expr: "States.ArrayLength($.a)", input: `{"a":[1,2,3]}`, want: `3`},
		{expr: "States.ArrayLength($.a)", input: `{"a":"abc"}`, err: "Invalid arguments in States.ArrayLength"},
		{expr: "States.ArrayUnique($.a)", input: `{"a":[1,2,3,3,3,3,3,3,4]}`, want: `[1,2,3,4]`},
		{expr: "States.ArrayUnique($.a)", input: `{"a":[null,null,"1",1,{"a":1,"b":2},{"b":2,"a":1},[],[]]}`,
			want: `[null,"1",1,{"a":1,"b":2},[]]`},
		{expr: "States.ArrayUnique($.a)", input: `{"a":{}}`, err: "Invalid arguments in States.ArrayUnique"},
	})
}

func TestEval_ArrayRange(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.ArrayRange(1, 9, 2)", want: `[1,3,5,7,9]`},
		{expr: "States.ArrayRange(0, 10, 3)", want: `[0,3,6,9]`},
		{expr: "States.ArrayRange(5, 1, -2)", want: `[5,3,1]`},
		{expr: "States.ArrayRange(3, 3, -1)", want: `[3]`},
		{expr: "States.ArrayRange(5, 1, 1)", want: `[]`},
		{expr: "States.ArrayRange(1.6, 1.4, 1)", want: `[1]`},
		{expr: "States.ArrayRange(5.4, -0.6, -2.4)", want: `[5,3,1]`},
		{expr: "States.ArrayRange(1, 10, 0.49)", err: "Invalid arguments in States.ArrayRange"},
		{expr: "States.ArrayRange(1, 1001, 1)", err: "Invalid arguments in States.ArrayRange"},
		{expr: "States.ArrayRange(1001, 1, -1)", err: "Invalid arguments in States.ArrayRange"},
		{expr: "States.ArrayRange('a', 5, 1)", err: "Invalid arguments in States.ArrayRange"},
		{expr: "States.ArrayRange(1, 5)", err: "Invalid arguments in States.ArrayRange"},
	})
	v, err := evalString(t, "States.ArrayRange(1000, 1, -1)", "{}")
	if arr, _ := v.([]any); err != nil || len(arr) != 1000 || arr[999] != jsonval.Number("1") {
		t.Errorf("1000-element range: %v", err)
	}
}

func TestEval_Encoding(t *testing.T) {
	long := `{"s":"` + strings.Repeat("a", 10001) + `"}`
	runEvalCases(t, []evalCase{
		{expr: "States.Base64Encode($.s)", input: `{"s":"Data to encode"}`, want: `"RGF0YSB0byBlbmNvZGU="`},
		{expr: "States.Base64Encode('🚀')", want: `"8J+agA=="`},
		{expr: "States.Base64Encode($.s)", input: long, err: "Invalid arguments in States.Base64Encode"},
		{expr: "States.Base64Encode(123)", err: "Invalid arguments in States.Base64Encode"},
		{expr: "States.Base64Decode($.s)", input: `{"s":"RGF0YSB0byBlbmNvZGU="}`, want: `"Data to encode"`},
		{expr: "States.Base64Decode('')", want: `""`},
		{expr: "States.Base64Decode('4pyT')", want: `"✓"`},
		{expr: "States.Base64Decode(' YWJjZA== ')", want: `"abcd"`},
		{expr: "States.Base64Decode('YWJjZA')", want: `"abcd"`},
		{expr: "States.Base64Decode('ab==cd')", want: `"i"`},
		{expr: "States.Base64Decode($.s)", input: long, err: "Invalid arguments in States.Base64Decode"},
		{expr: "States.Base64Decode($.o)", input: `{"o":{}}`, err: "Invalid arguments in States.Base64Decode"},
		{expr: "States.Base64Decode()", err: "Invalid arguments in States.Base64Decode"},
		{expr: "States.Hash('input data', 'MD5')", want: `"812f45842bc6d66ee14572ce20db8e86"`},
		{expr: "States.Hash('input data', 'SHA-1')", want: `"aaff4a450a104cd177d28d18d74485e8cae074b7"`},
		{expr: "States.Hash('input data', 'SHA-256')", want: `"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"`},
		{expr: "States.Hash('input data', 'SHA-384')",
			want: `"d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"`},
		{expr: "States.Hash('input data', 'SHA-512')",
			want: `"6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"`},
		{expr: "States.Hash(123, 'MD5')", want: `"202cb962ac59075b964b07152d234b70"`},
		{expr: "States.Hash('data', 'sha-256')", err: "Invalid arguments in States.Hash"},
		{expr: "States.Hash('data', 'SHA256')", err: "Invalid arguments in States.Hash"},
		{expr: "States.Hash('hello', 123)", err: "Invalid arguments in States.Hash"},
		{expr: "States.Hash($.s, 'MD5')", input: long, err: "Invalid arguments in States.Hash"},
		{expr: "States.Hash('hello')", err: "Invalid arguments in States.Hash"},
	})
}

func TestEval_StringSplitAndUUID(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.StringSplit($.s, ',')", input: `{"s":"1,2,3,4,5"}`, want: `["1","2","3","4","5"]`},
		{expr: "States.StringSplit($.s, $.d)", input: `{"s":"This.is+a,test=string","d":".+,="}`, want: `["This","is","a","test","string"]`},
		{expr: "States.StringSplit($.s, ',')", input: `{"s":", , ,"}`, want: `[" "," "]`},
		{expr: "States.StringSplit($.s, ',')", input: `{"s":",,,,"}`, want: `[]`},
		{expr: "States.StringSplit($.s, 'T\n')", input: `{"s":"split on T and \nnew line"}`, want: `["split on "," and ","new line"]`},
		{expr: "States.StringSplit($.s, '😀')", input: `{"s":"a😀b😁"}`, want: `["a","b😁"]`},
		{expr: "States.StringSplit($.s, '')", input: `{"s":"abc"}`, want: `["abc"]`},
		{expr: "States.StringSplit(1, ',')", err: "Invalid arguments in States.StringSplit"},
		{expr: "States.UUID()", want: `"00000000-0000-4000-8000-000000000000"`},
		{expr: "States.UUID(1)", err: "Invalid arguments in States.UUID"},
		{expr: "States.Nope(1)", err: "Unsupported intrinsic function: States.Nope"},
	})
}

func TestEval_MathAdd(t *testing.T) {
	runEvalCases(t, []evalCase{
		{expr: "States.MathAdd(111, -1)", want: `110`},
		{expr: "States.MathAdd(1.49, 1.5)", want: `3`},
		{expr: "States.MathAdd(1.5, 1.51)", want: `4`},
		{expr: "States.MathAdd(-1.5, 0)", want: `-1`},
		{expr: "States.MathAdd(-2.5, 0)", want: `-2`},
		{expr: "States.MathAdd(-0.5, 0.5)", want: `1`},
		{expr: "States.MathAdd(2147483647, -1)", want: `2147483646`},
		{expr: "States.MathAdd(States.ArrayLength(States.Array(1, 2)), -1)", want: `1`},
		{expr: "States.MathAdd(2147483647, 1)", err: "Invalid arguments in States.MathAdd"},
		{expr: "States.MathAdd(2147483648, 0)", err: "Invalid arguments in States.MathAdd"},
		{expr: "States.MathAdd('1', 2)", err: "Invalid arguments in States.MathAdd"},
		{expr: "States.MathAdd(1)", err: "Invalid arguments in States.MathAdd"},
	})
}

func TestEval_MathRandom(t *testing.T) {
	runEvalCases(t, []evalCase{
		// testEnv's random source returns 0.5.
		{expr: "States.MathRandom(0, 10)", want: `5`},
		{expr: "States.MathRandom(-10, -5)", want: `-8`},
		{expr: "States.MathRandom(1.6, 5.4)", want: `3`},
		{expr: "States.MathRandom(1, 1)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(1.4, 1.6)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(10, 5)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom('a', 10)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(1, 10, 'seed')", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(1, 10, null)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(1)", err: "Invalid arguments in States.MathRandom"},
		{expr: "States.MathRandom(1, 10, 5, 99)", err: "Invalid arguments in States.MathRandom"},
	})
}

// TestEval_MathRandomSeeded pins the seeded results to java.util.Random:
// new Random(42).nextInt(10) is 0 and new Random(0).nextInt(100) is 60.
func TestEval_MathRandomSeeded(t *testing.T) {
	for _, tt := range []struct{ expr, want string }{
		{"States.MathRandom(0, 10, 42)", "0"},
		{"States.MathRandom(0, 100, 0)", "60"},
		{"States.MathRandom(5, 6, 123)", "5"},
	} {
		for range 2 { // the same seed must give the same number every time
			got, err := evalString(t, tt.expr, "{}")
			if err != nil || got != jsonval.Number(tt.want) {
				t.Errorf("%s = %v, %v; want %s", tt.expr, got, err, tt.want)
			}
		}
	}
}

func TestEval_ResolverErrorKeepsName(t *testing.T) {
	c, _ := Parse("States.Array($x)")
	_, err := c.Eval(Env{Resolve: func(string) (jsonval.Value, error) {
		return nil, &Error{Name: "States.QueryEvaluationError", Message: "boom"}
	}})
	var e *Error
	if !errors.As(err, &e) || e.Name != "States.QueryEvaluationError" ||
		e.Message != "The function 'States.Array($x)' had the following error: boom" {
		t.Fatalf("got %v", err)
	}
	_, err = c.Eval(Env{Resolve: func(string) (jsonval.Value, error) { return nil, errors.New("plain") }})
	if !errors.As(err, &e) || e.Name != ErrRuntime || !strings.HasSuffix(e.Message, ": plain") {
		t.Fatalf("got %v", err)
	}
}

func TestEval_DoesNotMutateInput(t *testing.T) {
	input := jsonval.MustDecode(`{"a":{"x":1},"b":{"x":2,"y":3},"arr":[3,1,3]}`)
	before := jsonval.String(input)
	for _, expr := range []string{"States.JsonMerge($.a, $.b, false)", "States.ArrayUnique($.arr)",
		"States.ArrayPartition($.arr, 2)", "States.Array($.arr)"} {
		c, _ := Parse(expr)
		if _, err := c.Eval(testEnv(input)); err != nil {
			t.Fatal(err)
		}
	}
	if after := jsonval.String(input); after != before {
		t.Fatalf("input changed: %s -> %s", before, after)
	}
}
