package sfnapi

import (
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// testStateName names a bare state given to TestState.
const testStateName = "TestState"

// wrapped is the machine TestState runs around the tested state.
type wrapped struct {
	Doc     *jsonval.Object
	Name    string          // the tested state's name in Doc
	Retry   []any           // the state's retriers, removed from Doc
	Targets map[string]bool // stub states standing for transition targets
}

// wrapState builds the one-state machine TestState runs. def is either a
// state or a whole machine (then stateName, or StartAt, picks the state).
// Transition targets become Succeed stubs, so the run stops after the
// state; Retry is removed, since TestState reports RETRIABLE rather than
// retrying.
func wrapState(def, stateName string) (wrapped, error) {
	v, err := jsonval.DecodeString(def)
	obj, ok := v.(*jsonval.Object)
	if err != nil || !ok {
		return wrapped{}, &Error{Code: CodeInvalidDefinition, Message: "Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: the definition must be a JSON object'"}
	}
	name, state, ql, err := pickState(obj, stateName)
	if err != nil {
		return wrapped{}, err
	}
	w := wrapped{Name: name, Targets: map[string]bool{}}
	if r, ok := state.Get("Retry"); ok {
		w.Retry, _ = r.([]any)
		state = state.Clone()
		state.Delete("Retry")
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
	if ql != nil {
		w.Doc.Set("QueryLanguage", ql)
	}
	w.Doc.Set("StartAt", w.Name)
	w.Doc.Set("States", states)
	return w, nil
}

// pickState finds the state to test in a definition.
func pickState(obj *jsonval.Object, stateName string) (string, *jsonval.Object, jsonval.Value, error) {
	states, ok := obj.Get("States")
	if !ok {
		return testStateName, obj, nil, nil
	}
	if stateName == "" {
		stateName, _ = getString(obj, "StartAt")
	}
	all, _ := states.(*jsonval.Object)
	if all == nil {
		return "", nil, nil, errValidation("The definition has no States object")
	}
	st, _ := all.Get(stateName)
	state, ok := st.(*jsonval.Object)
	if !ok {
		return "", nil, nil, errValidation("State '" + stateName + "' does not exist in the definition")
	}
	ql, _ := obj.Get("QueryLanguage")
	return stateName, state, ql, nil
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
