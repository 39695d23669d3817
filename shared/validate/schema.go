package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

// machineKind says where a (nested) state machine sits; it decides which
// fields it may have.
type machineKind int

const (
	kindTop       machineKind = iota // the whole definition
	kindBranch                       // a Parallel branch
	kindProcessor                    // a Map ItemProcessor or legacy Iterator
)

var machineFields = map[machineKind][]string{
	kindTop:       {"Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"},
	kindBranch:    {"Comment", "StartAt", "States"},
	kindProcessor: {"Comment", "StartAt", "States", "ProcessorConfig"},
}

// maxNesting bounds Map/Parallel nesting, so hostile input cannot make the
// walk arbitrarily deep.
const maxNesting = 100

// scope is one state machine (top level, branch or processor), kept for the
// transition checks that run after the schema walk.
type scope struct {
	loc      string
	startAt  string
	hasStart bool
	states   *jsonval.Object
}

func (c *checker) document(v jsonval.Value) {
	obj, ok := asObject(v)
	if !ok {
		c.schema("", msgType("definition", tObject))
		return
	}
	c.topLang = langJSONPath
	if ql, ok := obj.Get("QueryLanguage"); ok {
		if c.queryLanguage("", ql) == langJSONata {
			c.topLang = langJSONata
		}
	}
	c.names = map[string]string{}
	c.machine(obj, "", kindTop, 0)
	c.transitions()
}

// queryLanguage validates a QueryLanguage value at loc and returns it ("" when invalid).
func (c *checker) queryLanguage(loc string, v jsonval.Value) string {
	s, _ := asString(v)
	if s != langJSONPath && s != langJSONata {
		c.schema(join(loc, "QueryLanguage"), msgOneOf("QueryLanguage", []string{langJSONPath, langJSONata}))
		return ""
	}
	return s
}

// machine checks one state machine object found at loc.
func (c *checker) machine(obj *jsonval.Object, loc string, kind machineKind, depth int) {
	if depth > maxNesting {
		c.add(CodeTooDeeplyNested, loc, "The states are too deeply nested")
		return
	}
	var missing []string
	for _, f := range []string{"States", "StartAt"} {
		if !obj.Has(f) {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		c.schema(loc, msgRequired(missing...))
	}
	sc := scope{loc: loc}
	obj.Range(func(k string, v jsonval.Value) bool {
		switch {
		case !contains(machineFields[kind], k):
			c.schema(loc, msgNotSupported(k))
		case k == "StartAt":
			sc.startAt, sc.hasStart = c.wantString(loc, k, v)
		case k == "States":
			sc.states = c.statesObject(join(loc, k), v, depth)
		case k == "Comment", k == "Version":
			c.wantString(loc, k, v)
		case k == "TimeoutSeconds":
			c.positiveInt(loc, k, v, false)
		case k == "ProcessorConfig":
			c.processorConfig(join(loc, k), v)
		}
		return true
	})
	if sc.states != nil {
		c.scopes = append(c.scopes, sc)
	}
}

// statesObject checks the States field and every state in it.
func (c *checker) statesObject(loc string, v jsonval.Value, depth int) *jsonval.Object {
	states, ok := asObject(v)
	if !ok {
		c.schema(loc, msgType("States", tObject))
		return nil
	}
	if states.Len() == 0 {
		c.schema(loc, msgNonEmpty("States"))
		return nil
	}
	states.Range(func(name string, sv jsonval.Value) bool {
		c.state(name, sv, join(loc, name), depth)
		return true
	})
	return states
}

// wantString reports a type error unless v is a string.
func (c *checker) wantString(loc, field string, v jsonval.Value) (string, bool) {
	s, ok := asString(v)
	if !ok {
		c.schema(join(loc, field), msgType(field, tString))
	}
	return s, ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
