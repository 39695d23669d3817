package jsonata

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"math"
	"reflect"

	lib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jtypes"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// maxRange caps $range like jsonata's range operator so a typo cannot
// exhaust memory.
const maxRange = 10_000_000

// fnPartition implements AWS's $partition(array, size).
func fnPartition(arr, size reflect.Value) (any, error) {
	items, ok := asArray(arr)
	if !ok {
		return nil, argError(1, "partition")
	}
	n, ok := asInt(size)
	if !ok || n <= 0 {
		return nil, argError(2, "partition")
	}
	out := make([]any, 0, (len(items)+n-1)/n)
	for i := 0; i < len(items); i += n {
		end := min(i+n, len(items))
		out = append(out, append([]any(nil), items[i:end]...))
	}
	return out, nil
}

// rangeFunc implements AWS's $range(start, end, step): start, start+step,
// ... up to and including end. Like a jsonata sequence, one item comes
// back as that item (AWS returns 1 for $range(1, 9, 9)) and none as
// undefined. The items are charged to b before they are built.
func rangeFunc(b *lib.Budget) func(start, end, step reflect.Value) (any, error) {
	return func(start, end, step reflect.Value) (any, error) {
		return fnRange(b, start, end, step)
	}
}

func fnRange(b *lib.Budget, start, end, step reflect.Value) (any, error) {
	s, ok1 := asInt(start)
	e, ok2 := asInt(end)
	st, ok3 := asInt(step)
	switch {
	case !ok1:
		return nil, argError(1, "range")
	case !ok2:
		return nil, argError(2, "range")
	case !ok3 || st == 0:
		return nil, argError(3, "range")
	}
	n := 0
	if (st > 0 && e >= s) || (st < 0 && e <= s) {
		n = (e-s)/st + 1
	}
	if n > maxRange {
		return nil, newError("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7.")
	}
	if err := b.AllocItems(n); err != nil {
		return nil, err
	}
	out := make([]any, 0, n)
	for v := s; len(out) < n; v += st {
		out = append(out, float64(v))
	}
	switch len(out) {
	case 0:
		return nil, jtypes.ErrUndefined
	case 1:
		return out[0], nil
	}
	return out, nil
}

var hashers = map[string]func() hash.Hash{
	"MD5":     md5.New,
	"SHA-1":   sha1.New,
	"SHA-256": sha256.New,
	"SHA-384": sha512.New384,
	"SHA-512": sha512.New,
}

// fnHash implements AWS's $hash(data, algorithm): lowercase hex digest.
func fnHash(data, alg reflect.Value) (any, error) {
	s, ok := jtypes.AsString(data)
	if !ok {
		return nil, argError(1, "hash")
	}
	name, ok := jtypes.AsString(alg)
	h, known := hashers[name]
	if !ok || !known {
		return nil, argError(2, "hash")
	}
	w := h()
	w.Write([]byte(s))
	return hex.EncodeToString(w.Sum(nil)), nil
}

// parseFunc implements AWS's $parse(jsonString). It converts through the
// call's converter so a parsed object returned as is keeps its key order.
func parseFunc(c *converter) any {
	return func(s reflect.Value) (any, error) {
		str, ok := jtypes.AsString(s)
		if !ok {
			return nil, argError(1, "parse")
		}
		// The parsed value takes about as many bytes as its text, plus
		// the slots of its containers.
		if err := c.budget.Alloc(2 * len(str)); err != nil {
			return nil, err
		}
		v, err := jsonval.DecodeString(str)
		if err != nil {
			return nil, newError("D3140", "Malformed JSON string: "+quote(str))
		}
		return c.toGo(v), nil
	}
}

func randomFunc(env Env) any {
	return func(seed jtypes.OptionalValue) (any, error) {
		if !seed.IsSet() || !seed.Value.IsValid() {
			if env.Random == nil {
				return 0.0, nil
			}
			return env.Random(), nil
		}
		f, ok := jtypes.AsNumber(seed.Value)
		if !ok {
			return nil, argError(1, "random")
		}
		return seededRandom(f), nil
	}
}

// seededRandom maps a seed to a float in [0,1) with splitmix64, so the same
// seed always gives the same value (the exact values of AWS are not known).
func seededRandom(seed float64) float64 {
	z := math.Float64bits(seed) + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

func uuidFunc(env Env) any {
	return func() string {
		if env.UUID == nil {
			return "00000000-0000-4000-8000-000000000000"
		}
		return env.UUID()
	}
}

// asArray accepts an array or, as jsonata's "a" signature does, wraps a
// single value.
func asArray(v reflect.Value) ([]any, bool) {
	v = jtypes.Resolve(v)
	if !v.IsValid() {
		return nil, false
	}
	if !jtypes.IsArray(v) {
		return []any{v.Interface()}, true
	}
	out := make([]any, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface()
	}
	return out, true
}

func asInt(v reflect.Value) (int, bool) {
	f, ok := jtypes.AsNumber(v)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int(f), true
}

func argError(i int, fn string) *Error {
	return newError("T0410", "Argument "+string(rune('0'+i))+" of function "+quote(fn)+" does not match function signature")
}
