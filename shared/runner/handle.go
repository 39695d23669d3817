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
	key := m.Frame + "@" + strconv.FormatInt(m.Version, 10) + "/" + m.Kind
	if m.Kind == queue.KindChildEnd {
		return m.Kind + "#" + m.Token + "@" + strconv.FormatInt(m.Version, 10)
	}
	if m.Kind == queue.KindChildEnds {
		return m.Kind + "#" + m.Token // an inbox report (see childends.go)
	}
	if m.Kind == queue.KindPoll {
		key += "#" + m.Token // the polls of one park commit one after another
	}
	return key
}

// Handle processes one queue message. A nil error means the message can be
// acknowledged (including stale and duplicate messages, which are dropped);
// an error means it should be delivered again.
func (r *Runner) Handle(ctx context.Context, msg queue.Message) error {
	results := map[string]task.Result{}
	err := r.retryConflicts(func() error { return r.handleOnce(ctx, []queue.Message{msg}, results) })
	// A failed message is delivered again and starts its jobs again, so
	// the jobs this try started and did not commit are stopped either way.
	r.stopOrphans(ctx, msg.Execution, results)
	return err
}

// HandleBatch processes messages of one execution, in order, and commits
// them together: one read and one write of the record for the lot rather
// than for each. It returns one error per message. When the batch fails as
// a whole, its messages are handled one by one, so that one bad message
// does not hold back the others (task results already obtained are reused).
func (r *Runner) HandleBatch(ctx context.Context, msgs []queue.Message) []error {
	errs := make([]error, len(msgs))
	results := map[string]task.Result{}
	batchable := len(msgs) > 1
	for _, m := range msgs {
		batchable = batchable && m.Kind != KindExpress && m.Execution == msgs[0].Execution
	}
	if batchable {
		err := r.retryConflicts(func() error { return r.handleOnce(ctx, msgs, results) })
		if err == nil {
			r.stopOrphans(ctx, msgs[0].Execution, results)
			return errs
		}
		r.log.Warn("batch failed; handling its messages one by one", "execution", msgs[0].Execution, "messages", len(msgs), "error", err)
	}
	for i, m := range msgs {
		if batchable {
			// The batch may have committed before it failed (a send, say):
			// handle each message as the redelivery it then is, which
			// resends what its commit queued.
			m.ReceiveCount = max(m.ReceiveCount, 2)
		}
		errs[i] = r.retryConflicts(func() error { return r.handleOnce(ctx, []queue.Message{m}, results) })
	}
	if oneExecution(msgs) { // failed messages too: their redeliveries start their jobs again
		r.stopOrphans(ctx, msgs[0].Execution, results)
	}
	return errs
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

// handleOnce applies messages of one execution to one read of its record
// and commits them in one write.
func (r *Runner) handleOnce(ctx context.Context, msgs []queue.Message, results map[string]task.Result) error {
	execution := msgs[0].Execution
	// The inbox is read before the record (see childends.go).
	ringing := rings(msgs)
	msgs, reports, err := r.expandChildEnds(ctx, msgs)
	if err != nil {
		return err
	}
	if len(msgs) == 0 { // an empty inbox: its drain died before closing it, or a duplicate ring
		return r.drainedChildEnds(ctx, execution, nil, nil)
	}
	t, err := r.load(ctx, msgs[0].Execution, results)
	if errors.Is(err, store.ErrNotFound) {
		t, err = r.awaitRecord(ctx, msgs, results)
	}
	if err != nil || t == nil {
		return err
	}
	if t.unreadable != nil {
		return t.failUnreadable(ctx)
	}
	// A batch runs its tasks concurrently: steps stop at their tasks, the
	// tasks run together, then the steps go on.
	t.deferInvokes = len(msgs) > 1
	t.prefetchChildEnds(ctx, msgs)
	owned := t.ownedChildEnds(msgs)
	for _, msg := range msgs {
		if msg.Kind == KindExpress {
			if t.ex.Status != StatusRunning {
				return nil
			}
			return r.runExpress(ctx, t.ex, t.st)
		}
		t.owner = len(t.keys)
		commit, err := t.apply(ctx, msg)
		if err != nil {
			return err
		}
		if commit {
			t.keys = append(t.keys, messageKey(msg))
		}
	}
	if err := t.runDeferred(ctx); err != nil {
		return err
	}
	if len(t.keys) > 0 {
		if err := t.commitTriggers(ctx); err != nil {
			return err
		}
	}
	// Resends wait for the commit: a lost commit race re-runs the lot.
	for _, fn := range t.later {
		if err := fn(); err != nil {
			return err
		}
	}
	if !ringing {
		return nil
	}
	return r.drainedChildEnds(ctx, execution, reports, owned)
}

// apply applies one message to the tx; commit is false when the message
// needs no commit (a duplicate, a stale or early message, a redelivery of a
// committed trigger).
func (t *tx) apply(ctx context.Context, msg queue.Message) (commit bool, err error) {
	if msg.Kind == queue.KindStopJobs {
		t.stopJobsOf(ctx, msg.Token)
		return false, nil
	}
	key := messageKey(msg)
	for _, ob := range t.st.Outboxes {
		if ob.Key != key {
			continue
		}
		// The message already triggered a commit. Only a redelivery (the
		// handler that committed may have died before sending) sends again:
		// a mere duplicate would multiply the messages downstream.
		if msg.ReceiveCount < 2 {
			return false, nil
		}
		resend := t.unconsumed(ob)
		t.later = append(t.later, func() error {
			t.r.stopJobs(ctx, t, ob.Stopping) // its message may not have left
			return t.r.send(ctx, t.ex.ARN, resend)
		})
		t.recheck(ctx)
		return false, nil
	}
	if t.ex.Status != StatusRunning {
		return false, nil
	}
	if !msg.Due.IsZero() && msg.Due.After(t.now) {
		// Not due yet (a wait beyond SQS's longest delay): send it on.
		t.later = append(t.later, func() error {
			return t.r.opts.Queue.Send(ctx, msg, min(msg.Due.Sub(t.now), queue.MaxDelay))
		})
		return false, nil
	}
	if msg.Kind == queue.KindChildEnd || msg.Kind == queue.KindChildEnds {
		if t.overdue() {
			t.timeOut()
			return true, nil
		}
		return t.childEnded(ctx, reportToken(msg))
	}
	rootTimer := msg.Frame == "" && msg.Kind == queue.KindTimeout
	if t.overdue() || (rootTimer && !t.staleTimeout(msg)) {
		t.timeOut()
		return true, nil
	}
	if rootTimer {
		return false, nil
	}
	f, ok := t.st.Frames[msg.Frame]
	if !ok || f.Version != msg.Version || t.waitingForTask(f) {
		return false, nil // stale or duplicate
	}
	done, err := t.dispatch(ctx, f, msg)
	return err == nil && !done, err
}

// staleTimeout reports whether an execution timer belongs to another start
// under the same name: one that lost the race for the name, or died before
// its record, after sending its messages (see Start). Its due time is not
// this execution's deadline.
func (t *tx) staleTimeout(msg queue.Message) bool {
	deadline, _, ok := t.deadline()
	return ok && msg.Due.Before(deadline.Add(-time.Second))
}

// dispatch applies a message to its frame; done means nothing to commit.
func (t *tx) dispatch(ctx context.Context, f *frame, msg queue.Message) (bool, error) {
	switch msg.Kind {
	case queue.KindStep:
		if f.Fork != nil && f.Fork.Joining {
			return false, t.join(ctx, f)
		}
		if f.Redo != nil && f.Fork == nil {
			return false, t.resumeFork(ctx, f, f.Redo.Fork)
		}
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
			t.later = append(t.later, func() error {
				return t.r.opts.Queue.Send(ctx, m, min(f.HeartbeatDue.Sub(t.now), queue.MaxDelay))
			})
			return true, nil
		}
		return false, t.resume(ctx, f, interp.TaskFailed{Error: "States.HeartbeatTimeout"})
	case queue.KindPoll:
		return t.poll(ctx, f, msg)
	}
	return true, fmt.Errorf("unknown message kind %q", msg.Kind)
}

// load reads an execution and prepares a tx over it.
func (r *Runner) load(ctx context.Context, executionARN string, results map[string]task.Result) (*tx, error) {
	ex, err := r.opts.Store.GetExecution(ctx, executionARN)
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	if results == nil {
		results = map[string]task.Result{}
	}
	st, err := decodeState(ex.State)
	if err != nil && len(ex.State) > 0 {
		return r.salvage(ctx, ex, results, err)
	}
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	t := &tx{r: r, ex: ex, st: st, now: r.opts.Clock.Now(), results: results, jobs: runningJobs(st)}
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

// unconsumed narrows an outbox for a resend to the messages whose target
// has not moved on: the others were delivered already, and re-sending them
// would only multiply duplicates.
func (t *tx) unconsumed(ob *outbox) *outbox {
	out := &outbox{Key: ob.Key}
	for _, m := range ob.Messages {
		if m.Message.Kind == queue.KindStopJobs {
			continue // sent once; a redelivered trigger stops its jobs itself
		}
		if m.Message.Frame == "" {
			if t.ex.Status == StatusRunning {
				out.Messages = append(out.Messages, m)
			}
			continue
		}
		if f, ok := t.st.Frames[m.Message.Frame]; ok && f.Version == m.Message.Version &&
			(m.Message.Kind != queue.KindPoll || currentPoll(f, m.Message)) {
			out.Messages = append(out.Messages, m)
		}
	}
	return out
}
