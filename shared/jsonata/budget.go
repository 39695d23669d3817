package jsonata

import (
	"strconv"

	lib "github.com/blues/jsonata-go"

	"github.com/stepwise/stepwise/shared/limits"
)

// budgetLimits turns the JSONata fields of l (defaults for zero fields)
// into the engine's per-evaluation bounds.
func budgetLimits(l limits.Limits) lib.Limits {
	l = l.Resolve()
	return lib.Limits{MaxDepth: l.JSONataDepth, MaxSteps: l.JSONataSteps, MaxBytes: l.JSONataBytes}
}

// limitMessages render the engine's budget errors. Recursion gets
// jsonata-js's own text (U1001), too many steps the text of jsonata-js's
// evaluation timeout (also U1001); jsonata-js has no memory bound, so that
// message, without a code, names the limit.
var limitMessages = map[lib.ErrType]func(e *lib.EvalError) *Error{
	lib.ErrMaxDepth: fixed("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."),
	lib.ErrMaxSteps: func(e *lib.EvalError) *Error {
		return newError("U1001", "Expression evaluation timeout: Check for infinite loop. The evaluation exceeded the limit of "+e.Value+" steps.")
	},
	lib.ErrMaxBytes: func(e *lib.EvalError) *Error {
		return &Error{Message: "Expression evaluation out of memory: it allocates more than the limit of " + e.Value + " bytes."}
	},
}

func nestingError(max int) *Error {
	return &Error{Message: "Syntax error: the expression nests deeper than the limit of " + strconv.Itoa(max) + " levels"}
}
