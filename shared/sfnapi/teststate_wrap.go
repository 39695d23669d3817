package sfnapi

import (
	"strings"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// singleStateName is the name AWS gives a state that TestState gets on
// its own rather than inside a state machine.
const singleStateName = "StateName"

// mockResource is the resource of the Task that stands for a mocked Map
// or Parallel state; the mock answers it.
const mockResource = "arn:aws:lambda:us-east-1:000000000000:function:StepwiseTestStateMock"

// picked is the state a TestState request tests.
type picked struct {
	Name  string
	State *jsonval.Object
	Type  string
	QL    string // the query language the state runs with
}

func (p picked) jsonata() bool { return p.QL == "JSONata" }

// wrapped is the machine TestState runs around the tested state.
type wrapped struct {
	Doc     *jsonval.Object
	Name    string          // the tested state's name in Doc
	Picked  picked          // the state as given
	Retry   []any           // the state's retriers, removed from Doc
	Catch   []any           // the state's catchers
	Targets map[string]bool // stub states standing for transition targets
}

// pickState finds the state to test: the definition itself when it is one
// state, else the state named stateName (StartAt when empty), at any depth
// of Map and Parallel states.
func pickState(def, stateName string) (picked, error) {
	v, err := jsonval.DecodeString(def)
	obj, ok := v.(*jsonval.Object)
	if err != nil || !ok {
		return picked{}, &Error{Code: CodeInvalidDefinition, Message: "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the definition must be a JSON object'"}
	}
	topQL, _ := getString(obj, "QueryLanguage")
	if !obj.Has("States") {
		return newPicked(singleStateName, obj, topQL), nil
	}
	if stateName == "" {
		stateName, _ = getString(obj, "StartAt")
	}
	state := findState(obj, stateName)
	if state == nil {
		return picked{}, errValidation("State not found in definition")
	}
	return newPicked(stateName, state, topQL), nil
}

func newPicked(name string, state *jsonval.Object, topQL string) picked {
	p := picked{Name: name, State: state, QL: topQL}
	p.Type, _ = getString(state, "Type")
	if ql, ok := getString(state, "QueryLanguage"); ok {
		p.QL = ql
	}
	if p.QL == "" {
		p.QL = "JSONPath"
	}
	return p
}

// findState looks a state up in a machine and in its Map and Parallel
// states' sub-machines.
func findState(machine *jsonval.Object, name string) *jsonval.Object {
	states, _ := machine.Get("States")
	all, _ := states.(*jsonval.Object)
	if all == nil {
		return nil
	}
	if st, ok := all.Get(name); ok {
		s, _ := st.(*jsonval.Object)
		return s
	}
	var found *jsonval.Object
	all.Range(func(_ string, st jsonval.Value) bool {
		s, _ := st.(*jsonval.Object)
		for _, sub := range subMachines(s) {
			if found = findState(sub, name); found != nil {
				return false
			}
		}
		return true
	})
	return found
}

// subMachines lists a state's nested machines (Map processor, branches).
func subMachines(s *jsonval.Object) []*jsonval.Object {
	if s == nil {
		return nil
	}
	var out []*jsonval.Object
	for _, k := range []string{"ItemProcessor", "Iterator"} {
		if v, ok := s.Get(k); ok {
			if o, ok := v.(*jsonval.Object); ok {
				out = append(out, o)
			}
		}
	}
	branches, _ := s.Get("Branches")
	list, _ := branches.([]any)
	for _, b := range list {
		if o, ok := b.(*jsonval.Object); ok {
			out = append(out, o)
		}
	}
	return out
}

// wrapState builds the machine TestState runs: the state, and a Succeed
// stub for each state it can move to, so that the run stops right after
// it. Retry is removed (TestState reports RETRIABLE rather than
// retrying); a mocked Map or Parallel becomes a Task the mock answers.
//
// The state runs as "StateName", the name AWS's context object shows for
// every tested state; validation names it as the definition does.
func wrapState(p picked, mocked bool, name string) wrapped {
	state := p.State.Clone()
	w := wrapped{Name: name, Picked: p, Targets: map[string]bool{}}
	if r, ok := state.Get("Retry"); ok {
		w.Retry, _ = r.([]any)
		state.Delete("Retry")
	}
	if c, ok := state.Get("Catch"); ok {
		w.Catch, _ = c.([]any)
	}
	if mocked && (p.Type == "Map" || p.Type == "Parallel") {
		state = mockedTask(p, state)
	}
	for _, target := range transitions(state) {
		w.Targets[target] = true
	}
	// A state that can move to itself runs under another name, so that
	// its own name can be a stub and the run ends after one step.
	for w.Targets[w.Name] {
		w.Name += "_"
	}
	states := jsonval.NewObject(len(w.Targets) + 1)
	states.Set(w.Name, state)
	for target := range w.Targets {
		stub := jsonval.NewObject(1)
		stub.Set("Type", "Succeed")
		states.Set(target, stub)
	}
	w.Doc = jsonval.NewObject(3)
	w.Doc.Set("QueryLanguage", p.QL)
	w.Doc.Set("StartAt", w.Name)
	w.Doc.Set("States", states)
	return w
}

// mapSettings are the Map fields whose evaluated values TestState
// inspects: carried into the stand-in Task's Parameters or Arguments.
var mapSettings = []struct{ field, key string }{
	{"ItemsPath", "items"}, {"Items", "items"},
	{"MaxConcurrency", "maxConcurrency"}, {"MaxConcurrencyPath", "maxConcurrency"},
	{"ToleratedFailureCount", "toleratedFailureCount"}, {"ToleratedFailureCountPath", "toleratedFailureCount"},
	{"ToleratedFailurePercentage", "toleratedFailurePercentage"}, {"ToleratedFailurePercentagePath", "toleratedFailurePercentage"},
}

// mockedTask turns a Map or Parallel state into a Task with the same
// input and output processing, whose result the mock provides. A Map's
// items and run settings become the Task's parameters, so that they are
// evaluated (paths, JSONata) as the Map would.
func mockedTask(p picked, state *jsonval.Object) *jsonval.Object {
	keep := []string{"Comment", "QueryLanguage", "InputPath", "ResultSelector", "ResultPath", "OutputPath",
		"Output", "Assign", "Catch", "Next", "End"}
	if p.Type == "Parallel" {
		keep = append(keep, "Parameters", "Arguments")
	}
	task := jsonval.NewObject(len(keep) + 3)
	task.Set("Type", "Task")
	task.Set("Resource", mockResource)
	for _, k := range keep {
		if v, ok := state.Get(k); ok {
			task.Set(k, v)
		}
	}
	if p.Type != "Map" {
		return task
	}
	args := jsonval.NewObject(4)
	for _, s := range mapSettings {
		v, ok := state.Get(s.field)
		if !ok {
			continue
		}
		key := s.key
		if !p.jsonata() && strings.HasSuffix(s.field, "Path") {
			key += ".$"
		}
		args.Set(key, v)
	}
	if !args.Has("items") && !args.Has("items.$") {
		if p.jsonata() {
			args.Set("items", "{% $states.input %}")
		} else {
			args.Set("items.$", "$")
		}
	}
	if p.jsonata() {
		task.Set("Arguments", args)
	} else {
		task.Set("Parameters", args)
	}
	return task
}

// transitions lists the states a state can move to.
func transitions(state *jsonval.Object) []string {
	var out []string
	add := func(o *jsonval.Object, key string) {
		if s, ok := getString(o, key); ok {
			out = append(out, s)
		}
	}
	add(state, "Next")
	add(state, "Default")
	for _, list := range []string{"Choices", "Catch"} {
		items, _ := state.Get(list)
		arr, _ := items.([]any)
		for _, it := range arr {
			if o, ok := it.(*jsonval.Object); ok {
				add(o, "Next")
			}
		}
	}
	return out
}

func getString(o *jsonval.Object, key string) (string, bool) {
	v, ok := o.Get(key)
	s, isStr := v.(string)
	return s, ok && isStr
}

// payloadValue unwraps a history payload detail.
func payloadValue(v jsonval.Value) jsonval.Value {
	if p, ok := v.(history.Payload); ok {
		return p.Value
	}
	return v
}
