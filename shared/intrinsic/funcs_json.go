package intrinsic

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// format fills each "{}" of the template with the next argument, rendered
// as AWS does. The template's escapes come from the literal as written, so
// "\{\}" stays a literal pair of braces. A template read from a path gets the
// same treatment of backslashes (AWS's behaviour there is unrecorded).
func format(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	tmpl, ok := args[0].(string)
	if !ok {
		return nil, invalidArgs(c)
	}
	if a := c.Args[0]; a.Kind == ArgLiteral {
		tmpl = a.rawText()
	}
	var b strings.Builder
	b.Grow(len(tmpl))
	next := 1
	for i := 0; i < len(tmpl); i++ {
		switch ch := tmpl[i]; ch {
		case '\\':
			if i+1 < len(tmpl) {
				i++
			}
			b.WriteByte(tmpl[i])
		case '{':
			if i+1 >= len(tmpl) || tmpl[i+1] != '}' || next >= len(args) {
				return nil, invalidArgs(c)
			}
			renderTo(&b, args[next])
			next++
			i++
		case '}':
			return nil, invalidArgs(c)
		default:
			b.WriteByte(ch)
		}
	}
	if next != len(args) {
		return nil, invalidArgs(c)
	}
	return b.String(), nil
}

// stringToJSON parses a JSON text; blank text gives null, as on AWS.
func stringToJSON(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	s, ok := args[0].(string)
	if !ok {
		return nil, invalidArgs(c)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	v, err := jsonval.DecodeString(s)
	if err != nil {
		return nil, invalidArgs(c)
	}
	if n, ok := v.(jsonval.Number); ok && n == "-0" {
		v = jsonval.Number("0") // Jackson reads "-0" as the integer 0
	}
	return v, nil
}

func jsonToString(_ *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	return jsonval.String(args[0]), nil
}

// jsonMerge merges two objects shallowly (AWS supports only deep=false): the
// second object's keys win. Keys come out in Java HashMap order, as on AWS.
func jsonMerge(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	a, ok1 := args[0].(*jsonval.Object)
	b, ok2 := args[1].(*jsonval.Object)
	deep, ok3 := args[2].(bool)
	if !ok1 || !ok2 || !ok3 || deep {
		return nil, invalidArgs(c)
	}
	out := a.Clone()
	b.Range(func(k string, v jsonval.Value) bool {
		out.Set(k, v)
		return true
	})
	return javaHashOrder(out), nil
}
