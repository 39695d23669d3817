package jsonpath

import (
	"regexp"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// fexpr is a compiled filter expression; at is the node under test ('@').
type fexpr interface {
	eval(ev *evaluator, at any) bool
}

type orExpr struct{ l, r fexpr }
type andExpr struct{ l, r fexpr }
type notExpr struct{ x fexpr }

type existsExpr struct {
	path *Path
	want bool
}

type relExpr struct {
	l, r operand
	op   string
}

// operand is a literal value or a path evaluated per node.
type operand struct {
	val  fval
	path *Path
}

type fkind uint8

const (
	fUndef fkind = iota // path matched nothing
	fNull
	fBool
	fNum
	fStr
	fJSON // array or object, including the list an indefinite path yields
	fRegex
)

// fval mirrors Jayway's ValueNode kinds.
type fval struct {
	k  fkind
	b  bool
	s  string // string value, or number text
	j  any
	re *regexp.Regexp
}

func toFval(v any) fval {
	switch x := v.(type) {
	case nil:
		return fval{k: fNull}
	case bool:
		return fval{k: fBool, b: x}
	case string:
		return fval{k: fStr, s: x}
	case jsonval.Number:
		return fval{k: fNum, s: string(x)}
	case []any, *jsonval.Object:
		return fval{k: fJSON, j: x}
	}
	if f, ok := jsonval.ToFloat(v); ok {
		return fval{k: fNum, s: jsonval.FormatFloat(f)}
	}
	return fval{}
}

func (e orExpr) eval(ev *evaluator, at any) bool  { return e.l.eval(ev, at) || e.r.eval(ev, at) }
func (e andExpr) eval(ev *evaluator, at any) bool { return e.l.eval(ev, at) && e.r.eval(ev, at) }
func (e notExpr) eval(ev *evaluator, at any) bool { return !e.x.eval(ev, at) }

// eval of an existence check: Jayway evaluates it with REQUIRE_PROPERTIES,
// so any missing property along the way means "does not exist"; a present
// null exists.
func (e existsExpr) eval(ev *evaluator, at any) bool {
	node := ev.root
	if e.path.current {
		node = at
	}
	if e.path.definite {
		_, ok := e.path.lookup(node)
		return ok == e.want
	}
	sub := ev.sub(true)
	e.path.walk(sub, 0, node)
	ev.absorb(sub)
	return (!sub.missing && sub.err == nil) == e.want
}

func (o operand) value(ev *evaluator, at any) fval {
	if o.path == nil {
		return o.val
	}
	node := ev.root
	if o.path.current {
		node = at
	}
	if o.path.definite {
		v, ok := o.path.lookup(node)
		if !ok {
			return fval{}
		}
		return toFval(v)
	}
	sub := ev.sub(false)
	o.path.walk(sub, 0, node)
	ev.absorb(sub)
	return fval{k: fJSON, j: sub.out}
}

func (e relExpr) eval(ev *evaluator, at any) bool {
	l, r := e.l.value(ev, at), e.r.value(ev, at)
	switch e.op {
	case "==":
		return fequal(l, r)
	case "!=":
		return !fequal(l, r)
	case "===":
		return l.k == r.k && fequal(l, r)
	case "!==":
		return !(l.k == r.k && fequal(l, r))
	case "<", "<=", ">", ">=":
		return fcompare(e.op, l, r)
	case "=~":
		return fregex(l, r)
	case "in":
		return inList(l, r)
	case "nin":
		return !inList(l, r)
	case "contains":
		return fcontains(l, r)
	case "subsetof", "anyof", "noneof":
		return fsets(e.op, l, r)
	case "size":
		return fsize(l, r)
	case "empty":
		return fempty(l, r)
	}
	return false
}
