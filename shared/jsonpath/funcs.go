package jsonpath

import (
	"errors"
	"fmt"
	"math"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// ErrFunction is wrapped by errors from path functions (e.g. min() of an
// array without numbers).
var ErrFunction = errors.New("jsonpath: function failed")

// functions are the Jayway path functions without arguments.
var functions = map[string]func(any) (any, error){
	"length": length,
	"size":   length,
	"min":    aggregate(func(a, x float64) float64 { return math.Min(a, x) }),
	"max":    aggregate(func(a, x float64) float64 { return math.Max(a, x) }),
	"sum":    aggregate(func(a, x float64) float64 { return a + x }),
	"avg":    average,
	"stddev": stddev,
	"first":  func(v any) (any, error) { return element(v, 0) },
	"last":   func(v any) (any, error) { return element(v, -1) },
	"keys":   keys,
}

func callFunc(name string, v any) (any, error) {
	f, ok := functions[name]
	if !ok {
		return nil, fmt.Errorf("%w: function %q does not exist", ErrFunction, name)
	}
	return f(v)
}

// scanFunc applies fn to all matches of "$..x" (Jayway's fn($..x)); for
// length() Jayway appends [*] to the argument, so it counts their children.
func scanFunc(name string, matches []any) (any, error) {
	if name != "length" && name != "size" {
		return callFunc(name, matches)
	}
	n := 0
	for _, m := range matches {
		forChildren(m, func(any) { n++ })
	}
	return jsonval.NumberFromInt(int64(n)), nil
}

// length counts array elements or object members; anything else gives null.
func length(v any) (any, error) {
	switch x := v.(type) {
	case []any:
		return jsonval.NumberFromInt(int64(len(x))), nil
	case *jsonval.Object:
		return jsonval.NumberFromInt(int64(x.Len())), nil
	}
	return nil, nil
}

// numbers returns the numeric elements of an array (others are skipped, as
// in Jayway).
func numbers(v any) ([]float64, error) {
	var out []float64
	if arr, ok := v.([]any); ok {
		for _, e := range arr {
			if n, ok := e.(jsonval.Number); ok {
				out = append(out, n.Float())
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: aggregation function attempted to calculate value using empty array", ErrFunction)
	}
	return out, nil
}

func number(f float64) (any, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("%w: result %v is not a JSON number", ErrFunction, f)
	}
	return jsonval.NumberFromFloat(f), nil
}

func aggregate(op func(acc, x float64) float64) func(any) (any, error) {
	return func(v any) (any, error) {
		xs, err := numbers(v)
		if err != nil {
			return nil, err
		}
		acc := xs[0]
		for _, x := range xs[1:] {
			acc = op(acc, x)
		}
		return number(acc)
	}
}

func average(v any) (any, error) {
	xs, err := numbers(v)
	if err != nil {
		return nil, err
	}
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return number(sum / float64(len(xs)))
}

// stddev is the population standard deviation, as Jayway computes it.
func stddev(v any) (any, error) {
	xs, err := numbers(v)
	if err != nil {
		return nil, err
	}
	sum, sq := 0.0, 0.0
	for _, x := range xs {
		sum += x
		sq += x * x
	}
	n := float64(len(xs))
	return number(math.Sqrt(math.Max(sq/n-(sum/n)*(sum/n), 0)))
}

func element(v any, i int) (any, error) {
	arr, ok := v.([]any)
	if !ok || len(arr) == 0 {
		return nil, fmt.Errorf("%w: aggregation function attempted to calculate value using empty array", ErrFunction)
	}
	return arr[effIndex(i, len(arr))], nil
}

func keys(v any) (any, error) {
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return nil, nil
	}
	out := make([]any, 0, obj.Len())
	for _, k := range obj.Keys() {
		out = append(out, k)
	}
	return out, nil
}
