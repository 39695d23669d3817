package jsonpath

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

var fuzzSeeds = []string{
	"$", "$$", "$var", "$.a.b", "$['a b']", `$["x\"y"]`, "$.a[0]", "$.a[-1:]", "$.a[1:3]",
	"$.a[*].b", "$..x", "$..*", "$.a[?(@.p > 1)]", "$.a.length()", "$..b.length()",
	"$$.Execution.Id", "$v.x[0]", "$[?(@.a == 'x' && !(@.b) || @.c =~ /x.*/i)]",
	"$[?(@ in [1,'a',{\"k\":[]}])]", "$[?(@.x size 2)]", "$[?(@.x empty true)]",
	"$['a','b'].c", "$[0,1,-1]", "$[:-1]", "$[?(@.length() > 1)]", "$.a..b[?(@)]",
	"$[?(@.n == 1e999999999)]", "$[?(@ < 'é')]",
	"$..a..a..a..a..a..a", "$..a[?(@..a..a)]..a..a", "$..*..*..*..*",
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Offset < 0 || pe.Offset > len(s) {
				t.Fatalf("Parse(%q): bad error %v", s, err)
			}
			return
		}
		if p.String() != s {
			t.Fatalf("String() = %q, want %q", p.String(), s)
		}
		if _, err := Parse(p.Normalized()); err != nil && p.Root() == RootInput && roundTrips(p) {
			t.Fatalf("normalized form %q of %q does not parse: %v", p.Normalized(), s, err)
		}
	})
}

// roundTrips reports whether Jayway's normalized form of p is itself a
// path: "[?]", quoted names with quotes inside and ".fn()" after ".." are not.
func roundTrips(p *Path) bool {
	for _, s := range p.steps {
		if s.kind == kFilter || s.kind == kFunc {
			return false
		}
		for _, n := range s.names {
			if strings.ContainsAny(n, `'"\`) {
				return false
			}
		}
	}
	return true
}

const fuzzDoc = `{"a":{"b":[1,{"c":2},[3]],"p":5,"x":"s"},"l":[{"p":1,"a":"x","n":1e999999999},{"p":2,"b":null},3,"é",[]],"x":null,"length":[1]}`

func FuzzGet(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	root := jsonval.MustDecode(fuzzDoc)
	orig := jsonval.String(root)
	deep := jsonval.MustDecode(nestedA(4, 5))
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s)
		if err != nil {
			return
		}
		// Chains of deep scans over a nested document stay within
		// limits.PathVisits: they end, matched or ErrTooComplex.
		if _, err := p.Get(deep); err != nil && !errors.Is(err, ErrTooComplex) && !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrFunction) {
			t.Fatalf("Get(%q) on the nested document: %v", s, err)
		}
		v, err := p.Get(root)
		if err == nil && !p.IsDefinite() {
			if _, ok := v.([]any); !ok {
				t.Fatalf("indefinite %q returned %T", s, v)
			}
		}
		if p.IsReference() {
			_, _ = p.Set(root, "new")
		}
		if jsonval.String(root) != orig {
			t.Fatalf("%q modified the document", s)
		}
	})
}
