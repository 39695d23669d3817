package jsonpath

import (
	"errors"
	"strings"
	"testing"
)

func TestParse_RoundTripAndFlags(t *testing.T) {
	tests := []struct {
		in        string
		root      Root
		name      string
		norm      string
		definite  bool
		reference bool
	}{
		{"$", RootInput, "", "$", true, true},
		{"$.a.b", RootInput, "", "$['a']['b']", true, true},
		{"$['a b']", RootInput, "", "$['a b']", true, true},
		{`$["a"]`, RootInput, "", `$["a"]`, true, true},
		{"$[ 'a' , 'b' ]", RootInput, "", "$['a','b']", true, false},
		{"$['a','b'].c", RootInput, "", "$['a','b']['c']", false, false},
		{"$.a[0]", RootInput, "", "$['a'][0]", true, true},
		{"$.a[-1]", RootInput, "", "$['a'][-1]", true, true},
		{"$.a[0, 2]", RootInput, "", "$['a'][0,2]", false, false},
		{"$.a[-1:]", RootInput, "", "$['a'][-1:]", false, false},
		{"$.a[:2]", RootInput, "", "$['a'][:2]", false, false},
		{"$.a[1:3]", RootInput, "", "$['a'][1:3]", false, false},
		{"$.a[1:3:2]", RootInput, "", "$['a'][1:3]", false, false},
		{"$.a[*].b", RootInput, "", "$['a'][*]['b']", false, false},
		{"$.a.*", RootInput, "", "$['a'][*]", false, false},
		{"$..x", RootInput, "", "$..['x']", false, false},
		{"$..[0]", RootInput, "", "$..[0]", false, false},
		{"$.a[?(@.p > 1)]", RootInput, "", "$['a'][?]", false, false},
		{"$.a.length()", RootInput, "", "$['a'].length()", true, false},
		{"$..book.length()", RootInput, "", "$..['book'].length()", true, false},
		{"$$.Execution.Id", RootContext, "", "$['Execution']['Id']", true, true},
		{"$$", RootContext, "", "$", true, true},
		{"$var", RootVariable, "var", "$", true, true},
		{"$var.x[0]", RootVariable, "var", "$['x'][0]", true, true},
		{"$order.id", RootVariable, "order", "$['id']", true, true},
		{"$_x1['k']", RootVariable, "_x1", "$['k']", true, true},
		{"$.a-b:c", RootInput, "", "$['a-b:c']", true, true},
		{`$['Test\""Name"']`, RootInput, "", `$['Test\""Name"']`, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			p, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.String() != tt.in {
				t.Errorf("String() = %q", p.String())
			}
			if p.Root() != tt.root || p.Name() != tt.name {
				t.Errorf("Root/Name = %v/%q, want %v/%q", p.Root(), p.Name(), tt.root, tt.name)
			}
			if got := p.Normalized(); got != tt.norm {
				t.Errorf("Normalized() = %q, want %q", got, tt.norm)
			}
			if p.IsDefinite() != tt.definite {
				t.Errorf("IsDefinite() = %v", p.IsDefinite())
			}
			if p.IsReference() != tt.reference {
				t.Errorf("IsReference() = %v", p.IsReference())
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{"", 0, "empty"},
		{"a.b", 0, "must start with '$'"},
		{"$.", 1, "must not end"},
		{"$.a..", 4, "must not end"},
		{"$...a", 3, "not valid"},
		{"$a b", 2, "expected '.' or '['"},
		{"$.a b", 3, "bracket notation"},
		{"$['a", 2, "not been closed"},
		{"$['a'", 5, "terminated by ']'"},
		{"$['a' 'b']", 6, "separated by ','"},
		{"$[a]", 2, "could not parse"},
		{"$[1", 1, "unclosed"},
		{"$[1-]", 2, "array index"},
		{"$[:]", 2, "slice"},
		{"$[99999999999]", 2, "array index"},
		{"$[* 1]", 3, "wildcard"},
		{"$[?(@.a == )]", 11, "expected a value"},
		{"$[?(@.a ~~ 1)]", 8, "not supported"},
		{"$[?(@.a == 1]", 3, "unbalanced"},
		{"$[?(@.a == 1)", 13, "expected ']'"},
		{"$[?(1)]", 4, "expected a path"},
		{"$[?(@.a == 'x)]", 3, "unbalanced"},
		{"$[?(@.a =~ /(/)]", 11, "regular expression"},
		{"$.a.nope()", 4, "does not exist"},
		{"$.a.length(1)", 10, "not supported"},
		{"$['a']x", 6, "unexpected character"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse(tt.in)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q) error = %v, want *ParseError", tt.in, err)
			}
			if pe.Offset != tt.offset || !strings.Contains(pe.Msg, tt.msg) || pe.Path != tt.in {
				t.Errorf("got offset %d msg %q, want offset %d containing %q", pe.Offset, pe.Msg, tt.offset, tt.msg)
			}
			if !strings.Contains(err.Error(), tt.in) {
				t.Errorf("Error() %q lacks the path text", err.Error())
			}
		})
	}
}

func TestMustParse_Panics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParse did not panic on an invalid path")
		}
	}()
	MustParse("nope")
}
