package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// KindExpress runs an asynchronous Express execution in one invocation.
const KindExpress = "express"

// messageKey identifies the commit a message triggers.
func messageKey(m queue.Message) string {
	return m.Frame + "@" + strconv.FormatInt(m.Version, 10) + "/" + m.Kind
}

// Handle processes one queue message. A nil error means the message can be
// acknowledged (including stale and duplicate messages, which are dropped);
// an error means it should be delivered again.
func (r *Runner) Handle(ctx context.Context, msg queue.Message) error {
	results := map[string]task.Result{}
	return r.retryConflicts(func() error { return r.handleOnce(ctx, msg, results) })
}

// retryConflicts re-runs fn while it loses optimistic-concurrency races.
// Losers back off for a random while, so that many steppers of one
// execution (a wide Map) stop colliding; a failed conditional write costs
// as much as a successful one.
func (r *Runner) retryConflicts(fn func() error) error {
	var err error
	for i := 0; i < r.opts.MaxCommitRetries; i++ {
		if err = fn(); !errors.Is(err, store.ErrConflict) {
			return err
		}
		if r.opts.ConflictBackoff > 0 {
			limit := r.opts.ConflictBackoff << min(i, 6)
			time.Sleep(time.Duration(r.opts.Random() * float64(limit)))
		}
	}
	return err
}

func (r *Runner) handleOnce(ctx context.Context, msg queue.Message, results map[string]task.Result) error {
	t, err := r.load(ctx, msg.Execution, results)
	if errors.Is(err, store.ErrNotFound) {
		r.log.Warn("message for unknown execution dropped", "execution", msg.Execution)
		return nil
	}
	if err != nil {
		return err
	}
	key := messageKey(msg)
	for _, ob := range t.st.Outboxes {
		if ob.Key != key {
			continue
		}
		// The message already triggered a commit. Only a redelivery (the
		// handler that committed may have died before its flush) re-flushes:
		// a mere duplicate would multiply the messages downstream.
		if msg.ReceiveCount < 2 {
			return nil
		}
		if err := r.flush(ctx, t.ex.ARN, t.unconsumed(ob)); err != nil {
			return err
		}
		return r.notifyParent(ctx, t.ex, t.st)
	}
	if t.ex.Status != StatusRunning {
		return nil
	}
	if msg.Kind == KindExpress {
		return r.runExpress(ctx, t.ex, t.st)
	}
	if !msg.Due.IsZero() && msg.Due.After(t.now) {
		return r.opts.Queue.Send(ctx, msg, min(msg.Due.Sub(t.now), queue.MaxDelay))
	}
	if msg.Frame == "" && msg.Kind == queue.KindTimeout {
		t.timeOut()
		return t.commit(ctx, key)
	}
	f, ok := t.st.Frames[msg.Frame]
	if !ok || f.Version != msg.Version {
		return nil // stale or duplicate
	}
	done, err := t.dispatch(ctx, f, msg)
	if err != nil || done {
		return err
	}
	return t.commit(ctx, key)
}

// dispatch applies a message to its frame; done means nothing to commit.
func (t *tx) dispatch(ctx context.Context, f *frame, msg queue.Message) (bool, error) {
	switch msg.Kind {
	case queue.KindStep:
		return false, t.step(ctx, f, interp.Enter{})
	case queue.KindWake:
		return false, t.step(ctx, f, interp.Wake{})
	case queue.KindTimeout:
		if f.Token == "" || f.TaskDeadline.After(t.now) {
			return true, nil
		}
		return false, t.resume(ctx, f, interp.TaskFailed{Error: "States.Timeout"})
	case queue.KindHeartbeat:
		if f.Token == "" {
			return true, nil
		}
		if f.HeartbeatDue.After(t.now) {
			// A heartbeat moved the deadline: wait for the new one.
			m := msg
			m.Due = f.HeartbeatDue
			return true, t.r.opts.Queue.Send(ctx, m, min(f.HeartbeatDue.Sub(t.now), queue.MaxDelay))
		}
		return false, t.resume(ctx, f, interp.TaskFailed{Error: "States.HeartbeatTimeout"})
	}
	return true, fmt.Errorf("unknown message kind %q", msg.Kind)
}

// load reads an execution and prepares a tx over it.
func (r *Runner) load(ctx context.Context, executionARN string, results map[string]task.Result) (*tx, error) {
	ex, err := r.opts.Store.GetExecution(ctx, executionARN)
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	st, err := decodeState(ex.State)
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	t := &tx{r: r, ex: ex, st: st, now: r.opts.Clock.Now(), results: results}
	if ex.Status == StatusRunning && st.DefinitionKey != "" {
		if t.m, err = r.machineByKey(ctx, st.DefinitionKey); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (r *Runner) invoker() task.Invoker {
	if r.opts.Invoker == nil {
		return task.Unconfigured{}
	}
	return r.opts.Invoker
}

// unconsumed narrows an outbox for a re-flush to the messages whose target
// has not moved on: the others were delivered already, and re-sending them
// would only multiply duplicates.
func (t *tx) unconsumed(ob *outbox) *outbox {
	out := &outbox{Key: ob.Key, Events: ob.Events}
	for _, m := range ob.Messages {
		if m.Message.Frame == "" {
			if t.ex.Status == StatusRunning {
				out.Messages = append(out.Messages, m)
			}
			continue
		}
		if f, ok := t.st.Frames[m.Message.Frame]; ok && f.Version == m.Message.Version {
			out.Messages = append(out.Messages, m)
		}
	}
	return out
}
