package intrinsic

import (
	"math"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// mathAdd rounds each operand half up (Java's Math.round: -1.5 gives -1,
// 2.5 gives 3) and adds them; operands and sum must fit in 32 bits.
func mathAdd(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	a, ok1 := roundArg(args[0])
	b, ok2 := roundArg(args[1])
	sum := a + b
	if !ok1 || !ok2 || sum < math.MinInt32 || sum > math.MaxInt32 {
		return nil, invalidArgs(c)
	}
	return jsonval.NumberFromInt(sum), nil
}

func roundArg(v jsonval.Value) (int64, bool) {
	n, ok := v.(jsonval.Number)
	if !ok {
		return 0, false
	}
	r := math.Floor(n.Float() + 0.5)
	if r < math.MinInt32 || r > math.MaxInt32 {
		return 0, false
	}
	return int64(r), true
}

// mathRandom returns an integer in [start, end). Bounds are truncated to
// integers (AWS rejects MathRandom(1.4, 1.6)). With a seed the result comes
// from java.util.Random(seed).nextInt(end-start), so equal seeds give equal
// numbers, as AWS documents.
func mathRandom(c *Call, args []jsonval.Value, env Env) (jsonval.Value, error) {
	start, ok1 := intArg(args[0])
	end, ok2 := intArg(args[1])
	if !ok1 || !ok2 || start >= end {
		return nil, invalidArgs(c)
	}
	span := int64(end) - int64(start)
	if len(args) == 3 {
		seed, ok := args[2].(jsonval.Number)
		if !ok || span > math.MaxInt32 {
			return nil, invalidArgs(c)
		}
		r := newJavaRandom(javaLong(seed.Float())).nextInt(int32(span))
		return jsonval.NumberFromInt(int64(start) + int64(r)), nil
	}
	if env.Random == nil {
		return nil, runtimeErr("no random source for " + c.Name)
	}
	off := int64(env.Random() * float64(span))
	off = max(0, min(off, span-1)) // guard against a source returning 1.0
	return jsonval.NumberFromInt(int64(start) + off), nil
}

// javaLong converts like Java's (long) cast: truncation, saturating.
func javaLong(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}
