package intrinsic

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func lit(v jsonval.Value) Arg { return Arg{Kind: ArgLiteral, Value: v} }

func TestParse_Valid(t *testing.T) {
	tests := []struct {
		in        string
		want      *Call
		canonical string
	}{
		{"States.Array()", &Call{Name: "States.Array"}, "States.Array()"},
		{"States.Array($.a, 'b', 3)", &Call{Name: "States.Array", Args: []Arg{PathArg("$.a"), StringArg("b"), lit(jsonval.Number("3"))}},
			"States.Array($.a, 'b', 3)"},
		{"  States.Array( $ ,$$.Execution.Id,$myVar.x )  ",
			&Call{Name: "States.Array", Args: []Arg{PathArg("$"), PathArg("$$.Execution.Id"), PathArg("$myVar.x")}},
			"States.Array($, $$.Execution.Id, $myVar.x)"},
		{"States.Array($.a['x,y'], $.a[0], $.b[\"p)q\"])",
			&Call{Name: "States.Array", Args: []Arg{PathArg("$.a['x,y']"), PathArg("$.a[0]"), PathArg(`$.b["p)q"]`)}},
			`States.Array($.a['x,y'], $.a[0], $.b["p)q"])`},
		{"States.Array($.items[?(@.n > 1)], $[1:2])",
			&Call{Name: "States.Array", Args: []Arg{PathArg("$.items[?(@.n > 1)]"), PathArg("$[1:2]")}},
			"States.Array($.items[?(@.n > 1)], $[1:2])"},
		{"States.Array(true,false,null,-1.5e3,0)",
			&Call{Name: "States.Array", Args: []Arg{lit(true), lit(false), lit(nil), lit(jsonval.Number("-1.5e3")), lit(jsonval.Number("0"))}},
			"States.Array(true, false, null, -1.5e3, 0)"},
		{`States.Format('it\'s \{\} \\ {}', $.a)`,
			&Call{Name: "States.Format", Args: []Arg{{Kind: ArgLiteral, Value: `it's {} \ {}`, raw: `it\'s \{\} \\ {}`, hasRaw: true}, PathArg("$.a")}},
			`States.Format('it\'s \{\} \\ {}', $.a)`},
		{"States.StringSplit('Hello\nWorld', '\n')",
			&Call{Name: "States.StringSplit", Args: []Arg{StringArg("Hello\nWorld"), StringArg("\n")}},
			"States.StringSplit('Hello\nWorld', '\n')"},
		{`States.StringToJson('{"a": "b"}')`,
			&Call{Name: "States.StringToJson", Args: []Arg{StringArg(`{"a": "b"}`)}},
			`States.StringToJson('{"a": "b"}')`},
		{"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(-1, 2))",
			&Call{Name: "States.ArrayGetItem", Args: []Arg{
				CallArg(&Call{Name: "States.StringSplit", Args: []Arg{PathArg("$$.StateMachine.Name"), StringArg("-")}}),
				CallArg(&Call{Name: "States.MathAdd", Args: []Arg{lit(jsonval.Number("-1")), lit(jsonval.Number("2"))}}),
			}},
			"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(-1, 2))"},
		{"States.Unknown(1)", &Call{Name: "States.Unknown", Args: []Arg{lit(jsonval.Number("1"))}}, "States.Unknown(1)"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !got.Equal(tt.want) {
				t.Fatalf("Parse = %#v, want %#v", got, tt.want)
			}
			if s := got.String(); s != tt.canonical {
				t.Errorf("String() = %q, want %q", s, tt.canonical)
			}
			if got.Source() != tt.in {
				t.Errorf("Source() = %q, want the input", got.Source())
			}
			again, err := Parse(got.String())
			if err != nil || !again.Equal(got) {
				t.Errorf("round trip: %v, %#v", err, again)
			}
		})
	}
}

func TestParse_Invalid(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"", "function name"},
		{"$.a", "function name"},
		{"States.", "missing function name"},
		{"States.Array", "expected '('"},
		{"States.Array (1)", "expected '('"},
		{"States.Array(", "missing argument"},
		{"States.Array(1", "missing ')'"},
		{"States.Array(1,)", "missing argument"},
		{"States.Array(,1)", "missing argument"},
		{"States.Array(1 2)", "expected ',' or ')'"},
		{"States.Array('abc)", "unterminated string"},
		{`States.Array('a\nb')`, "invalid escape"},
		{`States.Array('a\')`, "unterminated string"},
		{"States.Array(01)", "invalid number"},
		{"States.Array(1.)", "invalid number"},
		{"States.Array(-)", "invalid number"},
		{"States.Array(True)", "unexpected argument"},
		{"States.Array(foo)", "unexpected argument"},
		{"States.Array($.a[0)", "unterminated path"},
		{"States.Array($.a])", "unbalanced ']'"},
		{"States.Array(1)[0]", "after the call"},
		{"States.Array(1) x", "after the call"},
		{strings.Repeat("States.Array(", 70) + strings.Repeat(")", 70), "nested more than"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) error = %v, want a *SyntaxError", tt.in, err)
			}
			if !strings.Contains(se.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", se.Msg, tt.msg)
			}
		})
	}
}

func TestIsCall(t *testing.T) {
	for s, want := range map[string]bool{
		"States.Format('x')": true, "States.X": true, "$.a": false, " States.Array()": false, "states.Array()": false,
	} {
		if got := IsCall(s); got != want {
			t.Errorf("IsCall(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestString_BuiltInCode(t *testing.T) {
	c := &Call{Name: "States.Format", Args: []Arg{StringArg(`it's {} \ x`), PathArg("$.a")}}
	want := `States.Format('it\'s {} \\ x', $.a)`
	if got := c.String(); got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	back, err := Parse(want)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Equal(c) {
		t.Errorf("Parse(String()) = %#v, want %#v", back, c)
	}
	v, err := back.Eval(testEnv(jsonval.MustDecode(`{"a":1}`)))
	if err != nil || v != `it's 1 \ x` {
		t.Errorf("Eval = %v, %v", v, err)
	}
}

func TestEqual_DistinguishesEscapedBraces(t *testing.T) {
	a, _ := Parse(`States.Format('{}', 1)`)
	b, _ := Parse(`States.Format('\{\}', 1)`)
	if a.Equal(b) {
		t.Fatal("a placeholder and escaped braces compared equal")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"States.Array()", "States.Array($.a, 'b', 3)", `States.Format('it\'s \{\} {}', $.a)`,
		"States.Array($.a['x,y'], $.a[0], $[?(@.n > 1)])", "States.Array(true,false,null,-1.5e3)",
		"States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)",
		"States.Array('\n')", "States.X(", "States.X('", "States.X($.a[)", "States.X($.a['])')",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Parse(s)
		if err != nil {
			return
		}
		text := c.String()
		again, err := Parse(text)
		if err != nil {
			t.Fatalf("Parse(%q) failed on canonical text of %q: %v", text, s, err)
		}
		if !again.Equal(c) {
			t.Fatalf("Parse(String()) differs: %q vs %q", again.String(), text)
		}
		_ = ValidateSyntax(s)
		_, _ = c.Eval(Env{Resolve: func(string) (jsonval.Value, error) { return nil, nil }})
	})
}
