package jsonpath

import (
	"math/big"
	"strconv"
	"unicode/utf16"
)

// compareDecimal compares two decimal texts by value, like Java's
// BigDecimal.compareTo. float64 rounding is monotonic, so distinct floats
// decide the order; only equal floats need the exact comparison.
func compareDecimal(a, b string) int {
	fa, errA := strconv.ParseFloat(a, 64)
	fb, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil && fa != fb {
		if fa < fb {
			return -1
		}
		return 1
	}
	if a == b {
		return 0
	}
	x, okA := new(big.Float).SetPrec(512).SetString(a)
	y, okB := new(big.Float).SetPrec(512).SetString(b)
	if !okA || !okB {
		return compareUTF16(a, b)
	}
	return x.Cmp(y)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// compareUTF16 orders strings like Java's String.compareTo (UTF-16 units).
func compareUTF16(a, b string) int {
	if isASCII(a) && isASCII(b) {
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	}
	ua, ub := utf16.Encode([]rune(a)), utf16.Encode([]rune(b))
	for i := 0; i < len(ua) && i < len(ub); i++ {
		if ua[i] != ub[i] {
			return int(ua[i]) - int(ub[i])
		}
	}
	return len(ua) - len(ub)
}

// utf16Len is Java's String.length().
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return n
}
