package jsonata

import (
	"bytes"
	"encoding/json"
	"reflect"

	lib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jlib"
	"github.com/blues/jsonata-go/jtypes"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// These replace engine built-ins whose output depends on Go map order, so
// that object keys come out in input/source order like jsonata-js.

func keysFactory(_ Env, c *converter) (lib.Extension, bool) {
	return lib.Extension{Func: c.keys, UndefinedHandler: firstUndefined}, true
}

func stringFactory(_ Env, c *converter) (lib.Extension, bool) {
	return lib.Extension{Func: c.str, UndefinedHandler: firstUndefined, EvalContextHandler: noArgs, SelfCharged: true}, true
}

// noArgs asks the engine to pass the context value when called as $f().
func noArgs(argv []reflect.Value) bool { return len(argv) == 0 }

// keys implements $keys: an object's keys, or the distinct keys of an
// array of objects; one key comes back as a string, none as undefined.
func (c *converter) keys(v reflect.Value) (any, error) {
	v = jtypes.Resolve(v)
	var out []any
	seen := map[string]bool{}
	add := func(m reflect.Value) {
		for _, k := range c.mapKeys(m) {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	switch {
	case jtypes.IsMap(v):
		add(v)
	case jtypes.IsArray(v):
		for i := 0; i < v.Len(); i++ {
			if e := jtypes.Resolve(v.Index(i)); jtypes.IsMap(e) {
				add(e)
			}
		}
	}
	switch len(out) {
	case 0:
		return nil, jtypes.ErrUndefined
	case 1:
		return out[0], nil
	}
	return out, nil
}

// mapKeys lists a map's keys in the order its jsonval original had, or
// by the key-order heuristic for constructed maps.
func (c *converter) mapKeys(m reflect.Value) []string {
	if orig, ok := c.objs[m.Pointer()]; ok {
		return orig.Keys()
	}
	keys := make([]string, 0, m.Len())
	for _, k := range m.MapKeys() {
		keys = append(keys, k.String())
	}
	c.orderKeys(keys)
	return keys
}

// str implements $string(value, prettify?) with ordered JSON for objects
// and arrays; scalars keep the engine's formatting.
func (c *converter) str(v reflect.Value, pretty jtypes.OptionalBool) (string, error) {
	r := jtypes.Resolve(v)
	// The JSON text can be far larger than v when v shares sub-values;
	// pretty printing at most triples it.
	if err := c.budget.AllocJSON(r); err != nil {
		return "", err
	}
	if pretty.Bool {
		if err := c.budget.AllocJSON(r); err != nil {
			return "", err
		}
	}
	if !(jtypes.IsMap(r) || jtypes.IsArray(r)) {
		if !r.IsValid() {
			return "null", nil
		}
		return jlib.String(r.Interface())
	}
	jv, err := c.fromGo(r)
	if err != nil {
		return jlib.String(r.Interface())
	}
	b := jsonval.Marshal(jv)
	if !pretty.Bool {
		return string(b), nil
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return string(b), nil
	}
	return buf.String(), nil
}
