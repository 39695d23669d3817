package validate

import (
	"github.com/stepwise/stepwise/shared/jsonval"
)

var stateTypes = []string{"Task", "Wait", "Pass", "Succeed", "Fail", "Choice", "Parallel", "Map"}

// fieldSet lists the fields a state type accepts: in any query language,
// only with JSONPath, only with JSONata.
type fieldSet struct{ any, jsonPath, jsonata []string }

var commonFields = []string{"Type", "Comment", "QueryLanguage"}

var stateFields = map[string]fieldSet{
	"Pass": {
		any:      []string{"Next", "End", "Assign"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultPath", "Result"},
		jsonata:  []string{"Output"},
	},
	"Task": {
		any: []string{"Next", "End", "Assign", "Resource", "TimeoutSeconds", "HeartbeatSeconds",
			"Retry", "Catch", "Credentials"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
			"TimeoutSecondsPath", "HeartbeatSecondsPath"},
		jsonata: []string{"Arguments", "Output"},
	},
	"Choice": {
		any:      []string{"Choices", "Default", "Assign"},
		jsonPath: []string{"InputPath", "OutputPath"},
		jsonata:  []string{"Output"},
	},
	"Wait": {
		any:      []string{"Next", "End", "Assign", "Seconds", "Timestamp"},
		jsonPath: []string{"InputPath", "OutputPath", "SecondsPath", "TimestampPath"},
		jsonata:  []string{"Output"},
	},
	"Succeed": {
		jsonPath: []string{"InputPath", "OutputPath"},
		jsonata:  []string{"Output"},
	},
	"Fail": {
		any:      []string{"Error", "Cause"},
		jsonPath: []string{"ErrorPath", "CausePath"},
	},
	"Parallel": {
		any:      []string{"Next", "End", "Assign", "Branches", "Retry", "Catch"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector"},
		jsonata:  []string{"Arguments", "Output"},
	},
	"Map": {
		any: []string{"Next", "End", "Assign", "ItemProcessor", "Iterator", "ItemReader", "ItemSelector",
			"ItemBatcher", "ResultWriter", "MaxConcurrency", "ToleratedFailurePercentage",
			"ToleratedFailureCount", "Label", "Retry", "Catch"},
		jsonPath: []string{"InputPath", "OutputPath", "Parameters", "ResultPath", "ResultSelector",
			"ItemsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath"},
		jsonata: []string{"Items", "Output"},
	},
}

// state is one state under check.
type state struct {
	name  string
	loc   string
	obj   *jsonval.Object
	typ   string
	lang  string
	depth int
}

func (st *state) get(field string) (jsonval.Value, bool) { return st.obj.Get(field) }

func (st *state) jsonata() bool { return st.lang == langJSONata }

// allowed reports whether field is valid for this state type and language.
func (st *state) allowed(field string) bool {
	fs := stateFields[st.typ]
	if contains(commonFields, field) || contains(fs.any, field) {
		return true
	}
	if st.jsonata() {
		return contains(fs.jsonata, field)
	}
	return contains(fs.jsonPath, field)
}

// state checks one state definition.
func (c *checker) state(name string, v jsonval.Value, loc string, depth int) {
	c.stateName(name, loc)
	obj, ok := asObject(v)
	if !ok {
		c.schema(loc, msgType(name, tObject))
		return
	}
	st := &state{name: name, loc: loc, obj: obj, lang: c.topLang, depth: depth}
	tv, ok := obj.Get("Type")
	if !ok {
		c.schema(loc, msgRequired("Type"))
		return
	}
	st.typ, _ = asString(tv)
	if !contains(stateTypes, st.typ) {
		c.schema(join(loc, "Type"), msgOneOf("Type", stateTypes))
		return
	}
	if qv, ok := obj.Get("QueryLanguage"); ok {
		switch c.queryLanguage(loc, qv) {
		case langJSONPath:
			if c.topLang == langJSONata {
				c.schema(loc, msgDowngradeQueryLanguage)
			}
			st.lang = langJSONPath
		case langJSONata:
			st.lang = langJSONata
		}
	}
	obj.Range(func(k string, fv jsonval.Value) bool {
		if !st.allowed(k) {
			c.schema(loc, msgNotSupported(k))
			return true
		}
		c.commonField(st, k, fv)
		return true
	})
	c.typeChecks(st)
	c.nextOrEnd(st)
}

// stateName applies AWS's naming rules: at most 80 characters, and unique
// in the whole state machine (nested ones included).
func (c *checker) stateName(name, loc string) {
	if len([]rune(name)) > 80 {
		c.add(CodeInvalidStateName, loc, "State name cannot exceed 80 characters")
	}
	if _, dup := c.names[name]; dup {
		c.add(CodeDuplicateStateName, loc, "Duplicate State name: "+name)
		return
	}
	c.names[name] = loc
}

// typeChecks runs the per-type rules.
func (c *checker) typeChecks(st *state) {
	switch st.typ {
	case "Task":
		c.task(st)
	case "Choice":
		c.choice(st)
	case "Wait":
		c.wait(st)
	case "Fail":
		c.fail(st)
	case "Parallel":
		c.parallel(st)
	case "Map":
		c.mapState(st)
	case "Pass":
		c.pass(st)
	}
}

// commonField checks a field whose rules do not depend on the state type.
func (c *checker) commonField(st *state, k string, v jsonval.Value) {
	loc := st.loc
	switch k {
	case "Comment", "Next":
		c.wantString(loc, k, v)
	case "End":
		if _, ok := v.(bool); !ok {
			c.schema(join(loc, k), msgType(k, tBool))
		}
	case "InputPath", "OutputPath":
		c.pathField(loc, k, v, false)
	case "ResultPath":
		c.pathField(loc, k, v, true)
	case "Parameters", "ResultSelector", "ItemSelector":
		c.payloadTemplate(st, join(loc, k), k, v)
	case "Assign":
		c.assign(st, join(loc, k), v)
	case "Arguments":
		c.arguments(join(loc, k), k, v)
	case "Output":
		c.jsonataValue(join(loc, k), k, v)
	case "Retry":
		c.retriers(st, join(loc, k), v)
	case "Catch":
		c.catchers(st, join(loc, k), v)
	}
}

// nextOrEnd enforces that a non-terminal state has exactly one of Next and
// End: true.
func (c *checker) nextOrEnd(st *state) {
	switch st.typ {
	case "Choice", "Succeed", "Fail":
		return
	}
	_, hasNext := st.get("Next")
	ev, hasEnd := st.get("End")
	end, _ := ev.(bool)
	switch {
	case hasNext && hasEnd:
		c.schema(st.loc, msgMutuallyExclusive("Next", "End"))
	case !hasNext && !hasEnd:
		c.schema(st.loc, msgExactlyOne("Next", "End"))
	case hasEnd && !end:
		if _, isBool := ev.(bool); isBool {
			c.schema(join(st.loc, "End"), "The field 'End' must be true when there is no 'Next'")
		}
	}
}

func (c *checker) pass(st *state) {
	if st.jsonata() {
		return
	}
	// AWS warns when Result looks dynamic: Pass results are never evaluated.
	if r, ok := st.get("Result"); ok && hasDollarKey(r) {
		c.warn(CodePassResultIsStatic, join(st.loc, "Result"),
			"Attempt to use a path in the result of a pass state")
	}
}

func (c *checker) parallel(st *state) {
	v, ok := st.get("Branches")
	if !ok {
		c.schema(st.loc, msgRequired("Branches"))
		return
	}
	branches, ok := v.([]any)
	if !ok {
		c.schema(join(st.loc, "Branches"), msgType("Branches", tArray))
		return
	}
	if len(branches) == 0 {
		c.schema(join(st.loc, "Branches"), msgNonEmpty("Branches"))
	}
	for i, b := range branches {
		bl := join(st.loc, "Branches") + index(i)
		bo, ok := asObject(b)
		if !ok {
			c.schema(bl, msgType("Branches", tObject))
			continue
		}
		c.machine(bo, bl, kindBranch, st.depth+1)
	}
}
