package asl

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// choiceMeta are the fields of a choice rule that are not its comparison.
var choiceMeta = map[string]bool{
	"Variable": true, "Next": true, "Comment": true, "Output": true, "Assign": true, "Condition": true,
}

func (p *parser) choice(v jsonval.Value, loc string) *ChoiceRule {
	o := p.obj(v, loc)
	r := &ChoiceRule{
		Variable: p.str(o, "Variable", loc),
		Next:     p.str(o, "Next", loc),
		Comment:  p.str(o, "Comment", loc),
		Output:   opt(o, "Output"),
		Assign:   p.assign(o, loc),
	}
	if c, ok := o.Get("Condition"); ok {
		r.Condition = c
		r.Operator = "Condition"
		return r
	}
	o.Range(func(k string, val jsonval.Value) bool {
		if choiceMeta[k] {
			return true
		}
		r.Operator = k
		switch k {
		case "And", "Or":
			arr, _ := val.([]any)
			for i, c := range arr {
				r.Children = append(r.Children, p.choice(c, loc+"/"+k+"/"+itoa(i)))
			}
		case "Not":
			r.Children = []*ChoiceRule{p.choice(val, loc+"/Not")}
		default:
			r.Operand = val
		}
		return false
	})
	return r
}
