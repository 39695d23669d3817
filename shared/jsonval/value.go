package jsonval

import (
	"encoding/json"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// Number is a JSON number kept as its literal text so that it round-trips exactly.
type Number string

// Float returns the number as a float64.
func (n Number) Float() float64 {
	if f, ok := smallInt(string(n)); ok {
		return f
	}
	f, _ := strconv.ParseFloat(string(n), 64)
	return f
}

// smallInt parses a plain integer of at most 15 digits (exact as a
// float64) without strconv: most numbers in a workflow are small counters.
func smallInt(s string) (float64, bool) {
	neg := len(s) > 1 && s[0] == '-'
	if neg {
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	var i int64
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		i = i*10 + int64(c-'0')
	}
	if neg {
		if i == 0 {
			return math.Copysign(0, -1), true
		}
		return float64(-i), true
	}
	return float64(i), true
}

// Int returns the number as an int64 when it is integral and fits.
func (n Number) Int() (int64, bool) {
	if i, err := strconv.ParseInt(string(n), 10, 64); err == nil {
		return i, true
	}
	f := n.Float()
	if f == math.Trunc(f) && math.Abs(f) < 1<<63 {
		return int64(f), true
	}
	return 0, false
}

// IsIntegral reports whether the number has no fractional part (1.0 counts).
func (n Number) IsIntegral() bool {
	if !strings.ContainsAny(string(n), ".eE") {
		return true
	}
	r, ok := new(big.Rat).SetString(string(n))
	return ok && r.IsInt()
}

// NumberFromFloat makes a Number from a float64.
func NumberFromFloat(f float64) Number { return Number(FormatFloat(f)) }

// NumberFromInt makes a Number from an int64.
func NumberFromInt(i int64) Number { return Number(strconv.FormatInt(i, 10)) }

// TypeName names the JSON type of v: "null", "boolean", "string", "number",
// "array" or "object".
func TypeName(v Value) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case Number, int, int64, float64:
		return "number"
	case []any:
		return "array"
	case *Object:
		return "object"
	}
	return "unknown"
}

// ToFloat returns v as a float64 when it is a number.
func ToFloat(v Value) (float64, bool) {
	switch x := v.(type) {
	case Number:
		return x.Float(), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// Equal reports deep equality; numbers compare by value and object key order
// does not matter.
func Equal(a, b Value) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case *Object:
		y, ok := b.(*Object)
		if !ok || x.Len() != y.Len() {
			return false
		}
		for i, k := range x.keys {
			yv, ok := y.Get(k)
			if !ok || !Equal(x.vals[i], yv) {
				return false
			}
		}
		return true
	}
	fa, ok1 := ToFloat(a)
	fb, ok2 := ToFloat(b)
	if !ok1 || !ok2 {
		return false
	}
	if na, ok := a.(Number); ok {
		if nb, ok := b.(Number); ok && na == nb {
			return true
		}
		ra, okA := new(big.Rat).SetString(string(na))
		rb, okB := new(big.Rat).SetString(string(nb(b)))
		if okA && okB {
			return ra.Cmp(rb) == 0
		}
	}
	return fa == fb
}

func nb(v Value) Number {
	switch x := v.(type) {
	case Number:
		return x
	case int:
		return NumberFromInt(int64(x))
	case int64:
		return NumberFromInt(x)
	case float64:
		return NumberFromFloat(x)
	}
	return "0"
}

// Copy returns a deep copy of v.
func Copy(v Value) Value {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = Copy(e)
		}
		return out
	case *Object:
		out := NewObject(x.Len())
		for i, k := range x.keys {
			out.Set(k, Copy(x.vals[i]))
		}
		return out
	}
	return v
}

// Size is the byte length of v's compact encoding.
func Size(v Value) int { return len(Marshal(v)) }

// FromGo converts values built by encoding/json (map[string]any, float64,
// json.Number, ...) into jsonval values. Map keys are sorted.
func FromGo(v any) Value {
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		o := NewObject(len(keys))
		for _, k := range keys {
			o.Set(k, FromGo(x[k]))
		}
		return o
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = FromGo(e)
		}
		return out
	case json.Number:
		return Number(x)
	case float64:
		return NumberFromFloat(x)
	case int:
		return NumberFromInt(int64(x))
	case int64:
		return NumberFromInt(x)
	}
	return v
}

// MustDecode decodes s and panics on error; for tests and literals.
func MustDecode(s string) Value {
	v, err := DecodeString(s)
	if err != nil {
		panic(err)
	}
	return v
}
