package interp

import (
	"math/big"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// operator compares a variable's value with an operand. A type mismatch is
// simply false, as in AWS.
type operator func(v, operand jsonval.Value) bool

// operators is the registry of Choice comparison operators keyed by their
// ASL names; "<Name>Path" variants reuse the entry of "<Name>".
var operators = map[string]operator{
	"StringEquals":               stringOp(func(c int) bool { return c == 0 }),
	"StringLessThan":             stringOp(func(c int) bool { return c < 0 }),
	"StringGreaterThan":          stringOp(func(c int) bool { return c > 0 }),
	"StringLessThanEquals":       stringOp(func(c int) bool { return c <= 0 }),
	"StringGreaterThanEquals":    stringOp(func(c int) bool { return c >= 0 }),
	"NumericEquals":              numericOp(func(c int) bool { return c == 0 }),
	"NumericLessThan":            numericOp(func(c int) bool { return c < 0 }),
	"NumericGreaterThan":         numericOp(func(c int) bool { return c > 0 }),
	"NumericLessThanEquals":      numericOp(func(c int) bool { return c <= 0 }),
	"NumericGreaterThanEquals":   numericOp(func(c int) bool { return c >= 0 }),
	"TimestampEquals":            timestampOp(func(c int) bool { return c == 0 }),
	"TimestampLessThan":          timestampOp(func(c int) bool { return c < 0 }),
	"TimestampGreaterThan":       timestampOp(func(c int) bool { return c > 0 }),
	"TimestampLessThanEquals":    timestampOp(func(c int) bool { return c <= 0 }),
	"TimestampGreaterThanEquals": timestampOp(func(c int) bool { return c >= 0 }),
	"BooleanEquals":              booleanEquals,
	"StringMatches":              stringMatches,
	"IsNull":                     isType(func(v jsonval.Value) bool { return v == nil }),
	"IsString":                   isType(func(v jsonval.Value) bool { _, ok := v.(string); return ok }),
	"IsNumeric":                  isType(func(v jsonval.Value) bool { _, ok := v.(jsonval.Number); return ok }),
	"IsBoolean":                  isType(func(v jsonval.Value) bool { _, ok := v.(bool); return ok }),
	"IsTimestamp":                isType(func(v jsonval.Value) bool { _, ok := parseTimestamp(v); return ok }),
	"IsPresent":                  func(jsonval.Value, jsonval.Value) bool { return true }, // handled by compare
}

func stringOp(test func(int) bool) operator {
	return func(v, operand jsonval.Value) bool {
		a, ok1 := v.(string)
		b, ok2 := operand.(string)
		return ok1 && ok2 && test(strings.Compare(a, b))
	}
}

func numericOp(test func(int) bool) operator {
	return func(v, operand jsonval.Value) bool {
		a, ok1 := v.(jsonval.Number)
		b, ok2 := operand.(jsonval.Number)
		if !ok1 || !ok2 {
			return false
		}
		return test(compareNumbers(a, b))
	}
}

// compareNumbers compares exactly: floats decide unless they tie on
// different texts, where precision may have been lost.
func compareNumbers(a, b jsonval.Number) int {
	fa, fb := a.Float(), b.Float()
	switch {
	case fa < fb:
		return -1
	case fa > fb:
		return 1
	case a == b:
		return 0
	}
	ra, okA := new(big.Rat).SetString(string(a))
	rb, okB := new(big.Rat).SetString(string(b))
	if !okA || !okB {
		return 0
	}
	return ra.Cmp(rb)
}

func timestampOp(test func(int) bool) operator {
	return func(v, operand jsonval.Value) bool {
		a, ok1 := parseTimestamp(v)
		b, ok2 := parseTimestamp(operand)
		return ok1 && ok2 && test(a.Compare(b))
	}
}

func booleanEquals(v, operand jsonval.Value) bool {
	a, ok1 := v.(bool)
	b, ok2 := operand.(bool)
	return ok1 && ok2 && a == b
}

// isType builds an Is* test whose operand says whether the type is wanted.
func isType(is func(jsonval.Value) bool) operator {
	return func(v, operand jsonval.Value) bool {
		want, _ := operand.(bool)
		return is(v) == want
	}
}
