package jsonata

import (
	"errors"
	"reflect"
	"strings"
	"time"

	lib "github.com/blues/jsonata-go"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

// Expr is a compiled JSONata expression. It is safe for concurrent use.
type Expr struct {
	src string
	// base is compiled with an empty registry: Eval copies it and registers
	// per-call functions/variables on the copy, so the copy gets its own
	// registry map and calls never share state.
	base     lib.Expr
	vars     []string // $names referenced by the source
	funcs    []string // our extension functions referenced by the source
	keyOrder []string // literal object keys in source order
}

// Env supplies the non-deterministic parts of evaluation.
type Env struct {
	Random func() float64 // for $random() without a seed
	UUID   func() string  // for $uuid()
	// Now, when set, drives $now() and $millis(); when nil the engine's
	// own wall clock is used.
	Now func() time.Time
	// Limits bound the evaluation (the JSONata* fields); zero fields take
	// their defaults.
	Limits limits.Limits
}

// ErrUnsupportedResult is returned by Eval when the expression yields a
// value that is not JSON (a function or a regex). AWS reports this as
// "returned an unsupported result type."
var ErrUnsupportedResult = errors.New("jsonata: expression returned an unsupported result type")

// Compile parses src, the text between "{%" and "%}" (surrounding spaces
// are ignored).
func Compile(src string) (*Expr, error) {
	src = strings.TrimSpace(src)
	if src == "" {
		return nil, &Error{Code: "S0207", Message: "S0207: Unexpected end of expression"}
	}
	// The parser is recursive: refuse deep nesting before it runs.
	if sourceNesting(src) > limits.JSONataNesting {
		return nil, nestingError(limits.JSONataNesting)
	}
	e, err := compileLib(src)
	if err != nil {
		return nil, err
	}
	names := scanVarNames(src)
	x := &Expr{src: src, base: *e, keyOrder: scanLiteralKeys(src)}
	for _, n := range names {
		if _, ok := extensions[n]; ok {
			x.funcs = append(x.funcs, n)
		} else {
			x.vars = append(x.vars, n)
		}
	}
	return x, nil
}

// compileLib guards against parser panics so that no input can crash us.
func compileLib(src string) (e *lib.Expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, err = nil, &Error{Code: "S0201", Message: "S0201: Syntax error"}
		}
	}()
	e, err = lib.Compile(src)
	if err != nil {
		return nil, convertError(err)
	}
	return e, nil
}

// String returns the (trimmed) source of the expression.
func (e *Expr) String() string { return e.src }

// Eval evaluates the expression with input bound to $ and each entry of
// vars bound to $name. defined is false when the result is JSONata's
// "undefined".
func (e *Expr) Eval(input jsonval.Value, vars map[string]jsonval.Value, env Env) (v jsonval.Value, defined bool, err error) {
	c := newConverter(e.keyOrder)
	c.budget = lib.NewBudget(budgetLimits(env.Limits))
	run := e.base // copy; see Expr.base
	if err := run.RegisterExts(e.extsFor(env, c)); err != nil {
		return nil, false, err
	}
	if err := run.RegisterVars(c.bindVars(e.vars, vars)); err != nil {
		return nil, false, err
	}
	res, err := evalLib(&run, c.toGo(input), c.budget)
	if errors.Is(err, lib.ErrUndefined) {
		// The library flattens an empty array at the end of a path to
		// undefined; JSONata (and AWS) return the array itself.
		if arr, ok := emptyArrayAtPath(e.src, input, vars); ok {
			return arr, true, nil
		}
		return nil, false, nil
	}
	if err == nil {
		// The result may share sub-values: bound its expanded size before
		// converting it.
		err = c.budget.AllocJSON(reflect.ValueOf(res))
	}
	if err != nil {
		return nil, false, convertError(err)
	}
	out, err := c.fromGo(reflect.ValueOf(res))
	if err != nil {
		return nil, false, err
	}
	return out, true, nil
}

// evalLib turns engine panics (there are a few on odd inputs) into errors.
func evalLib(e *lib.Expr, in any, b *lib.Budget) (res any, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, &Error{Code: "D1000", Message: "D1000: Internal evaluation error"}
		}
	}()
	return e.EvalBudget(in, b)
}

// extsFor builds the extension functions the source refers to.
func (e *Expr) extsFor(env Env, c *converter) map[string]lib.Extension {
	m := make(map[string]lib.Extension, len(e.funcs))
	for _, n := range e.funcs {
		if ext, ok := extensions[n](env, c); ok {
			m[n] = ext
		}
	}
	return m
}
