package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// edge is one transition: the target state and where it is written.
type edge struct {
	target string
	loc    string
}

// transitions checks every scope collected by the schema walk: targets
// exist, every state is reachable and the machine can terminate. These
// findings come after the schema ones, as with AWS.
func (c *checker) transitions() {
	for _, sc := range c.scopes {
		c.scopeTransitions(sc)
	}
}

func (c *checker) scopeTransitions(sc scope) {
	var queue []string
	if sc.hasStart {
		if sc.states.Has(sc.startAt) {
			queue = append(queue, sc.startAt)
		} else {
			c.lateAdd(CodeMissingTarget, join(sc.loc, "StartAt"), msgMissingNext(sc.startAt))
		}
	}
	edges := map[string][]edge{}
	terminal := false
	sc.states.Range(func(name string, v jsonval.Value) bool {
		obj, ok := asObject(v)
		if !ok {
			return true
		}
		loc := join(join(sc.loc, "States"), name)
		edges[name] = stateEdges(obj, loc)
		for _, e := range edges[name] {
			if !sc.states.Has(e.target) {
				c.lateAdd(CodeMissingTarget, e.loc, msgMissingNext(e.target))
			}
		}
		terminal = terminal || isTerminal(obj)
		return true
	})
	reached := map[string]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if reached[n] {
			continue
		}
		reached[n] = true
		for _, e := range edges[n] {
			if sc.states.Has(e.target) {
				queue = append(queue, e.target)
			}
		}
	}
	if !sc.hasStart || !sc.states.Has(sc.startAt) {
		return // reachability is meaningless without a valid start
	}
	for _, name := range sc.states.Keys() {
		if !reached[name] {
			c.lateAdd(CodeMissingTarget, join(join(sc.loc, "States"), name), msgUnreachable(name))
		}
	}
	if !terminal {
		c.lateAdd(CodeMissingEndState, sc.loc, "Workflow has no terminal state")
	}
}

func (c *checker) lateAdd(code, loc, msg string) {
	c.late = append(c.late, Diagnostic{Severity: SeverityError, Code: code, Message: msg, Location: at(loc)})
}

// stateEdges lists a state's transitions: Next, Default, Choices[].Next and
// Catch[].Next (ill-typed ones were reported by the schema walk).
func stateEdges(obj *jsonval.Object, loc string) []edge {
	var out []edge
	addNext := func(o *jsonval.Object, field, l string) {
		if v, ok := o.Get(field); ok {
			if s, ok := asString(v); ok {
				out = append(out, edge{s, join(l, field)})
			}
		}
	}
	addNext(obj, "Next", loc)
	addNext(obj, "Default", loc)
	for _, list := range []string{"Choices", "Catch"} {
		v, _ := obj.Get(list)
		items, _ := v.([]any)
		for i, it := range items {
			if o, ok := asObject(it); ok {
				addNext(o, "Next", join(loc, list)+index(i))
			}
		}
	}
	return out
}

// isTerminal reports whether a state can end its state machine.
func isTerminal(obj *jsonval.Object) bool {
	t, _ := obj.Get("Type")
	switch t {
	case "Succeed", "Fail":
		return true
	}
	end, _ := obj.Get("End")
	return end == true
}
