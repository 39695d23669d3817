package runner

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/history"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Outbox retention: the newest outboxes are kept so that a redelivered
// trigger or a history read can re-flush a commit whose flush was cut off.
const (
	maxOutboxBytes = 128 << 10
	// recordSoftLimit bounds the uncompressed state document; stores compress
	// it (DynamoDB items stop at 400 KB), and an execution whose state grows
	// past this fails instead of retrying forever.
	recordSoftLimit = 3 << 20
)

// commit writes the step as one conditional update of the execution record,
// then flushes its effects (history events, messages).
func (t *tx) commit(ctx context.Context, key string) error {
	ob := &outbox{Key: key, Events: encodeEvents(t.events), Messages: t.messages}
	t.st.Outboxes = trimOutboxes(append(t.st.Outboxes, ob), outboxRetention(len(t.st.Frames)))
	state, err := encodeState(t.st)
	if err != nil {
		return err
	}
	if len(state) > recordSoftLimit && t.ex.Status == StatusRunning {
		t.events, t.messages = nil, nil
		t.st.Outboxes = t.st.Outboxes[:len(t.st.Outboxes)-1]
		prev := t.ex.LastEventID
		t.ex.Status, t.ex.Error = StatusFailed, "States.DataLimitExceeded"
		t.ex.Cause = fmt.Sprintf("The execution state grew to %d bytes, beyond the %d-byte limit of one execution record.", len(state), recordSoftLimit)
		t.record(history.New(history.ExecutionFailed, "error", t.ex.Error, "cause", t.ex.Cause), prev)
		t.closeExecution()
		return t.commit(ctx, key)
	}
	expected := t.ex.Version
	t.ex.Version++
	t.ex.LastEventID += int64(len(t.events))
	t.ex.State = state
	if err := t.r.opts.Store.UpdateExecution(ctx, t.ex, expected); err != nil {
		return fmt.Errorf("commit execution %s: %w", t.ex.ARN, err)
	}
	if t.closed {
		t.r.opts.Metrics.ExecutionEnded(t.ex.Status, t.ex.StopDate.Sub(t.ex.StartDate))
	}
	if err := t.r.flush(ctx, t.ex.ARN, ob); err != nil {
		return err
	}
	return t.r.notifyParent(ctx, t.ex, t.st)
}

// trimOutboxes keeps the newest outboxes within the count and size bounds.
func trimOutboxes(obs []*outbox, maxOutboxes int) []*outbox {
	size := 0
	keep := len(obs)
	for i := len(obs) - 1; i >= 0; i-- {
		size += outboxSize(obs[i])
		if len(obs)-i > maxOutboxes || (size > maxOutboxBytes && i < len(obs)-1) {
			break
		}
		keep = i
	}
	return append([]*outbox(nil), obs[keep:]...)
}

func outboxSize(ob *outbox) int {
	n := 64 * len(ob.Messages)
	for _, e := range ob.Events {
		n += 96
		if e.Details != nil {
			n += jsonval.Size(e.Details.V)
		}
	}
	return n
}

// flush writes an outbox's events and sends its messages. Both are
// idempotent, so a flush may be repeated.
func (r *Runner) flush(ctx context.Context, executionARN string, ob *outbox) error {
	if len(ob.Events) > 0 {
		if err := r.opts.Store.PutEvents(ctx, executionARN, decodeEvents(ob.Events)); err != nil {
			return fmt.Errorf("write history of %s: %w", executionARN, err)
		}
	}
	for _, m := range ob.Messages {
		if err := r.opts.Queue.Send(ctx, m.Message, m.Delay); err != nil {
			return fmt.Errorf("send %s message for %s: %w", m.Message.Kind, executionARN, err)
		}
	}
	return nil
}

// outboxRetention is how many outboxes a record keeps. A commit's flush is
// redone by the redelivery of its trigger; until then other commits of the
// execution push outboxes out. A single frame sees few (timers, heartbeats);
// concurrent branches or iterations see many, so the bound grows with them.
// Every kept outbox is rewritten on each commit, which is what it costs.
func outboxRetention(frames int) int {
	if frames <= 1 {
		return 8
	}
	return 32 + frames
}
