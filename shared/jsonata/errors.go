package jsonata

import (
	"errors"
	"math"
	"strconv"
	"strings"

	lib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jlib"
	"github.com/blues/jsonata-go/jparse"
)

// Error is a JSONata compile or evaluation error. Message has the form AWS
// shows after "threw an error during evaluation." in a
// States.QueryEvaluationError cause: "<code>: <jsonata-js message>", e.g.
// "T1006: Attempted to invoke a non-function".
type Error struct {
	Code     string // jsonata-js error code, e.g. "T1006"; empty if unknown
	Message  string
	Position int // character offset reported by the parser, 0 if unknown
}

func (e *Error) Error() string { return e.Message }

func newError(code, msg string) *Error {
	return &Error{Code: code, Message: code + ": " + msg}
}

// quote renders a token the way jsonata-js fills "{{token}}" (JSON.stringify).
func quote(s string) string { return strconv.Quote(s) }

// evalMessages maps the engine's evaluation error kinds to jsonata-js codes
// and texts. The engine does not keep the operand values, so the
// "{{value}}" parts of the jsonata-js templates are left out.
var evalMessages = map[lib.ErrType]func(e *lib.EvalError) *Error{
	lib.ErrNonIntegerLHS: fixed("T2003", "The left side of the range operator (..) must evaluate to an integer"),
	lib.ErrNonIntegerRHS: fixed("T2004", "The right side of the range operator (..) must evaluate to an integer"),
	lib.ErrNonNumberLHS: func(e *lib.EvalError) *Error {
		return newError("T2001", "The left side of the "+quote(e.Value)+" operator must evaluate to a number")
	},
	lib.ErrNonNumberRHS: func(e *lib.EvalError) *Error {
		return newError("T2002", "The right side of the "+quote(e.Value)+" operator must evaluate to a number")
	},
	lib.ErrNonComparableLHS: comparable,
	lib.ErrNonComparableRHS: comparable,
	lib.ErrTypeMismatch: func(e *lib.EvalError) *Error {
		return newError("T2009", "The values either side of operator "+quote(e.Value)+" must be of the same data type")
	},
	lib.ErrNonCallable:        fixed("T1006", "Attempted to invoke a non-function"),
	lib.ErrNonCallableApply:   fixed("T2006", "The right side of the function application operator ~> must be a function"),
	lib.ErrNonCallablePartial: fixed("T1008", "Attempted to partially apply a non-function"),
	lib.ErrNumberInf:          fixed("D1001", "Number out of range"),
	lib.ErrNumberNaN:          fixed("D1001", "Number out of range"),
	lib.ErrMaxRangeItems:      fixed("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7."),
	lib.ErrIllegalKey:         fixed("T1003", "Key in object structure must evaluate to a string"),
	lib.ErrDuplicateKey: func(e *lib.EvalError) *Error {
		return newError("D1009", "Multiple key definitions evaluate to same key: "+quote(e.Value))
	},
	lib.ErrClone:         fixed("T2013", "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function."),
	lib.ErrIllegalUpdate: fixed("T2011", "The insert/update clause of the transform expression must evaluate to an object"),
	lib.ErrIllegalDelete: fixed("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings"),
	lib.ErrNonSortable:   fixed("T2008", "The expressions within an order-by clause must evaluate to numeric or string values"),
	lib.ErrSortMismatch:  fixed("T2007", "Type mismatch when comparing values in order-by clause"),
}

func fixed(code, msg string) func(*lib.EvalError) *Error {
	return func(*lib.EvalError) *Error { return newError(code, msg) }
}

func comparable(e *lib.EvalError) *Error {
	return newError("T2010", "The expressions either side of operator "+quote(e.Value)+" must evaluate to numeric or string values")
}

// convertError maps any engine error to *Error.
func convertError(err error) error {
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	var ev *lib.EvalError
	if errors.As(err, &ev) {
		if f, ok := evalMessages[ev.Type]; ok {
			return f(ev)
		}
		if f, ok := limitMessages[ev.Type]; ok {
			return f(ev)
		}
	}
	var ac *lib.ArgCountError
	if errors.As(err, &ac) {
		return newError("T0410", "Argument "+strconv.Itoa(ac.Expected+1)+" of function "+quote(ac.Func)+" does not match function signature")
	}
	var at *lib.ArgTypeError
	if errors.As(err, &at) {
		return newError("T0410", "Argument "+strconv.Itoa(at.Which)+" of function "+quote(at.Func)+" does not match function signature")
	}
	var pe *jparse.Error
	if errors.As(err, &pe) {
		e := syntaxError(pe)
		e.Position = pe.Position
		return e
	}
	var je *jlib.Error
	if errors.As(err, &je) {
		return newError("D3001", "Attempting to invoke string function on Infinity or NaN")
	}
	return libTextError(err)
}

// libTextError maps the engine's plain-text errors we know of.
func libTextError(err error) *Error {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "sqrt function cannot be applied to a negative"):
		return newError("D3060", "The sqrt function cannot be applied to a negative number")
	case strings.Contains(msg, "number of matching values returned by single() must be 1"):
		return newError("D3139", "Expected exactly one matching result.  Instead matched "+strings.TrimSpace(msg[strings.LastIndex(msg, ":")+1:]))
	case strings.Contains(msg, "cannot call sum on"):
		return newError("T0412", `Argument 1 of function "sum" must be an array of numbers`)
	case strings.Contains(msg, "cannot call average on"):
		return newError("T0412", `Argument 1 of function "average" must be an array of numbers`)
	case strings.Contains(msg, "could not parse time"):
		return newError("D3110", "The timestamp cannot be parsed")
	}
	return &Error{Message: msg}
}

func syntaxError(e *jparse.Error) *Error {
	tok := quote(e.Token)
	switch e.Type {
	case jparse.ErrSyntaxError:
		return newError("S0201", "Syntax error: "+tok)
	case jparse.ErrUnexpectedEOF:
		return newError("S0207", "Unexpected end of expression")
	case jparse.ErrUnexpectedToken:
		return newError("S0202", "Expected "+quote(e.Hint)+", got "+tok)
	case jparse.ErrMissingToken:
		return newError("S0203", "Expected "+quote(e.Hint)+" before end of expression")
	case jparse.ErrPrefix:
		return newError("S0211", "The symbol "+tok+" cannot be used as a unary operator")
	case jparse.ErrInfix:
		return newError("S0204", "Unknown operator: "+tok)
	case jparse.ErrUnterminatedString:
		return newError("S0101", "String literal must be terminated by a matching quote")
	case jparse.ErrUnterminatedRegex:
		return newError("S0302", "No terminating / in regular expression")
	case jparse.ErrUnterminatedName:
		return newError("S0105", "Quoted property name must be terminated with a backquote (`)")
	case jparse.ErrIllegalEscape:
		return newError("S0103", "Unsupported escape sequence: \\"+e.Hint)
	case jparse.ErrIllegalEscapeHex:
		return newError("S0104", "The escape sequence \\u must be followed by 4 hex digits")
	case jparse.ErrInvalidNumber, jparse.ErrNumberRange:
		return newError("S0102", "Number out of range: "+e.Token)
	case jparse.ErrEmptyRegex:
		return newError("S0301", "Empty regular expressions are not allowed")
	case jparse.ErrGroupPredicate:
		return newError("S0209", "A predicate cannot follow a grouping expression in a step")
	case jparse.ErrGroupGroup:
		return newError("S0210", "Each step can only have one grouping expression")
	case jparse.ErrIllegalAssignment:
		return newError("S0212", "The left side of := must be a variable name (start with $)")
	case jparse.ErrIllegalParam:
		return newError("S0208", "Parameter "+tok+" of function definition must be a variable name (start with $)")
	}
	return &Error{Message: e.Error()}
}

// jsFloat formats non-finite numbers as JavaScript does.
func jsFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
