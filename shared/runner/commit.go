package runner

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

const (
	// recordSoftLimit bounds the uncompressed state document; stores compress
	// it (DynamoDB items stop at 400 KB), and an execution whose state grows
	// past this fails instead of retrying forever.
	recordSoftLimit = 3 << 20
	// recentOutboxes are kept even when all their messages were consumed:
	// they tell a duplicate trigger (a callback retried, say) that its
	// commit happened.
	recentOutboxes = 8
	// Pending events are written as history items once they pass either
	// bound. The record carries them until then, so the bounds trade the
	// write of a batch against the larger record every step rewrites.
	pendingBytes  = 4 << 10
	pendingEvents = 40
	// spillLimit bounds the encoded state a commit writes as it is: beyond
	// it, the step's events and large frame records move to payload items,
	// so that incompressible data (a base64 blob in a 256 KB input) still
	// fits a DynamoDB item beside the execution's output.
	spillLimit = 64 << 10
)

// commit commits the step of one trigger, key.
func (t *tx) commit(ctx context.Context, key string) error {
	t.keys = append(t.keys, key)
	return t.commitTriggers(ctx)
}

// commitTriggers writes the steps of the triggers in t.keys as one
// conditional update of the execution record, then sends their messages.
// The steps' events join the record's pending events; when those are due,
// they are written as history items first (they were committed by earlier
// steps, so every attempt of this commit writes the same items).
func (t *tx) commitTriggers(ctx context.Context) error {
	if t.ex.Status == StatusRunning || t.closed {
		t.enforceHistoryQuota()
	}
	obs := t.outboxes()
	if pendingDue(t.st.Pending) {
		evs, err := t.r.pendingEvents(ctx, t.st.Pending)
		if err != nil {
			return err
		}
		if err := t.r.opts.Store.PutEvents(ctx, t.ex.ARN, evs); err != nil {
			return fmt.Errorf("write history of %s: %w", t.ex.ARN, err)
		}
		t.st.Pending = nil
	}
	pending, outboxes := t.st.Pending, t.st.Outboxes
	t.noteAbandoned(obs[len(obs)-1])
	t.st.Outboxes = t.retain(append(outboxes[:len(outboxes):len(outboxes)], obs...))
	state, err := t.encode(ctx, encodeEvents(t.events))
	var unstorable *unstorableError
	switch {
	case err != nil && !errors.As(err, &unstorable):
		return err
	case unstorable == nil && len(state) > recordSoftLimit:
		unstorable = &unstorableError{name: "States.DataLimitExceeded",
			cause: fmt.Sprintf("The execution state grew to %d bytes, beyond the %d-byte limit of one execution record.", len(state), recordSoftLimit)}
	}
	if unstorable != nil && t.ex.Status == StatusRunning {
		// Failing beats a record that cannot be written or read back: its
		// messages would fail on every delivery.
		t.st.Pending, t.st.Outboxes = pending, outboxes
		t.events, t.messages, t.owners, t.keys, t.owner = nil, nil, nil, nil, 0
		prev := t.ex.LastEventID
		t.ex.Status, t.ex.Error, t.ex.Cause = StatusFailed, unstorable.name, unstorable.cause
		t.record(history.New(history.ExecutionFailed, "error", t.ex.Error, "cause", t.ex.Cause), prev)
		t.closeExecution()
		t.st.RedriveFrame = nil // it holds what could not be stored
		return t.commit(ctx, "limit")
	}
	if err != nil {
		return err
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
	for _, ob := range obs {
		if err := t.r.send(ctx, t.ex.ARN, ob); err != nil {
			return err
		}
	}
	if err := t.stopMapChildren(ctx); err != nil {
		return err
	}
	if err := t.r.checkChildren(ctx, t.parkedOnChildren); err != nil {
		return err
	}
	if err := t.checkSlots(ctx, t.startedSlots); err != nil {
		return err
	}
	return t.r.notifyParent(ctx, t.ex, t.st, 0)
}

// encode adds a step's events to the pending ones and encodes the state,
// spilling large parts to payload items when it is larger than
// spillLimit.
func (t *tx) encode(ctx context.Context, stepEvents []eventJSON) ([]byte, error) {
	pending := t.st.Pending
	t.st.Pending = append(pending[:len(pending):len(pending)], stepEvents...)
	state, err := encodeState(t.st)
	if err != nil {
		return nil, &unstorableError{name: asl.ErrorRuntime, cause: fmt.Sprintf("The execution state could not be stored: %v", err)}
	}
	if d := jsonval.TextDepth(state); d > maxStoredDepth {
		return nil, &unstorableError{name: asl.ErrorRuntime,
			cause: fmt.Sprintf("The execution state could not be stored: it nests %d levels deep, beyond the %d levels it can be read back with.", d, maxStoredDepth)}
	}
	if len(state) <= spillLimit {
		return state, nil
	}
	if eventsSize(stepEvents) > pendingBytes {
		refs, err := t.spill(ctx, stepEvents)
		if err != nil {
			return nil, err
		}
		t.st.Pending = append(pending[:len(pending):len(pending)], refs...)
	}
	for _, f := range t.st.Frames {
		if err := t.stash(ctx, f); err != nil {
			return nil, err
		}
	}
	return encodeState(t.st)
}

// spillChunk bounds the events of one spilled payload item (an event
// holds at most a 256 KB payload).
const spillChunk = 256 << 10

// spill writes a step's events to payload items of up to spillChunk,
// each named by its content (every attempt of the commit writes the same
// items; a losing attempt's are never referenced), and returns the
// pending entries that refer to them.
func (t *tx) spill(ctx context.Context, evs []eventJSON) ([]eventJSON, error) {
	var refs []eventJSON
	for len(evs) > 0 {
		n, size := 1, eventsSize(evs[:1])
		for n < len(evs) && size+eventsSize(evs[n:n+1]) <= spillChunk {
			size += eventsSize(evs[n : n+1])
			n++
		}
		data, err := json.Marshal(evs[:n])
		if err != nil {
			return nil, fmt.Errorf("encode events: %w", err)
		}
		key := contentKey("evs#", data)
		if err := t.r.opts.Store.PutPayload(ctx, key, data); err != nil {
			return nil, fmt.Errorf("spill events of %s: %w", t.ex.ARN, err)
		}
		refs = append(refs, eventJSON{ID: evs[0].ID, Time: evs[0].Time, Spill: key, N: n})
		evs = evs[n:]
	}
	return refs, nil
}

// pendingEvents decodes pending events, reading spilled ones back.
func (r *Runner) pendingEvents(ctx context.Context, pending []eventJSON) ([]history.Event, error) {
	var all []eventJSON
	for _, e := range pending {
		if e.Spill == "" {
			all = append(all, e)
			continue
		}
		data, err := r.payload(ctx, e.Spill)
		if err != nil {
			return nil, fmt.Errorf("load spilled events %s: %w", e.Spill, err)
		}
		var evs []eventJSON
		if err := json.Unmarshal(data, &evs); err != nil {
			return nil, fmt.Errorf("decode spilled events %s: %w", e.Spill, err)
		}
		all = append(all, evs...)
	}
	return decodeEvents(all), nil
}

// eventsSize estimates the encoded size of events.
func eventsSize(evs []eventJSON) int {
	size := 0
	for _, e := range evs {
		size += 96
		if e.Details != nil {
			size += jsonval.Size(e.Details.V)
		}
	}
	return size
}

// pendingDue reports whether pending events are to be written as history
// items before the next commit. It depends on the events alone, so that
// racing commits of one record version agree and write identical items.
func pendingDue(pending []eventJSON) bool {
	if len(pending) >= pendingEvents {
		return true
	}
	for _, e := range pending {
		if e.Spill != "" {
			return true
		}
	}
	return eventsSize(pending) >= pendingBytes
}

// retain keeps the recent outboxes, and older ones while they hold
// messages that may still matter (narrowed to those): an outbox is resent
// when its trigger is redelivered after a crash cut its sending short, so it
// must outlive its messages' delivery however many commits come between.
func (t *tx) retain(obs []*outbox) []*outbox {
	var out []*outbox
	for i, ob := range obs {
		if len(obs)-i <= recentOutboxes {
			out = append(out, ob)
			continue
		}
		if u := t.unconsumed(ob); len(u.Messages) > 0 {
			out = append(out, u)
		}
	}
	return out
}

// send sends an outbox's messages. Sending is idempotent for the runner
// (duplicates are dropped), so an outbox may be sent again.
func (r *Runner) send(ctx context.Context, executionARN string, ob *outbox) error {
	for _, m := range ob.Messages {
		if err := r.opts.Queue.Send(ctx, m.Message, m.Delay); err != nil {
			return fmt.Errorf("send %s message for %s: %w", m.Message.Kind, executionARN, err)
		}
	}
	return nil
}
