package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// comparison operators of JSONPath Choice rules and the literal type each
// one compares with ("" for the *Path forms, whose value is a path).
var comparisons = map[string]string{
	"StringEquals": tString, "StringLessThan": tString, "StringGreaterThan": tString,
	"StringLessThanEquals": tString, "StringGreaterThanEquals": tString, "StringMatches": tString,
	"NumericEquals": tNumber, "NumericLessThan": tNumber, "NumericGreaterThan": tNumber,
	"NumericLessThanEquals": tNumber, "NumericGreaterThanEquals": tNumber,
	"BooleanEquals":   tBool,
	"TimestampEquals": "TIMESTAMP", "TimestampLessThan": "TIMESTAMP", "TimestampGreaterThan": "TIMESTAMP",
	"TimestampLessThanEquals": "TIMESTAMP", "TimestampGreaterThanEquals": "TIMESTAMP",
	"IsNull": tBool, "IsPresent": tBool, "IsNumeric": tBool, "IsString": tBool, "IsBoolean": tBool,
	"IsTimestamp": tBool,
}

func init() {
	for _, op := range []string{"StringEquals", "StringLessThan", "StringGreaterThan",
		"StringLessThanEquals", "StringGreaterThanEquals", "NumericEquals", "NumericLessThan",
		"NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals",
		"TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals",
		"TimestampGreaterThanEquals"} {
		comparisons[op+"Path"] = ""
	}
}

const msgOneOperator = "A Choice Rule must have exactly one comparison operator"

func (c *checker) choice(st *state) {
	if v, ok := st.get("Default"); ok {
		c.wantString(st.loc, "Default", v)
	}
	v, ok := st.get("Choices")
	if !ok {
		c.schema(st.loc, msgRequired("Choices"))
		return
	}
	loc := join(st.loc, "Choices")
	rules, ok := v.([]any)
	if !ok {
		c.schema(loc, msgType("Choices", tArray))
		return
	}
	if len(rules) == 0 {
		c.schema(loc, msgNonEmpty("Choices"))
	}
	for i, r := range rules {
		c.choiceRule(st, loc+index(i), r, true)
	}
}

// choiceRule checks one rule; top says it is a top-level rule (which has
// Next and may have Assign/Output) rather than one nested in And/Or/Not.
func (c *checker) choiceRule(st *state, loc string, v jsonval.Value, top bool) {
	rule, ok := asObject(v)
	if !ok {
		c.schema(loc, msgType("Choices", tObject))
		return
	}
	if top && !rule.Has("Next") {
		c.schema(loc, msgRequired("Next"))
	}
	if st.jsonata() {
		c.jsonataRule(st, loc, rule, top)
		return
	}
	ops := 0
	rule.Range(func(k string, fv jsonval.Value) bool {
		switch {
		case k == "Comment" || (top && k == "Next"):
			c.wantString(loc, k, fv)
		case top && k == "Assign":
			c.assign(st, join(loc, k), fv)
		case k == "Variable":
			c.choicePath(loc, k, fv)
		case k == "And" || k == "Or" || k == "Not":
			ops++
			c.compound(st, loc, k, fv)
		case hasKey(comparisons, k):
			ops++
			c.comparison(loc, k, fv)
		default:
			c.schema(loc, msgNotSupported(k))
		}
		return true
	})
	if ops != 1 {
		c.schema(loc, msgOneOperator)
		return
	}
	isCompound := rule.Has("And") || rule.Has("Or") || rule.Has("Not")
	switch {
	case !isCompound && !rule.Has("Variable"):
		c.schema(loc, msgRequired("Variable"))
	case isCompound && rule.Has("Variable"):
		c.schema(loc, msgNotSupported("Variable"))
	}
}

// jsonataRule checks a JSONata rule: Condition (and Next/Comment/Assign/Output).
func (c *checker) jsonataRule(st *state, loc string, rule *jsonval.Object, top bool) {
	if !rule.Has("Condition") {
		c.schema(loc, msgRequired("Condition"))
	}
	rule.Range(func(k string, fv jsonval.Value) bool {
		switch {
		case k == "Comment" || (top && k == "Next"):
			c.wantString(loc, k, fv)
		case top && k == "Assign":
			c.assign(st, join(loc, k), fv)
		case top && k == "Output":
			c.jsonataValue(join(loc, k), k, fv)
		case k == "Condition":
			if _, isBool := fv.(bool); !isBool && !c.exprOK(loc, k, fv) {
				c.schema(join(loc, k), "The value for the field 'Condition' must be a JSONata expression or a BOOLEAN")
			}
		default:
			c.schema(loc, msgNotSupported(k))
		}
		return true
	})
}

// compound checks And/Or (non-empty arrays of rules) and Not (one rule).
func (c *checker) compound(st *state, loc, op string, v jsonval.Value) {
	if op == "Not" {
		c.choiceRule(st, join(loc, op), v, false)
		return
	}
	list, ok := v.([]any)
	if !ok {
		c.schema(join(loc, op), msgType(op, tArray))
		return
	}
	if len(list) == 0 {
		c.schema(join(loc, op), msgNonEmpty(op))
	}
	for i, r := range list {
		c.choiceRule(st, join(loc, op)+index(i), r, false)
	}
}

// comparison checks the operand of one comparison operator.
func (c *checker) comparison(loc, op string, v jsonval.Value) {
	want := comparisons[op]
	switch want {
	case "":
		c.choicePath(loc, op, v)
	case "TIMESTAMP":
		s, ok := asString(v)
		if !ok {
			c.schema(join(loc, op), msgType(op, tString))
		} else if !isRFC3339(s) {
			c.schema(join(loc, op), msgRFC3339)
		}
	default:
		if typeWord(v) != want {
			c.schema(join(loc, op), msgType(op, want))
		}
	}
}

// choicePath checks Variable and *Path operands: a JSONPath (or variable).
func (c *checker) choicePath(loc, field string, v jsonval.Value) {
	s, ok := asString(v)
	if !ok {
		c.schema(join(loc, field), msgType(field, tString))
		return
	}
	if !isPath(s) {
		c.schema(join(loc, field), "The value for the field '"+field+"' must be a valid JSONPath")
	}
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}
