package intrinsic

import (
	"math"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// maxRange is AWS's cap on the length of a States.ArrayRange result.
const maxRange = 1000

func array(_ *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	out := make([]any, len(args))
	copy(out, args)
	return out, nil
}

func arrayPartition(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	arr, ok := args[0].([]any)
	size, okN := intArg(args[1])
	if !ok || !okN || size <= 0 {
		return nil, invalidArgs(c)
	}
	out := make([]any, 0, (len(arr)+int(size)-1)/int(size))
	for i := 0; i < len(arr); i += int(size) {
		end := min(i+int(size), len(arr))
		chunk := make([]any, end-i)
		copy(chunk, arr[i:end])
		out = append(out, chunk)
	}
	return out, nil
}

// arrayContains compares elements by their rendered text, which is what AWS
// observably does: true matches "true", and {a,b} does not match {b,a}.
func arrayContains(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c)
	}
	want := render(args[1])
	for _, e := range arr {
		if render(e) == want {
			return true, nil
		}
	}
	return false, nil
}

// arrayRange builds start..end inclusive by step; arguments are truncated to
// integers (AWS gives [1] for ArrayRange(1.6, 1.4, 1)).
func arrayRange(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	start, ok1 := intArg(args[0])
	end, ok2 := intArg(args[1])
	step, ok3 := intArg(args[2])
	if !ok1 || !ok2 || !ok3 || step == 0 {
		return nil, invalidArgs(c)
	}
	n := int64(0)
	if step > 0 && start <= end {
		n = (int64(end)-int64(start))/int64(step) + 1
	} else if step < 0 && start >= end {
		n = (int64(start)-int64(end))/-int64(step) + 1
	}
	if n > maxRange {
		return nil, invalidArgs(c)
	}
	out := make([]any, n)
	for i := range out {
		out[i] = jsonval.NumberFromInt(int64(start) + int64(i)*int64(step))
	}
	return out, nil
}

// arrayGetItem truncates a fractional index, as AWS does (1.2 reads item 1).
func arrayGetItem(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	arr, ok := args[0].([]any)
	idx, okN := intArg(args[1])
	if !ok || !okN {
		return nil, invalidArgs(c)
	}
	if len(arr) == 0 {
		// Observed on AWS: any index into an empty array yields null.
		return nil, nil
	}
	if idx < 0 || int(idx) >= len(arr) {
		return nil, invalidArgs(c)
	}
	return arr[idx], nil
}

func arrayLength(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c)
	}
	return jsonval.NumberFromInt(int64(len(arr))), nil
}

// arrayUnique keeps the first of each group of equal elements, in order.
// Equality is Jackson's: object key order is ignored, number text is not.
func arrayUnique(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	arr, ok := args[0].([]any)
	if !ok {
		return nil, invalidArgs(c)
	}
	out := make([]any, 0, len(arr))
	seen := make(map[string]bool, len(arr))
	for _, e := range arr {
		key := string(canonical(nil, e))
		if !seen[key] {
			seen[key] = true
			out = append(out, e)
		}
	}
	return out, nil
}

// intArg converts a number argument the way Java's (int) cast does:
// truncation toward zero, saturating at the int32 range.
func intArg(v jsonval.Value) (int32, bool) {
	n, ok := v.(jsonval.Number)
	if !ok {
		return 0, false
	}
	return javaInt(n.Float()), true
}

func javaInt(f float64) int32 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}
