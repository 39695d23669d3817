package validate

import (
	"regexp"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

var waitFields = []string{"Seconds", "Timestamp", "SecondsPath", "TimestampPath"}

// wait checks a Wait state: exactly one way of saying how long to wait.
func (c *checker) wait(st *state) {
	fields := waitFields
	if st.jsonata() {
		fields = waitFields[:2] // the Path forms are JSONPath-only
	}
	var present []string
	for _, f := range fields {
		if _, ok := st.get(f); ok {
			present = append(present, f)
		}
	}
	if len(present) != 1 {
		c.schema(st.loc, msgExactlyOne(fields...))
	}
	for _, f := range present {
		v, _ := st.get(f)
		switch f {
		case "Seconds":
			c.nonNegativeInt(st.loc, f, v, st.jsonata())
		case "Timestamp":
			c.timestamp(st, v)
		default:
			c.pathField(st.loc, f, v, true)
		}
	}
}

func (c *checker) timestamp(st *state, v jsonval.Value) {
	if st.jsonata() && c.exprOK(st.loc, "Timestamp", v) {
		return
	}
	s, ok := asString(v)
	if !ok {
		c.schema(join(st.loc, "Timestamp"), msgType("Timestamp", tString))
		return
	}
	if !isRFC3339(s) {
		c.schema(join(st.loc, "Timestamp"), msgRFC3339)
	}
}

var rfc3339 = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$`)

// isRFC3339 reports whether s is an RFC 3339 date-time with valid field
// ranges (month, day of month, hour, minute, second, offset).
func isRFC3339(s string) bool {
	m := rfc3339.FindStringSubmatch(s)
	if m == nil {
		return false
	}
	n := func(i int) int { x, _ := strconv.Atoi(m[i]); return x }
	year, month, day := n(1), n(2), n(3)
	if month < 1 || month > 12 || day < 1 || day > daysIn(year, month) {
		return false
	}
	if n(4) > 23 || n(5) > 59 || n(6) > 60 {
		return false
	}
	if m[9] != "" && (n(10) > 23 || n(11) > 59) {
		return false
	}
	return true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// fail checks a Fail state: Error/ErrorPath and Cause/CausePath exclude
// each other; in JSONata Error and Cause may be expressions.
func (c *checker) fail(st *state) {
	for _, f := range []string{"Error", "Cause"} {
		if c.exclusive(st, f, f+"Path") {
			continue
		}
		if v, ok := st.get(f); ok {
			if s, isStr := asString(v); !isStr {
				c.schema(join(st.loc, f), msgType(f, tString))
			} else if st.jsonata() && isExpr(s) {
				c.exprOK(st.loc, f, v)
			}
		}
		if v, ok := st.get(f + "Path"); ok {
			c.failPath(st.loc, f+"Path", v)
		}
	}
}

// failPath checks ErrorPath/CausePath: a path or an intrinsic function.
func (c *checker) failPath(loc, field string, v jsonval.Value) {
	s, ok := asString(v)
	if !ok {
		c.schema(join(loc, field), msgType(field, tString))
		return
	}
	if !isPath(s) && !isIntrinsic(s) {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a valid JSONPath or a valid intrinsic function call")
	}
}
