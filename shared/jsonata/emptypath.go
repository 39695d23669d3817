package jsonata

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// emptyArrayAtPath resolves src when it is a plain dotted path ("a.b",
// "$v.a", "$states.input.items") and reports whether it ends on an empty
// array.
func emptyArrayAtPath(src string, input jsonval.Value, vars map[string]jsonval.Value) ([]any, bool) {
	parts := strings.Split(src, ".")
	var cur jsonval.Value = input
	if strings.HasPrefix(parts[0], "$") {
		name := parts[0][1:]
		if name != "" {
			v, ok := vars[name]
			if !ok {
				return nil, false
			}
			cur = v
		}
		parts = parts[1:]
	}
	for _, p := range parts {
		if !isName(p) {
			return nil, false
		}
		o, ok := cur.(*jsonval.Object)
		if !ok {
			return nil, false
		}
		if cur, ok = o.Get(p); !ok {
			return nil, false
		}
	}
	arr, ok := cur.([]any)
	return arr, ok && len(arr) == 0
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
