package jsonpath

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Jayway words type mismatches with Java class names. AWS's JSON provider is
// not documented; these names assume Jayway's Jackson provider (unverified).
const jaywayProvider = "com.jayway.jsonpath.spi.json.JacksonJsonProvider"

func javaClass(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "java.lang.Boolean"
	case string:
		return "java.lang.String"
	case jsonval.Number:
		if !x.IsIntegral() || strings.ContainsAny(string(x), ".eE") {
			return "java.lang.Double"
		}
		if i, ok := x.Int(); ok && i >= -1<<31 && i < 1<<31 {
			return "java.lang.Integer"
		}
		return "java.lang.Long"
	case []any:
		return "java.util.ArrayList"
	case *jsonval.Object:
		return "java.util.LinkedHashMap"
	}
	return "java.lang.Object"
}

// javaString renders a value like Java's toString would in a Jayway message.
func javaString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return jsonval.String(v)
}

func notObjectDetail(s *step, current string, node any) string {
	return "Expected to find an object with property " + s.frag + " in path " + current +
		" but found '" + javaClass(node) + "'. This is not a json object according to the JsonProvider: '" +
		jaywayProvider + "'."
}

// notArrayDetail is Jayway's message when an index step meets a non-array;
// the token text covers the rest of the path.
func notArrayDetail(p *Path, i int, node any) string {
	current := p.prefix(i)
	if node == nil {
		return "The path " + current + " is null"
	}
	rest := p.Normalized()[len(current):]
	return "Filter: " + rest + " can only be applied to arrays. Current context is: " + javaString(node)
}
