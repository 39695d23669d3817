package interp

import (
	"fmt"
	"strconv"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonpath"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Machine is a compiled definition. It is immutable and safe to share.
type Machine struct {
	def  *asl.StateMachine
	subs map[string]*sub
}

// sub is one state machine: the root, a Parallel branch or a Map processor.
type sub struct {
	id    string
	sm    *asl.StateMachine
	nodes map[string]*node
}

// node is a compiled state.
type node struct {
	st      *asl.State
	jsonata bool

	// enteredType and exitedType are the state's event types, built once.
	enteredType, exitedType string

	inputPath, outputPath, resultPath *pathField
	parameters, resultSelector        template
	result                            jsonval.Value
	hasResult                         bool
	arguments, output                 template
	assign                            *tObject

	choices []*choice
	retry   []*asl.Retrier
	catch   []*catcher

	// Map/Parallel children.
	branches  []string // sub ids
	processor string

	// Field expressions (Wait, Fail, Task timeouts): JSONPath *Path fields
	// and JSONata values.
	fields map[string]template
}

// pathField is a compiled InputPath/OutputPath/ResultPath.
type pathField struct {
	null bool
	path *jsonpath.Path
	err  *Failure
}

type catcher struct {
	c          *asl.Catcher
	resultPath *pathField
	output     template
	assign     *tObject
}

// Compile prepares a definition for execution.
func Compile(def *asl.StateMachine) (*Machine, error) {
	m := &Machine{def: def, subs: map[string]*sub{}}
	if err := m.compileSub("", def); err != nil {
		return nil, err
	}
	return m, nil
}

// Definition returns the definition m was compiled from.
func (m *Machine) Definition() *asl.StateMachine { return m.def }

// StartRecord returns a frame positioned on the start state of sub-machine id.
func (m *Machine) StartRecord(id string, input jsonval.Value, vars Vars) (Record, error) {
	s, ok := m.subs[id]
	if !ok {
		return Record{}, fmt.Errorf("unknown sub-machine %q", id)
	}
	return Record{Machine: id, State: s.sm.StartAt, Input: input, Vars: vars}, nil
}

func (m *Machine) compileSub(id string, sm *asl.StateMachine) error {
	s := &sub{id: id, sm: sm, nodes: map[string]*node{}}
	m.subs[id] = s
	if _, ok := sm.States[sm.StartAt]; !ok {
		return fmt.Errorf("compile %s: StartAt %q is not a state", location(id), sm.StartAt)
	}
	for _, name := range sm.Order {
		st := sm.States[name]
		n, err := m.compileState(id, st)
		if err != nil {
			return err
		}
		s.nodes[name] = n
	}
	return nil
}

func location(id string) string {
	if id == "" {
		return "/"
	}
	return id
}

func (m *Machine) compileState(subID string, st *asl.State) (*node, error) {
	n := &node{st: st, jsonata: st.QueryLanguage == asl.JSONata, retry: st.Retry, fields: map[string]template{},
		enteredType: history.StateEntered(st.Type), exitedType: history.StateExited(st.Type)}
	loc := subID + "/States/" + st.Name
	if n.jsonata {
		n.compileJSONata()
	} else {
		n.compileJSONPath()
	}
	n.compileChoices()
	n.compileCatchers()
	n.compileReader()
	n.compileBatcher()
	n.compileWriter()
	for i, b := range st.Branches {
		id := loc + "/Branches/" + strconv.Itoa(i)
		if err := m.compileSub(id, b); err != nil {
			return nil, err
		}
		n.branches = append(n.branches, id)
	}
	if st.Processor != nil {
		n.processor = loc + "/ItemProcessor"
		if err := m.compileSub(n.processor, st.Processor); err != nil {
			return nil, err
		}
	}
	return n, nil
}
