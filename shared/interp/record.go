package interp

import (
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Record is the serializable state of one frame: the root execution or one
// Parallel branch or Map iteration. Step never mutates a Record it was given.
type Record struct {
	Machine string        // sub-machine id: "" for the root, else its definition location
	State   string        // current state name
	Input   jsonval.Value // raw input of the current state
	Vars    Vars

	EnteredEventID int64 // id of the current state's entered event
	LastEventID    int64 // id of the frame's latest event (previousEventId of the next)
	EnteredTime    time.Time

	Phase     Phase
	Attempt   int           // task invocations so far in this state entry
	Retries   []int         // attempts used per retrier
	TaskInput jsonval.Value // effective task parameters, kept for retries
	TaskToken string

	// MapItem is the $$.Map.Item of the Map that started this frame.
	MapItem *MapItem
}

// MapItem is the context of one Map iteration.
type MapItem struct {
	Index int
	Value jsonval.Value
}

// Phase says where inside the current state the frame stands.
type Phase int

// Phases.
const (
	PhaseEnter     Phase = iota // about to evaluate the state
	PhaseWaiting                // Wait state sleeping
	PhaseTask                   // task invoked, result pending
	PhaseBackoff                // retry back-off sleeping
	PhaseForked                 // children running
	PhaseReading                // Map ItemReader read requested, items pending
	PhaseSubmitted              // task submitted (.sync, .waitForTaskToken), outcome pending
)

// Vars are the variables visible to a frame: its own and those it inherited
// from enclosing frames (read-only there).
type Vars struct {
	Outer map[string]jsonval.Value
	Local map[string]jsonval.Value
}

// Get returns variable name.
func (v Vars) Get(name string) (jsonval.Value, bool) {
	if x, ok := v.Local[name]; ok {
		return x, true
	}
	x, ok := v.Outer[name]
	return x, ok
}

// With returns a copy of v with the given assignments applied locally.
func (v Vars) With(assign map[string]jsonval.Value) Vars {
	if len(assign) == 0 {
		return v
	}
	local := make(map[string]jsonval.Value, len(v.Local)+len(assign))
	for k, x := range v.Local {
		local[k] = x
	}
	for k, x := range assign {
		local[k] = x
	}
	return Vars{Outer: v.Outer, Local: local}
}

// Flatten returns all visible variables in one map (for a child scope).
func (v Vars) Flatten() map[string]jsonval.Value {
	out := make(map[string]jsonval.Value, len(v.Outer)+len(v.Local))
	for k, x := range v.Outer {
		out[k] = x
	}
	for k, x := range v.Local {
		out[k] = x
	}
	return out
}
