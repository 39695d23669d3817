package intrinsic

// javaRandom is java.util.Random's 48-bit linear congruential generator,
// reproduced so seeded States.MathRandom is deterministic the way a Java
// service's would be.
type javaRandom struct{ seed int64 }

const (
	jrMultiplier = 0x5DEECE66D
	jrAddend     = 0xB
	jrMask       = 1<<48 - 1
)

func newJavaRandom(seed int64) *javaRandom {
	return &javaRandom{seed: (seed ^ jrMultiplier) & jrMask}
}

func (r *javaRandom) next(bits uint) int32 {
	r.seed = (r.seed*jrMultiplier + jrAddend) & jrMask
	return int32(uint64(r.seed) >> (48 - bits))
}

// nextInt returns a value in [0, bound); bound must be positive.
func (r *javaRandom) nextInt(bound int32) int32 {
	x := r.next(31)
	m := bound - 1
	if bound&m == 0 {
		return int32((int64(bound) * int64(x)) >> 31)
	}
	for u := x; ; u = r.next(31) {
		x = u % bound
		if u-x+m >= 0 { // int32 overflow here means a biased draw: retry
			return x
		}
	}
}
