package interp

import (
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// Step evaluates the frame's current state, or resumes it after trigger t.
// ASL failures come back as a Fail action or a Catch transition; a Go error
// means a corrupt record or a bug.
func (m *Machine) Step(rec Record, t Trigger, env Env) (Decision, error) {
	s, ok := m.subs[rec.Machine]
	if !ok {
		return Decision{}, fmt.Errorf("step: unknown sub-machine %q", rec.Machine)
	}
	n, ok := s.nodes[rec.State]
	if !ok {
		return Decision{}, fmt.Errorf("step: unknown state %q in %s", rec.State, location(rec.Machine))
	}
	st := &stepper{m: m, sub: s, n: n, rec: rec, env: env}
	st.scope = scope{rec: &st.rec, env: &st.env, node: n, input: rec.Input}
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
	env    Env
	scope  scope
	events []history.Event
	action Action
}

func (st *stepper) dispatch(t Trigger) error {
	switch tr := t.(type) {
	case Enter:
		return st.enter()
	case Wake:
		return st.wake()
	case TaskSucceeded:
		return st.taskSucceeded(tr.Output)
	case TaskFailed:
		return st.taskFailed(tr.Error, tr.Cause)
	case Joined:
		return st.joined(tr.Results)
	}
	return fmt.Errorf("unknown trigger %T", t)
}

func (st *stepper) enter() error {
	st.rec.EnteredTime = st.env.Now
	st.rec.Attempt = 0
	st.rec.Retries = nil
	st.rec.TaskToken = ""
	st.rec.Phase = PhaseEnter
	st.emit(history.StateEntered(st.n.st.Type), "name", st.n.st.Name, "input", history.Payload{Value: st.rec.Input})
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
	e := history.New(typ, kv...)
	e.ID = st.env.NextEventID + int64(len(st.events))
	e.PreviousEventID = st.rec.LastEventID
	e.Timestamp = st.env.Now
	st.rec.LastEventID = e.ID
	st.events = append(st.events, e)
}

// exitTo records the state's exit and moves on with output.
func (st *stepper) exitTo(output jsonval.Value, next string) error {
	if err := checkSize(output, st.n.st.Name); err != nil {
		return err
	}
	st.emit(history.StateExited(st.n.st.Type), "name", st.n.st.Name, "output", history.Payload{Value: output})
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

// maxPayload is Step Functions' 256 KiB payload limit.
const maxPayload = 256 * 1024

func checkSize(v jsonval.Value, state string) error {
	if jsonval.SizeExceeds(v, maxPayload) {
		return &Failure{Name: asl.ErrorDataLimitExceeded, Cause: fmt.Sprintf("The state/task '%s' returned a result with a size exceeding the maximum number of bytes service limit.", state)}
	}
	return nil
}
