package validate

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Type words used in type-mismatch messages.
const (
	tString = "STRING"
	tObject = "OBJECT"
	tArray  = "ARRAY"
	tBool   = "BOOLEAN"
	tNumber = "NUMBER"
)

const (
	langJSONPath = "JSONPath"
	langJSONata  = "JSONata"
)

func asObject(v jsonval.Value) (*jsonval.Object, bool) {
	o, ok := v.(*jsonval.Object)
	return o, ok && o != nil
}

func asString(v jsonval.Value) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

// asInt returns v as an integer when it is an integral JSON number that
// fits in int64.
func asInt(v jsonval.Value) (int64, bool) {
	n, ok := v.(jsonval.Number)
	if !ok || !n.IsIntegral() {
		return 0, false
	}
	return n.Int()
}

func asFloat(v jsonval.Value) (float64, bool) {
	n, ok := v.(jsonval.Number)
	if !ok {
		return 0, false
	}
	return n.Float(), true
}

// isExpr reports whether s is a JSONata expression string "{% ... %}". As
// with AWS, surrounding whitespace makes it a plain string constant.
func isExpr(s string) bool {
	return len(s) >= 4 && strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}")
}

// looksLikeExpr reports whether s starts or ends like a JSONata expression
// (it may still be malformed).
func looksLikeExpr(s string) bool {
	return strings.HasPrefix(s, "{%") || strings.HasSuffix(s, "%}")
}

// isExprValue reports whether v is a JSONata expression string.
func isExprValue(v jsonval.Value) bool {
	s, ok := v.(string)
	return ok && isExpr(s)
}

func typeWord(v jsonval.Value) string {
	switch v.(type) {
	case string:
		return tString
	case *jsonval.Object:
		return tObject
	case []any:
		return tArray
	case bool:
		return tBool
	case jsonval.Number:
		return tNumber
	}
	return "NULL"
}
