// Package intrinsic parses and evaluates the Amazon States Language intrinsic
// functions (States.Format, States.Array, ...) the way AWS Step Functions does.
//
// Path arguments are not evaluated here: the interpreter supplies Env.Resolve,
// so this package stays independent of any JSONPath implementation.
package intrinsic

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// ArgKind tells which field of an Arg is meaningful.
type ArgKind int

// The argument kinds.
const (
	ArgLiteral ArgKind = iota // Value: string, jsonval.Number, bool or nil
	ArgPath                   // Path: raw path text such as "$.a" or "$$.Execution.Id"
	ArgCall                   // Call: a nested intrinsic call
)

// Call is a parsed intrinsic call such as States.Format('x={}', $.a).
type Call struct {
	Name string
	Args []Arg

	// sp is Name's registry entry, looked up once by Parse (nil for calls
	// built in code, which look it up when evaluated).
	sp *spec

	// src is the expression exactly as written (top-level calls from Parse
	// only); AWS quotes it verbatim in error causes.
	src string
}

// Arg is one argument: exactly one of the kinds below.
type Arg struct {
	Kind  ArgKind       // ArgLiteral, ArgPath, ArgCall
	Value jsonval.Value // ArgLiteral: string, jsonval.Number, bool or nil
	Path  string        // ArgPath: the raw path text, e.g. "$.a.b", "$$.Execution.Id", "$myVar.x", "$"
	Call  *Call         // ArgCall: nested call

	// raw is a string literal's text between the quotes, escapes intact.
	// States.Format needs it: an escaped "\{" is a brace, "{}" a placeholder.
	raw    string
	hasRaw bool
}

// Env carries what evaluation needs from the interpreter.
type Env struct {
	Resolve func(path string) (jsonval.Value, error) // evaluates a path argument (provided by the interpreter)
	// Resolver is used when Resolve is nil: an interpreter that already
	// holds its state in a pointer passes it here instead of allocating a
	// closure per call.
	Resolver PathResolver
	Random   func() float64 // [0,1)
	UUID     func() string
}

// PathResolver evaluates path arguments.
type PathResolver interface {
	ResolvePath(path string) (jsonval.Value, error)
}

// Error is an evaluation failure; the interpreter reports Name as the ASL
// error and Message as its cause (after its own state prefix).
type Error struct {
	Name    string
	Message string
}

func (e *Error) Error() string { return e.Name + ": " + e.Message }

// ErrRuntime is the error name AWS records for failed intrinsic calls.
const ErrRuntime = "States.Runtime"

// IsCall is a cheap test: does s look like an intrinsic call?
func IsCall(s string) bool { return strings.HasPrefix(s, "States.") }

// Source returns the text the call was parsed from, or its canonical text
// for calls built in code.
func (c *Call) Source() string {
	if c.src != "" {
		return c.src
	}
	return c.String()
}

// StringArg builds a literal string argument.
func StringArg(s string) Arg { return Arg{Kind: ArgLiteral, Value: s} }

// PathArg builds a path argument.
func PathArg(p string) Arg { return Arg{Kind: ArgPath, Path: p} }

// CallArg builds a nested-call argument.
func CallArg(c *Call) Arg { return Arg{Kind: ArgCall, Call: c} }

// PathNotFound builds the error AWS reports when a path argument matches
// nothing. A "$$." path is reported rewritten to "$." and against the state
// input, as AWS does.
func PathNotFound(path string, input jsonval.Value) *Error {
	if strings.HasPrefix(path, "$$") {
		path = path[1:]
	}
	return &Error{Name: ErrRuntime, Message: "The JsonPath argument for the field '" + path +
		"' could not be found in the input '" + jsonval.String(input) + "'"}
}
