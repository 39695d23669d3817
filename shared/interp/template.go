package interp

import (
	"strings"

	"github.com/stepwise/stepwise/shared/intrinsic"
	"github.com/stepwise/stepwise/shared/jsonata"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// template is a compiled payload template (JSONPath) or a value with
// embedded JSONata expressions (JSONata).
type template interface {
	eval(s *scope, input jsonval.Value) (jsonval.Value, error)
}

type tLiteral struct{ v jsonval.Value }

type tObject struct {
	keys  []string
	elems []template
}

type tArray struct{ elems []template }

// tPath is a ".$" value that is a path.
type tPath struct {
	path  *jsonpath.Path
	field string
}

// tIntrinsic is a ".$" value that is an intrinsic call; its path
// arguments are parsed once, here.
type tIntrinsic struct {
	call  *intrinsic.Call
	field string
	paths []intrinsicPath // few: searched linearly
}

type intrinsicPath struct {
	text string
	path *jsonpath.Path
}

// path returns the parsed path argument text, or nil.
func (t *tIntrinsic) path(text string) *jsonpath.Path {
	for _, p := range t.paths {
		if p.text == text {
			return p.path
		}
	}
	return nil
}

// tJSONata is a "{% %}" string.
type tJSONata struct {
	expr  *jsonata.Expr
	src   string
	field string
}

// tBroken defers a compile error to run time, where AWS reports it.
type tBroken struct{ err *Failure }

func (t tLiteral) eval(*scope, jsonval.Value) (jsonval.Value, error) { return t.v, nil }
func (t tBroken) eval(*scope, jsonval.Value) (jsonval.Value, error)  { return nil, t.err }

func (t *tObject) eval(s *scope, input jsonval.Value) (jsonval.Value, error) {
	out := jsonval.NewObject(len(t.keys))
	for i, k := range t.keys {
		v, err := t.elems[i].eval(s, input)
		if err != nil {
			return nil, err
		}
		out.Set(k, v)
	}
	return out, nil
}

func (t *tArray) eval(s *scope, input jsonval.Value) (jsonval.Value, error) {
	out := make([]any, len(t.elems))
	for i, e := range t.elems {
		v, err := e.eval(s, input)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func (t *tPath) eval(s *scope, input jsonval.Value) (jsonval.Value, error) {
	return s.getPath(t.path, input, t.field)
}

func (t *tIntrinsic) eval(s *scope, input jsonval.Value) (jsonval.Value, error) {
	return s.callIntrinsic(t, input)
}

func (t *tJSONata) eval(s *scope, _ jsonval.Value) (jsonval.Value, error) {
	return s.evalJSONata(t.expr, t.src, t.field)
}

// compilePathTemplate compiles a JSONPath payload template: keys ending in
// ".$" hold paths or intrinsic calls; everything else is literal.
func compilePathTemplate(v jsonval.Value, field string) template {
	switch x := v.(type) {
	case *jsonval.Object:
		t := &tObject{}
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			if strings.HasSuffix(k, ".$") {
				name := strings.TrimSuffix(k, ".$")
				t.keys = append(t.keys, name)
				t.elems = append(t.elems, compileDynamic(val, joinField(field, k)))
				continue
			}
			t.keys = append(t.keys, k)
			t.elems = append(t.elems, compilePathTemplate(val, joinField(field, k)))
		}
		return t
	case []any:
		t := &tArray{}
		for _, e := range x {
			t.elems = append(t.elems, compilePathTemplate(e, field))
		}
		return t
	}
	return tLiteral{v}
}

// compileDynamic compiles the value of a ".$" key.
func compileDynamic(v jsonval.Value, field string) template {
	s, ok := v.(string)
	if !ok {
		return tBroken{runtimeFailure("The value for the field '%s' must be a STRING that contains a JSONPath but was an %s", field, jsonval.TypeName(v))}
	}
	return compileExpr(s, field)
}

// compileExpr compiles a path or intrinsic-call string.
func compileExpr(s, field string) template {
	if intrinsic.IsCall(s) {
		call, err := intrinsic.Parse(s)
		if err != nil {
			return tBroken{runtimeFailure("The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call: %s", field, s)}
		}
		return &tIntrinsic{call: call, field: field, paths: intrinsicPaths(call, nil)}
	}
	p, err := jsonpath.Parse(s)
	if err != nil {
		return tBroken{runtimeFailure("The value for the field '%s' must be a valid JSONPath or a valid intrinsic function call: %s", field, s)}
	}
	return &tPath{path: p, field: field}
}

// compileJSONataTemplate compiles a value whose strings may be "{% %}" expressions.
func compileJSONataTemplate(v jsonval.Value, field string) template {
	switch x := v.(type) {
	case string:
		if src, ok := jsonataSource(x); ok {
			expr, err := jsonata.Compile(src)
			if err != nil {
				return tBroken{queryFailure("The JSONata expression '%s' specified for the field '%s' could not be compiled: %s", src, field, err.Error())}
			}
			return &tJSONata{expr: expr, src: src, field: field}
		}
		return tLiteral{v}
	case *jsonval.Object:
		t := &tObject{}
		for _, k := range x.Keys() {
			val, _ := x.Get(k)
			t.keys = append(t.keys, k)
			t.elems = append(t.elems, compileJSONataTemplate(val, joinField(field, k)))
		}
		return t
	case []any:
		t := &tArray{}
		for _, e := range x {
			t.elems = append(t.elems, compileJSONataTemplate(e, field))
		}
		return t
	}
	return tLiteral{v}
}

// jsonataSource returns the expression inside "{% ... %}".
func jsonataSource(s string) (string, bool) {
	if len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}") {
		return strings.TrimSpace(s[2 : len(s)-2]), true
	}
	return "", false
}

func joinField(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "/" + key
}

// intrinsicPaths parses every path argument of c, nested calls included.
// A path that does not parse is left out and fails when resolved.
func intrinsicPaths(c *intrinsic.Call, into []intrinsicPath) []intrinsicPath {
	for _, a := range c.Args {
		switch a.Kind {
		case intrinsic.ArgPath:
			if p, err := jsonpath.Parse(a.Path); err == nil {
				into = append(into, intrinsicPath{a.Path, p})
			}
		case intrinsic.ArgCall:
			into = intrinsicPaths(a.Call, into)
		}
	}
	return into
}
