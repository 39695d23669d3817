package jsonval

import (
	"math"
	"strconv"
	"testing"
)

func TestNumber_Float(t *testing.T) {
	cases := []struct {
		in   string
		want float64
	}{
		{"0", 0}, {"7", 7}, {"-12", -12}, {"007", 7}, {"123456789012345", 123456789012345},
		{"1234567890123456789", 1234567890123456789}, {"1.5", 1.5}, {"-2.25e2", -225},
		{"1e3", 1000}, {"9007199254740993", 9007199254740992},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := Number(c.in).Float(); got != c.want {
				t.Fatalf("Float(%s) = %v, want %v", c.in, got, c.want)
			}
		})
	}
	if f := Number("-0").Float(); f != 0 || !math.Signbit(f) {
		t.Fatalf("Float(-0) = %v, want negative zero", f)
	}
}

// FuzzNumber_Float checks the integer fast path against strconv.
func FuzzNumber_Float(f *testing.F) {
	for _, s := range []string{"0", "-0", "42", "-", "", "1.5", "999999999999999", "1000000000000000", "-9", "0x1", "+1", "1_0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, err := strconv.ParseFloat(s, 64)
		if err != nil && !math.IsInf(want, 0) {
			return // not a number: Float's result is unspecified
		}
		got := Number(s).Float()
		if got != want || math.Signbit(got) != math.Signbit(want) {
			t.Fatalf("Float(%q) = %v, strconv %v", s, got, want)
		}
	})
}
