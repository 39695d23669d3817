package graph

import (
	"strings"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// maxLabel bounds a Choice edge's label so that large definitions stay
// readable; the full rule is in the definition.
const maxLabel = 60

// comparisons maps a comparison operator's suffix to its symbol; the prefix
// (String, Numeric, Boolean, Timestamp) is implied by the operand.
var comparisons = []struct{ suffix, symbol string }{
	{"GreaterThanEquals", ">="},
	{"LessThanEquals", "<="},
	{"GreaterThan", ">"},
	{"LessThan", "<"},
	{"Equals", "=="},
	{"Matches", "matches"},
}

// Condition renders a Choice rule as a short label, e.g. `$.n >= 10` or
// `not ($.kind == "a")`, truncated to maxLabel characters.
func Condition(r *asl.ChoiceRule) string {
	s := condition(r)
	if runes := []rune(s); len(runes) > maxLabel {
		s = string(runes[:maxLabel-1]) + "…"
	}
	return s
}

func condition(r *asl.ChoiceRule) string {
	if r.Condition != nil {
		if s, ok := r.Condition.(string); ok {
			return strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(s, "{%"), "%}"))
		}
		return jsonval.String(r.Condition)
	}
	switch r.Operator {
	case "And", "Or":
		parts := make([]string, len(r.Children))
		for i, c := range r.Children {
			parts[i] = "(" + condition(c) + ")"
		}
		return strings.Join(parts, " "+strings.ToLower(r.Operator)+" ")
	case "Not":
		if len(r.Children) == 1 {
			return "not (" + condition(r.Children[0]) + ")"
		}
	}
	return comparison(r)
}

// comparison renders a leaf rule: a type test (IsNull…) or a comparison
// against a value or, for *Path operators, another path.
func comparison(r *asl.ChoiceRule) string {
	op := r.Operator
	if strings.HasPrefix(op, "Is") {
		what := strings.ToLower(strings.TrimPrefix(op, "Is"))
		if b, ok := r.Operand.(bool); ok && !b {
			return r.Variable + " is not " + what
		}
		return r.Variable + " is " + what
	}
	operand := jsonval.String(r.Operand)
	if base, ok := strings.CutSuffix(op, "Path"); ok {
		op = base
		if s, ok := r.Operand.(string); ok {
			operand = s
		}
	}
	for _, c := range comparisons {
		if strings.HasSuffix(op, c.suffix) {
			return r.Variable + " " + c.symbol + " " + operand
		}
	}
	return r.Variable + " " + op + " " + operand
}
