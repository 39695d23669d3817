package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// positiveInt checks an integer field that must be > 0. With allowExpr a
// JSONata "{% %}" string is also accepted (it is checked at run time).
func (c *checker) positiveInt(loc, field string, v jsonval.Value, allowExpr bool) (int64, bool) {
	return c.intAtLeast(loc, field, v, allowExpr, 1, "a positive integer")
}

// nonNegativeInt checks an integer field that must be >= 0.
func (c *checker) nonNegativeInt(loc, field string, v jsonval.Value, allowExpr bool) (int64, bool) {
	return c.intAtLeast(loc, field, v, allowExpr, 0, "a non-negative integer")
}

func (c *checker) intAtLeast(loc, field string, v jsonval.Value, allowExpr bool, low int64, what string) (int64, bool) {
	if allowExpr && c.exprOK(loc, field, v) {
		return 0, false
	}
	n, ok := asInt(v)
	if !ok || n < low {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be "+what)
		return 0, false
	}
	return n, true
}

// exprOK reports whether v is a JSONata expression string; a string that
// only looks like one is reported.
func (c *checker) exprOK(loc, field string, v jsonval.Value) bool {
	s, ok := asString(v)
	if !ok || !looksLikeExpr(s) {
		return false
	}
	if !validExpr(s) {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a valid JSONata expression")
	}
	return true
}

// numberInRange checks a number field within [low, high].
func (c *checker) numberInRange(loc, field string, v jsonval.Value, allowExpr bool, low, high float64) {
	if allowExpr && c.exprOK(loc, field, v) {
		return
	}
	f, ok := asFloat(v)
	if !ok || f < low || f > high {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a number between 0 and 100")
	}
}

// exclusive reports a pair of fields that may not both be present.
func (c *checker) exclusive(st *state, a, b string) bool {
	_, hasA := st.get(a)
	_, hasB := st.get(b)
	if hasA && hasB {
		c.schema(st.loc, msgMutuallyExclusive(a, b))
		return true
	}
	return false
}
