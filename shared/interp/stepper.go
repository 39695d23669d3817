package interp

import (
	"errors"
	"fmt"
	"sync"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Step evaluates the frame's current state, or resumes it after trigger t.
// ASL failures come back as a Fail action or a Catch transition; a Go error
// means a corrupt record or a bug.
func (m *Machine) Step(rec Record, t Trigger, env Env) (Decision, error) {
	st := steppers.Get().(*stepper)
	st.ownEnv = env
	return m.run(st, nil, &rec, t, &st.ownEnv)
}

// StepAppend is Step with the step's events appended to events: the
// returned Decision.Events is append(events, <this step's events>...). A
// driver that keeps the whole history in one slice passes it here and saves
// a copy and an allocation per step; env is read, never written, and must
// not change during the call. The events keep env.NextEventID's numbering
// whatever events holds.
func (m *Machine) StepAppend(events []history.Event, rec Record, t Trigger, env *Env) (Decision, error) {
	return m.run(steppers.Get().(*stepper), events, &rec, t, env)
}

// run is Step on a pooled stepper, which it releases.
func (m *Machine) run(st *stepper, events []history.Event, rec *Record, t Trigger, env *Env) (Decision, error) {
	defer st.release()
	s, ok := m.subs[rec.Machine]
	if !ok {
		return Decision{}, fmt.Errorf("step: unknown sub-machine %q", rec.Machine)
	}
	n, ok := s.nodes[rec.State]
	if !ok {
		return Decision{}, fmt.Errorf("step: unknown state %q in %s", rec.State, location(rec.Machine))
	}
	st.m, st.sub, st.n, st.rec, st.env = m, s, n, *rec, env
	st.events, st.base, st.action = events, len(events), nil
	st.scope = scope{rec: &st.rec, env: env, node: n, input: rec.Input}
	if err := st.dispatch(t); err != nil {
		var f *Failure
		if !errors.As(err, &f) {
			return Decision{}, fmt.Errorf("step %s: %w", rec.State, err)
		}
		st.handleFailure(f)
	}
	return Decision{Record: st.rec, Events: st.events, Action: st.action}, nil
}

// stepper holds one Step's working state.
type stepper struct {
	m      *Machine
	sub    *sub
	n      *node
	rec    Record
	env    *Env
	ownEnv Env // Step's copy of its env argument
	scope  scope
	events []history.Event
	base   int // len(events) on entry: events before it belong to the caller
	action Action
}

// steppers recycles stepper values: a Step would otherwise allocate one,
// the largest allocation of a simple state. Nothing of a stepper outlives
// its Step (the Decision copies what it returns), and run sets every field
// before use.
var steppers = sync.Pool{New: func() any { return new(stepper) }}

// release returns st to the pool. Only the event slice (possibly a whole
// history) is dropped: clearing the rest would cost more than it saves,
// and what it references stays reachable only until st is reused or the
// pool is emptied by the next garbage collections.
func (st *stepper) release() {
	st.events = nil
	steppers.Put(st)
}

func (st *stepper) dispatch(t Trigger) error {
	switch tr := t.(type) {
	case Enter:
		return st.enter()
	case Wake:
		return st.wake()
	case TaskSucceeded:
		if st.rec.Phase == PhaseReading {
			return st.itemsRead(tr.Output)
		}
		return st.taskSucceeded(tr.Output)
	case TaskFailed:
		if st.rec.Phase == PhaseReading {
			return st.readFailed(tr.Cause)
		}
		return st.taskFailed(tr.Error, tr.Cause)
	case Joined:
		return st.joined(tr)
	case Submitted:
		return st.taskSubmitted(tr.Output)
	case PageRead:
		return st.mapPage(tr)
	}
	return fmt.Errorf("unknown trigger %T", t)
}

func (st *stepper) enter() error {
	st.rec.EnteredTime = st.env.Now
	st.rec.Attempt = 0
	st.rec.Retries = nil
	st.rec.TaskToken = ""
	st.rec.Phase = PhaseEnter
	st.record(history.Entered(st.n.enteredType, st.n.st.Name, st.rec.Input))
	st.rec.EnteredEventID = st.rec.LastEventID
	switch st.n.st.Type {
	case asl.TypePass:
		return st.pass()
	case asl.TypeTask:
		return st.taskEnter()
	case asl.TypeChoice:
		return st.choice()
	case asl.TypeWait:
		return st.waitEnter()
	case asl.TypeSucceed:
		return st.succeed()
	case asl.TypeFail:
		return st.fail()
	case asl.TypeParallel:
		return st.parallelEnter()
	case asl.TypeMap:
		return st.mapEnter()
	}
	return runtimeFailure("Unsupported state type %q", st.n.st.Type)
}

func (st *stepper) wake() error {
	switch st.rec.Phase {
	case PhaseWaiting:
		return st.waitWake()
	case PhaseBackoff:
		if st.n.st.Type == asl.TypeTask {
			return st.invoke()
		}
		return st.reenter()
	}
	return fmt.Errorf("wake in phase %d", st.rec.Phase)
}

// emit appends an event; ids follow env.NextEventID in order.
func (st *stepper) emit(typ string, kv ...any) {
	st.record(history.New(typ, kv...))
}

// record appends e, numbered after the events of this step so far.
func (st *stepper) record(e history.Event) {
	e.ID = st.env.NextEventID + int64(len(st.events)-st.base)
	e.PreviousEventID = st.rec.LastEventID
	e.Timestamp = st.env.Now
	st.rec.LastEventID = e.ID
	if st.events == nil {
		// A step records a few events: room for them in one allocation.
		st.events = make([]history.Event, 0, 4)
	}
	if len(st.events) == cap(st.events) && len(st.events) >= 256 {
		// Double a long history ourselves: append grows large slices by
		// only 1.25x, which copies a whole-execution history many times.
		grown := make([]history.Event, len(st.events), 2*len(st.events))
		copy(grown, st.events)
		st.events = grown
	}
	st.events = append(st.events, e)
}

// exitTo records the state's exit and moves on with output.
func (st *stepper) exitTo(output jsonval.Value, next string) error {
	if err := st.checkOutput(output); err != nil {
		return err
	}
	st.record(history.Exited(st.n.exitedType, st.n.st.Name, output))
	st.moveTo(output, next)
	return nil
}

func (st *stepper) moveTo(output jsonval.Value, next string) {
	if next == "" {
		st.action = Succeed{Output: output}
		return
	}
	st.rec.State = next
	st.rec.Input = output
	st.rec.Phase = PhaseEnter
	st.rec.TaskInput = nil
	st.action = Next{}
}

// next returns the state's successor, "" when it ends the machine.
func (st *stepper) next() string {
	if st.n.st.End {
		return ""
	}
	return st.n.st.Next
}

// checkOutput fails a state whose output is over the payload quota, as
// AWS does, or nested deeper than the depth quota: the runner could not
// store such an output and read it back.
func (st *stepper) checkOutput(v jsonval.Value) error {
	lim := st.env.Limits.Resolve()
	if jsonval.SizeExceeds(v, lim.PayloadBytes) {
		return &Failure{Name: asl.ErrorDataLimitExceeded, Cause: fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", st.n.st.Name)}
	}
	if jsonval.DepthExceeds(v, lim.JSONDepth) {
		return runtimeFailure("The state/task returned a result nested deeper than the maximum of %d levels.", lim.JSONDepth)
	}
	return nil
}
