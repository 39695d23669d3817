package validate

import (
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/intrinsic"
	jsonatalang "github.com/stepwise/stepwise/shared/jsonata"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// This file checks the syntax of JSONPath paths, intrinsic function calls
// and JSONata expressions with the parsers the interpreter uses, so that
// whatever validates also compiles.

func index(i int) string { return "[" + strconv.Itoa(i) + "]" }

// pathField checks InputPath/OutputPath (a path) or ResultPath (a reference
// path); null is allowed for all three.
func (c *checker) pathField(loc, field string, v jsonval.Value, reference bool) {
	if v == nil {
		return
	}
	s, ok := asString(v)
	if !ok {
		c.schema(join(loc, field), msgType(field, tString))
		return
	}
	if reference && !isReferencePath(s) {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a valid ReferencePath")
	} else if !reference && !isPath(s) {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a valid JSONPath")
	}
}

// isPath is a light JSONPath check: it starts with '$' (input, "$$" context
// or a "$var" variable) and its brackets, parentheses and quotes balance.
func isPath(s string) bool {
	_, err := jsonpath.Parse(s)
	return err == nil
}

// isReferencePath additionally rejects operators a reference path may not
// use: wildcards, deep scan, filters and slices.
func isReferencePath(s string) bool {
	p, err := jsonpath.Parse(s)
	return err == nil && p.IsReference()
}

// isIntrinsic is a light check of an intrinsic function call such as
// States.Format('{}', $.x).
func isIntrinsic(s string) bool {
	if intrinsic.ValidateSyntax(s) != nil {
		return false
	}
	open := strings.IndexByte(s, '(')
	if open < len("States.")+1 {
		return false
	}
	for _, r := range s[len("States."):open] {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.') {
			return false
		}
	}
	return balanced(s)
}

// balanced reports whether (), [] and '...' / "..." quotes nest properly;
// backslash escapes the next character inside quotes.
func balanced(s string) bool {
	var stack []byte
	var quote byte
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if quote != 0 {
			switch ch {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		switch ch {
		case '\'', '"':
			quote = ch
		case '(', '[':
			stack = append(stack, ch)
		case ')', ']':
			want := byte('(')
			if ch == ']' {
				want = '['
			}
			if len(stack) == 0 || stack[len(stack)-1] != want {
				return false
			}
			stack = stack[:len(stack)-1]
		}
	}
	return quote == 0 && len(stack) == 0
}

// dynamicValue checks the value of a "key.$" field of a JSONPath payload
// template: a path or an intrinsic function call.
func (c *checker) dynamicValue(loc, key string, v jsonval.Value) {
	s, ok := asString(v)
	if !ok {
		c.schema(join(loc, key), msgType(key, tString))
		return
	}
	if !isPath(s) && !isIntrinsic(s) {
		c.schema(join(loc, key), "The value for the field '"+key+"' must be a valid JSONPath or a valid intrinsic function call")
	}
}

// payloadTemplate checks Parameters, ResultSelector or ItemSelector of a
// JSONPath state (in a JSONata state it is an Arguments-like value).
func (c *checker) payloadTemplate(st *state, loc, field string, v jsonval.Value) {
	if st.jsonata() { // only ItemSelector gets here in JSONata
		c.jsonataValue(loc, field, v)
		return
	}
	obj, ok := asObject(v)
	if !ok {
		c.schema(loc, msgType(field, tObject))
		return
	}
	c.templateObject(loc, obj)
}

func (c *checker) templateObject(loc string, obj *jsonval.Object) {
	obj.Range(func(k string, v jsonval.Value) bool {
		if strings.HasSuffix(k, ".$") {
			c.dynamicValue(loc, k, v)
			return true
		}
		if s, ok := asString(v); ok && (strings.HasPrefix(s, "$.") || s == "$" || isIntrinsic(s)) {
			c.warn(CodeNoDollar, join(loc, k), "No .$ on a field that appears to be a JSONPath or Intrinsic Function")
		}
		c.templateValue(join(loc, k), v)
		return true
	})
}

func (c *checker) templateValue(loc string, v jsonval.Value) {
	switch x := v.(type) {
	case *jsonval.Object:
		c.templateObject(loc, x)
	case []any:
		for i, e := range x {
			c.templateValue(loc+index(i), e)
		}
	}
}

// assign checks an Assign block.
func (c *checker) assign(st *state, loc string, v jsonval.Value) {
	obj, ok := asObject(v)
	if !ok {
		if st.jsonata() && isExprValue(v) {
			return
		}
		c.schema(loc, msgType("Assign", tObject))
		return
	}
	if st.jsonata() {
		c.jsonataValue(loc, "Assign", obj)
		return
	}
	c.templateObject(loc, obj)
}

// arguments checks a JSONata Arguments field: an object or an expression.
func (c *checker) arguments(loc, field string, v jsonval.Value) {
	switch v.(type) {
	case *jsonval.Object, string:
	default:
		c.schema(loc, msgType(field, tObject))
		return
	}
	c.jsonataValue(loc, field, v)
}

// jsonataValue walks a JSONata-state value and rejects empty "{% %}"
// expressions. Other strings, even " {% x %} " with spaces, and "key.$"
// fields are plain constants there (AWS accepts them in Output).
func (c *checker) jsonataValue(loc, field string, v jsonval.Value) {
	switch x := v.(type) {
	case string:
		if isExpr(x) && !validExpr(x) {
			c.schema(loc, "The value for the field '"+field+"' must be a valid JSONata expression")
		}
	case *jsonval.Object:
		x.Range(func(k string, e jsonval.Value) bool {
			c.jsonataValue(join(loc, k), k, e)
			return true
		})
	case []any:
		for i, e := range x {
			c.jsonataValue(loc+index(i), field, e)
		}
	}
}

// validExpr reports whether s is "{% body %}" with a non-empty body.
func validExpr(s string) bool {
	if !isExpr(s) || strings.TrimSpace(s[2:len(s)-2]) == "" {
		return false
	}
	_, err := jsonatalang.Compile(s[2 : len(s)-2])
	return err == nil
}

// hasDollarKey reports whether a value holds any "key.$" field.
func hasDollarKey(v jsonval.Value) bool {
	switch x := v.(type) {
	case *jsonval.Object:
		found := false
		x.Range(func(k string, e jsonval.Value) bool {
			found = strings.HasSuffix(k, ".$") || hasDollarKey(e)
			return !found
		})
		return found
	case []any:
		for _, e := range x {
			if hasDollarKey(e) {
				return true
			}
		}
	}
	return false
}
