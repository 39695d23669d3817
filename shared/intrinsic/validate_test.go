package intrinsic

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateSyntax(t *testing.T) {
	tests := []struct{ in, err string }{
		{"States.Format('{}', $.a)", ""},
		{"States.Hash()", ""}, // AWS accepts bad arity in a definition
		{"States.ArrayGetItem(States.StringSplit($.a, '-'), 0)", ""},
		{"States.Foo(1)", `unknown intrinsic function "States.Foo"`},
		{"States.Array(States.Bar())", `unknown intrinsic function "States.Bar"`},
		{"States.format('x')", `unknown intrinsic function "States.format"`},
		{"States.Array('a\\nb')", "invalid escape"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			err := ValidateSyntax(tt.in)
			if tt.err == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Fatalf("error %v, want one containing %q", err, tt.err)
			}
		})
	}
	var se *SyntaxError
	if err := ValidateSyntax("States.Array("); !errors.As(err, &se) {
		t.Errorf("syntax failure is %T, want *SyntaxError", err)
	}
}

func TestCheckArity(t *testing.T) {
	tests := []struct{ in, err string }{
		{"States.Format('x')", ""},
		{"States.MathRandom(1, 2)", ""},
		{"States.MathRandom(1, 2, 3)", ""},
		{"States.Array()", ""},
		{"States.Format()", "States.Format takes at least 1 argument(s), got 0"},
		{"States.Hash('a')", "States.Hash takes 2 argument(s), got 1"},
		{"States.MathRandom(1)", "States.MathRandom takes 2 to 3 arguments, got 1"},
		{"States.Array(States.UUID(1))", "States.UUID takes 0 argument(s), got 1"},
		{"States.Nope()", `unknown intrinsic function "States.Nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			c, err := Parse(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			err = CheckArity(c)
			if (err == nil) != (tt.err == "") || err != nil && err.Error() != tt.err {
				t.Fatalf("CheckArity = %v, want %q", err, tt.err)
			}
		})
	}
}

func TestFunctions_AllRegistered(t *testing.T) {
	if n := len(Functions()); n != 18 {
		t.Fatalf("%d functions registered, want 18", n)
	}
}
