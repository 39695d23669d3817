package interp

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// forkInput is the input handed to branches or the Map's items source:
// InputPath then Parameters (JSONPath), or Arguments (JSONata).
func (st *stepper) forkInput() (jsonval.Value, error) {
	if st.n.jsonata {
		return st.argumentsStage()
	}
	eff, err := st.inputStage()
	if err != nil {
		return nil, err
	}
	if st.n.st.Type == asl.TypeMap {
		return eff, nil
	}
	return st.parametersStage(eff)
}

// parallelEnter starts every branch with the same input.
func (st *stepper) parallelEnter() error {
	input, err := st.forkInput()
	if err != nil {
		return err
	}
	if err := st.checkFanOut(len(st.n.branches), false); err != nil {
		return err
	}
	st.emit(history.ParallelStateStarted)
	outer := st.rec.Vars.Flatten()
	children := make([]Child, len(st.n.branches))
	for i, id := range st.n.branches {
		rec, err := st.m.StartRecord(id, input, Vars{Outer: outer})
		if err != nil {
			return err
		}
		rec.LastEventID = st.rec.LastEventID
		children[i] = Child{Record: rec, Index: i}
	}
	st.rec.Phase = PhaseForked
	st.action = Fork{Children: children, ToleratedFailures: -1}
	return nil
}

// reenter re-runs a Parallel or Map after a retry back-off.
func (st *stepper) reenter() error {
	if st.n.st.Type == asl.TypeParallel {
		return st.parallelEnter()
	}
	return st.mapEnter()
}

// joined finishes a Parallel or Map once its children are done.
func (st *stepper) joined(j Joined) error {
	results := j.Results
	if st.rec.Phase != PhaseForked {
		return runtimeFailure("children joined in phase %d", st.rec.Phase)
	}
	if st.n.st.Type == asl.TypeMap {
		return st.mapJoined(j)
	}
	out := make([]any, len(results))
	for i, r := range results {
		if r.Failed {
			st.emit(history.ParallelStateFailed)
			return &Failure{Name: r.Error, Cause: r.Cause}
		}
		out[i] = r.Output
	}
	st.emit(history.ParallelStateSucceeded)
	return st.finishResult(out)
}

// finishResult applies ResultSelector (JSONPath) and the common tail.
func (st *stepper) finishResult(result jsonval.Value) error {
	if st.n.jsonata {
		return st.finish(result, result, st.next())
	}
	sel, err := st.resultSelectorStage(result)
	if err != nil {
		return err
	}
	return st.finish(sel, nil, st.next())
}

// checkFanOut fails a Map or Parallel that would start more children than
// the fan-out quota allows, before it builds them: each child records at
// least two events, so such a state could not finish within the history
// quota, and building a million children first would only cost memory.
func (st *stepper) checkFanOut(n int, distributed bool) error {
	l := st.env.Limits.Resolve()
	limit := l.ForkChildren
	if distributed {
		// A map run's children add no events to this history; its items
		// are held in memory as an ItemReader's are.
		limit = l.ReaderItems
	}
	if n > limit {
		return runtimeFailure("The state would start %d iterations or branches, more than the maximum of %d.", n, limit)
	}
	return nil
}
