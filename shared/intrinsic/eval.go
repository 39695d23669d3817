package intrinsic

import (
	"errors"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// fn implements one intrinsic over already evaluated arguments; c gives
// access to the unevaluated ones (Format reads its literal's escapes).
type fn func(c *Call, args []jsonval.Value, env Env) (jsonval.Value, error)

type spec struct {
	min, max int // max < 0: variadic
	impl     fn
}

// registry maps every supported function name to its arity and body.
var registry map[string]spec

func init() {
	registry = map[string]spec{
		"States.Format":         {1, -1, format},
		"States.StringToJson":   {1, 1, stringToJSON},
		"States.JsonToString":   {1, 1, jsonToString},
		"States.Array":          {0, -1, array},
		"States.ArrayPartition": {2, 2, arrayPartition},
		"States.ArrayContains":  {2, 2, arrayContains},
		"States.ArrayRange":     {3, 3, arrayRange},
		"States.ArrayGetItem":   {2, 2, arrayGetItem},
		"States.ArrayLength":    {1, 1, arrayLength},
		"States.ArrayUnique":    {1, 1, arrayUnique},
		"States.Base64Encode":   {1, 1, base64Encode},
		"States.Base64Decode":   {1, 1, base64Decode},
		"States.Hash":           {2, 2, hashFn},
		"States.JsonMerge":      {3, 3, jsonMerge},
		"States.MathRandom":     {2, 3, mathRandom},
		"States.MathAdd":        {2, 2, mathAdd},
		"States.StringSplit":    {2, 2, stringSplit},
		"States.UUID":           {0, 0, uuid},
	}
}

// Functions lists the names of all supported intrinsic functions.
func Functions() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	return names
}

// Eval evaluates the call. A failure is an *Error whose Message has AWS's
// shape: "The function '<expression>' had the following error: <detail>",
// naming the whole expression even when a nested call failed.
func (c *Call) Eval(env Env) (jsonval.Value, error) {
	v, err := c.eval(env)
	if err == nil {
		return v, nil
	}
	e := asError(err)
	return nil, &Error{Name: e.Name, Message: "The function '" + c.Source() +
		"' had the following error: " + e.Message}
}

func (c *Call) eval(env Env) (jsonval.Value, error) {
	sp, ok := registry[c.Name]
	if !ok {
		return nil, runtimeErr("Unsupported intrinsic function: " + c.Name)
	}
	if len(c.Args) < sp.min || sp.max >= 0 && len(c.Args) > sp.max {
		return nil, invalidArgs(c)
	}
	args := make([]jsonval.Value, len(c.Args))
	for i, a := range c.Args {
		v, err := a.eval(env)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return sp.impl(c, args, env)
}

func (a Arg) eval(env Env) (jsonval.Value, error) {
	switch a.Kind {
	case ArgPath:
		if env.Resolve == nil {
			return nil, runtimeErr("no path resolver for '" + a.Path + "'")
		}
		return env.Resolve(a.Path)
	case ArgCall:
		if a.Call == nil {
			return nil, runtimeErr("missing nested call")
		}
		return a.Call.eval(env)
	}
	return a.Value, nil
}

// asError keeps a resolver's *Error as is and wraps anything else.
func asError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Name: ErrRuntime, Message: err.Error()}
}

func runtimeErr(msg string) *Error { return &Error{Name: ErrRuntime, Message: msg} }

// invalidArgs is AWS's catch-all detail for bad argument count, type or range.
func invalidArgs(c *Call) error { return runtimeErr("Invalid arguments in " + c.Name) }
