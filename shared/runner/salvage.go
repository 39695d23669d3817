package runner

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// salvage prepares a tx over an execution whose stored state cannot be
// decoded (written before the depth quota existed, or damaged): the state
// is replaced by an empty one and the history is cut to the events
// written as history items (those pending in the state are lost with it).
// A step then fails the execution, and Stop, Describe and History still
// answer, rather than the execution's messages failing for ever.
func (r *Runner) salvage(ctx context.Context, ex store.Execution, results map[string]task.Result, cause error) (*tx, error) {
	evs, err := r.writtenEvents(ctx, ex)
	if err != nil {
		return nil, err
	}
	r.log.Error("execution state cannot be decoded", "execution", ex.ARN, "error", cause)
	ex.LastEventID = int64(len(evs))
	st := &execState{Frames: map[string]*frame{}}
	return &tx{r: r, ex: ex, st: st, now: r.opts.Clock.Now(), results: results, unreadable: cause}, nil
}

// writtenEvents returns the contiguous events written as history items.
func (r *Runner) writtenEvents(ctx context.Context, ex store.Execution) ([]history.Event, error) {
	if ex.LastEventID == 0 {
		return nil, nil
	}
	evs, err := r.opts.Store.GetEvents(ctx, ex.ARN, 1, ex.LastEventID)
	if err != nil {
		return nil, fmt.Errorf("read history of %s: %w", ex.ARN, err)
	}
	for i, e := range evs {
		if e.ID != int64(i+1) {
			return evs[:i], nil
		}
	}
	return evs, nil
}

// failUnreadable fails a running execution whose state cannot be decoded
// with States.Runtime; the message that found it is then acknowledged.
func (t *tx) failUnreadable(ctx context.Context) error {
	if t.ex.Status != StatusRunning {
		return nil
	}
	t.ex.Status, t.ex.Error = StatusFailed, asl.ErrorRuntime
	t.ex.Cause = fmt.Sprintf("The execution's stored state could not be read back: %v", t.unreadable)
	t.record(history.New(history.ExecutionFailed, "error", t.ex.Error, "cause", t.ex.Cause), t.ex.LastEventID)
	t.closeExecution()
	return t.commit(ctx, "unreadable")
}

// maxStoredDepth is the deepest nesting Go's JSON decoder reads back.
const maxStoredDepth = 10_000

// unstorableError is a state the runner must not store: the execution
// fails with name and cause instead.
type unstorableError struct{ name, cause string }

func (e *unstorableError) Error() string { return e.name + ": " + e.cause }
