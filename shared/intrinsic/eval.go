package intrinsic

import (
	"errors"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// fnID names one intrinsic's body (see apply).
type fnID uint8

const (
	fnFormat fnID = iota
	fnStringToJSON
	fnJSONToString
	fnArray
	fnArrayPartition
	fnArrayContains
	fnArrayRange
	fnArrayGetItem
	fnArrayLength
	fnArrayUnique
	fnBase64Encode
	fnBase64Decode
	fnHash
	fnJSONMerge
	fnMathRandom
	fnMathAdd
	fnStringSplit
	fnUUID
)

type spec struct {
	min, max int // max < 0: variadic
	id       fnID
}

// registry maps every supported function name to its arity and body.
var registry = map[string]spec{
	"States.Format":         {1, -1, fnFormat},
	"States.StringToJson":   {1, 1, fnStringToJSON},
	"States.JsonToString":   {1, 1, fnJSONToString},
	"States.Array":          {0, -1, fnArray},
	"States.ArrayPartition": {2, 2, fnArrayPartition},
	"States.ArrayContains":  {2, 2, fnArrayContains},
	"States.ArrayRange":     {3, 3, fnArrayRange},
	"States.ArrayGetItem":   {2, 2, fnArrayGetItem},
	"States.ArrayLength":    {1, 1, fnArrayLength},
	"States.ArrayUnique":    {1, 1, fnArrayUnique},
	"States.Base64Encode":   {1, 1, fnBase64Encode},
	"States.Base64Decode":   {1, 1, fnBase64Decode},
	"States.Hash":           {2, 2, fnHash},
	"States.JsonMerge":      {3, 3, fnJSONMerge},
	"States.MathRandom":     {2, 3, fnMathRandom},
	"States.MathAdd":        {2, 2, fnMathAdd},
	"States.StringSplit":    {2, 2, fnStringSplit},
	"States.UUID":           {0, 0, fnUUID},
}

// apply runs one intrinsic over already evaluated arguments; c gives
// access to the unevaluated ones (Format reads its literal's escapes).
// Direct calls (rather than a table of func values) let the compiler keep
// args on the caller's stack.
func apply(id fnID, c *Call, args []jsonval.Value, env Env) (jsonval.Value, error) {
	switch id {
	case fnFormat:
		return format(c, args, env)
	case fnStringToJSON:
		return stringToJSON(c, args, env)
	case fnJSONToString:
		return jsonToString(c, args, env)
	case fnArray:
		return array(c, args, env)
	case fnArrayPartition:
		return arrayPartition(c, args, env)
	case fnArrayContains:
		return arrayContains(c, args, env)
	case fnArrayRange:
		return arrayRange(c, args, env)
	case fnArrayGetItem:
		return arrayGetItem(c, args, env)
	case fnArrayLength:
		return arrayLength(c, args, env)
	case fnArrayUnique:
		return arrayUnique(c, args, env)
	case fnBase64Encode:
		return base64Encode(c, args, env)
	case fnBase64Decode:
		return base64Decode(c, args, env)
	case fnHash:
		return hashFn(c, args, env)
	case fnJSONMerge:
		return jsonMerge(c, args, env)
	case fnMathRandom:
		return mathRandom(c, args, env)
	case fnMathAdd:
		return mathAdd(c, args, env)
	case fnStringSplit:
		return stringSplit(c, args, env)
	case fnUUID:
		return uuid(c, args, env)
	}
	return nil, runtimeErr("Unsupported intrinsic function: " + c.Name)
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
	sp := c.sp
	if sp == nil {
		s, ok := registry[c.Name]
		if !ok {
			return nil, runtimeErr("Unsupported intrinsic function: " + c.Name)
		}
		sp = &s
	}
	if len(c.Args) < sp.min || sp.max >= 0 && len(c.Args) > sp.max {
		return nil, invalidArgs(c)
	}
	var buf [4]jsonval.Value // most calls take few arguments: no allocation
	args := buf[:0]
	if len(c.Args) > len(buf) {
		args = make([]jsonval.Value, 0, len(c.Args))
	}
	args = args[:len(c.Args)]
	for i, a := range c.Args {
		v, err := a.eval(env)
		if err != nil {
			return nil, err
		}
		args[i] = v
	}
	return apply(sp.id, c, args, env)
}

func (a Arg) eval(env Env) (jsonval.Value, error) {
	switch a.Kind {
	case ArgPath:
		switch {
		case env.Resolve != nil:
			return env.Resolve(a.Path)
		case env.Resolver != nil:
			return env.Resolver.ResolvePath(a.Path)
		}
		return nil, runtimeErr("no path resolver for '" + a.Path + "'")
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
