package jsonpath

import (
	"errors"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// nestedA builds {"a":[{"a":[…]}, …]}: width objects per level, depth
// levels, every one reachable through "a" — a few KB that deep-scan chains
// turn into combinatorially many matches.
func nestedA(width, depth int) string {
	if depth == 0 {
		return `{"a":1}`
	}
	item := nestedA(width, depth-1)
	return `{"a":[` + strings.TrimSuffix(strings.Repeat(item+",", width), ",") + `]}`
}

// chainA builds {"a":{"a":…{"a":1}}} nested depth times.
func chainA(depth int) string {
	return strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
}

func TestGetBoundsDeepScanChains(t *testing.T) {
	tests := []struct {
		doc     string
		path    string
		tooMuch bool
	}{
		{chainA(300), "$..a", false},
		{chainA(300), "$..a..a", false},
		{chainA(300), "$..a..a..a", true},
		{chainA(2000), "$..a..a..a..a..a..a", true}, // 10 KB, as in the issue
		{nestedA(4, 5), "$..a..a..a", false},
		{chainA(300), "$..a[?(@..a..a)]", true}, // filters share the budget
	}
	for _, tt := range tests {
		v, err := MustParse(tt.path).Get(jsonval.MustDecode(tt.doc))
		if tt.tooMuch {
			if !errors.Is(err, ErrTooComplex) {
				t.Errorf("%s: err = %v, want ErrTooComplex", tt.path, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
		} else if len(v.([]any)) == 0 {
			t.Errorf("%s: no matches", tt.path)
		}
	}
}
