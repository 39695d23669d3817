package interp

import (
	"errors"
	"strings"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// choice is a compiled choice rule.
type choice struct {
	rule      *asl.ChoiceRule
	variable  *jsonpath.Path
	op        operator
	operand   jsonval.Value
	operandP  *jsonpath.Path // for *Path operators
	children  []*choice
	condition template
	output    template
	assign    *tObject
	broken    *Failure
}

func (n *node) compileChoices() {
	for _, r := range n.st.Choices {
		n.choices = append(n.choices, compileChoice(r, n.jsonata))
	}
}

func compileChoice(r *asl.ChoiceRule, jsonata bool) *choice {
	c := &choice{rule: r, assign: compileAssign(r.Assign, jsonata)}
	if jsonata && r.Output.Set {
		c.output = compileJSONataTemplate(r.Output.Value, "Output")
	}
	for _, child := range r.Children {
		c.children = append(c.children, compileChoice(child, jsonata))
	}
	if r.Operator == "Condition" {
		c.condition = compileJSONataTemplate(r.Condition, "Condition")
		return c
	}
	if r.Variable != "" {
		p, err := jsonpath.Parse(r.Variable)
		if err != nil {
			c.broken = runtimeFailure("Invalid path '%s' for the field 'Variable'", r.Variable)
		}
		c.variable = p
	}
	name := strings.TrimSuffix(r.Operator, "Path")
	if op, ok := operators[r.Operator]; ok {
		c.op, c.operand = op, r.Operand
	} else if op, ok := operators[name]; ok && strings.HasSuffix(r.Operator, "Path") {
		c.op = op
		s, _ := r.Operand.(string)
		p, err := jsonpath.Parse(s)
		if err != nil {
			c.broken = runtimeFailure("Invalid path '%s' for the field '%s'", s, r.Operator)
		}
		c.operandP = p
	}
	return c
}

// choice evaluates the rules in order and follows the first that matches.
func (st *stepper) choice() error {
	eff := st.rec.Input
	var err error
	if !st.n.jsonata {
		if eff, err = st.inputStage(); err != nil {
			return err
		}
	}
	for _, c := range st.n.choices {
		ok, err := st.matches(c, eff)
		if err != nil {
			return err
		}
		if ok {
			return st.choiceExit(eff, c.output, c.assign, c.rule.Next)
		}
	}
	if st.n.st.Default != "" {
		return st.choiceExit(eff, nil, nil, st.n.st.Default)
	}
	return &Failure{Name: asl.ErrorNoChoiceMatched, Cause: "No Matches!"}
}

// choiceExit applies the matched rule's Output and Assign (or the state's).
func (st *stepper) choiceExit(eff jsonval.Value, output template, assign *tObject, next string) error {
	if output == nil {
		output = st.n.output
	}
	if assign == nil {
		assign = st.n.assign
	}
	assigns, err := st.assignStage(assign, eff)
	if err != nil {
		return err
	}
	var out jsonval.Value
	if st.n.jsonata {
		out, err = st.jsonataOutput(output, st.rec.Input)
	} else {
		out, err = st.outputStage(eff)
	}
	if err != nil {
		return err
	}
	st.rec.Vars = st.rec.Vars.With(assigns)
	return st.exitTo(out, next)
}

func (st *stepper) matches(c *choice, input jsonval.Value) (bool, error) {
	if c.broken != nil {
		return false, c.broken
	}
	switch c.rule.Operator {
	case "And":
		for _, ch := range c.children {
			if ok, err := st.matches(ch, input); err != nil || !ok {
				return false, err
			}
		}
		return true, nil
	case "Or":
		for _, ch := range c.children {
			if ok, err := st.matches(ch, input); err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	case "Not":
		ok, err := st.matches(c.children[0], input)
		return !ok, err
	case "Condition":
		return st.condition(c, input)
	}
	return st.compare(c, input)
}

func (st *stepper) condition(c *choice, input jsonval.Value) (bool, error) {
	v, err := c.condition.eval(&st.scope, input)
	if err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if !ok {
		return false, queryFailure("The Condition field must evaluate to a boolean, but was %s: %s", jsonval.TypeName(v), jsonval.String(v))
	}
	return b, nil
}

func (st *stepper) compare(c *choice, input jsonval.Value) (bool, error) {
	if c.op == nil || c.variable == nil {
		return false, runtimeFailure("Unsupported choice rule operator %q", c.rule.Operator)
	}
	v, found, err := st.lookup(c.variable, input)
	if err != nil {
		return false, err
	}
	if c.rule.Operator == "IsPresent" {
		want, _ := c.operand.(bool)
		return found == want, nil
	}
	if !found {
		return false, runtimeFailure("Invalid path '%s': The choice state's condition path references an invalid value.", c.variable.String())
	}
	operand := c.operand
	if c.operandP != nil {
		ov, ok, err := st.lookup(c.operandP, input)
		if err != nil {
			return false, err
		}
		if !ok {
			return false, runtimeFailure("Invalid path '%s': The choice state's condition path references an invalid value.", c.operandP.String())
		}
		operand = ov
	}
	return c.op(v, operand), nil
}

// lookup evaluates a choice path; a missing value is not an error here.
func (st *stepper) lookup(p *jsonpath.Path, input jsonval.Value) (jsonval.Value, bool, error) {
	root, err := st.scope.rootFor(p, input)
	if err != nil {
		var f *Failure
		if errors.As(err, &f) {
			return nil, false, nil
		}
		return nil, false, err
	}
	v, err := p.Get(root)
	if errors.Is(err, jsonpath.ErrTooComplex) {
		return nil, false, runtimeFailure("Invalid path '%s': %v", p.String(), err)
	}
	if err != nil {
		return nil, false, nil
	}
	return v, true, nil
}
