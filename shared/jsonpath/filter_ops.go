package jsonpath

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// fequal follows Jayway: numbers compare by value, a number and a string
// compare after converting the right side to the left side's kind.
func fequal(l, r fval) bool {
	switch l.k {
	case fNum:
		switch r.k {
		case fNum:
			return compareDecimal(l.s, r.s) == 0
		case fStr:
			return isDecimal(r.s) && compareDecimal(l.s, r.s) == 0
		}
	case fStr:
		return (r.k == fStr || r.k == fNum) && l.s == r.s
	case fBool:
		return r.k == fBool && l.b == r.b
	case fNull:
		return r.k == fNull
	case fJSON:
		return r.k == fJSON && jsonval.Equal(l.j, r.j)
	}
	return false
}

func fcompare(op string, l, r fval) bool {
	var c int
	switch {
	case l.k == fNum && r.k == fNum:
		c = compareDecimal(l.s, r.s)
	case l.k == fStr && r.k == fStr:
		c = compareUTF16(l.s, r.s)
	default:
		return false
	}
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

func fregex(l, r fval) bool {
	if (l.k == fRegex) == (r.k == fRegex) {
		return false
	}
	if l.k == fRegex {
		l, r = r, l
	}
	in := ""
	switch l.k {
	case fStr, fNum:
		in = l.s
	case fBool:
		in = "false"
		if l.b {
			in = "true"
		}
	}
	return r.re.MatchString(in)
}

// list returns the elements of an array value.
func (v fval) list() ([]any, bool) {
	a, ok := v.j.([]any)
	return a, v.k == fJSON && ok
}

func inList(l, r fval) bool {
	items, ok := r.list()
	if !ok {
		return false
	}
	for _, it := range items {
		if fequal(l, toFval(it)) {
			return true
		}
	}
	return false
}

func fcontains(l, r fval) bool {
	if l.k == fStr && r.k == fStr {
		return strings.Contains(l.s, r.s)
	}
	if _, ok := l.list(); ok {
		return inList(r, l)
	}
	return false
}

func fsets(op string, l, r fval) bool {
	left, ok1 := l.list()
	_, ok2 := r.list()
	if !ok1 || !ok2 {
		return false
	}
	n := 0
	for _, it := range left {
		if inList(toFval(it), r) {
			n++
		}
	}
	switch op {
	case "subsetof":
		return n == len(left)
	case "anyof":
		return n > 0
	}
	return n == 0
}

func fsize(l, r fval) bool {
	if r.k != fNum {
		return false
	}
	want, ok := jsonval.Number(r.s).Int()
	if !ok {
		return false
	}
	if l.k == fStr {
		return int64(utf16Len(l.s)) == want
	}
	if items, ok := l.list(); ok {
		return int64(len(items)) == want
	}
	return false
}

func fempty(l, r fval) bool {
	if r.k != fBool {
		return false
	}
	switch x := l.j.(type) {
	case []any:
		return (len(x) == 0) == r.b
	case *jsonval.Object:
		return (x.Len() == 0) == r.b
	}
	if l.k == fStr {
		return (l.s == "") == r.b
	}
	return false
}
