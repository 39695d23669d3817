package runner

import (
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/inproc"
	"github.com/stepwise/stepwise/shared/queue"
)

// enforceHistoryQuota applies AWS's history quota to the commit: an
// execution records at most Limits.HistoryEvents events, and the last may
// only be the one that ends it. When the commit's events go past that,
// those beyond the quota's last but one are dropped, with the messages
// that would carry the execution on, and ExecutionFailed (States.Runtime)
// becomes the last event.
func (t *tx) enforceHistoryQuota() {
	limit := int64(t.r.opts.Limits.HistoryEvents)
	total := t.ex.LastEventID + int64(len(t.events))
	if total < limit || (total == limit && t.closed) {
		return
	}
	keep := max(limit-1-t.ex.LastEventID, 0)
	t.events = t.events[:keep]
	t.messages, t.owners = nil, nil
	t.ex.Status, t.ex.Output = StatusFailed, ""
	t.ex.Error, t.ex.Cause = asl.ErrorRuntime, inproc.HistoryCause(int(limit))
	t.record(history.New(history.ExecutionFailed, "error", t.ex.Error, "cause", t.ex.Cause), t.ex.LastEventID+keep)
	t.closeExecution()
}

// deadline is when the execution runs out of time: its definition's
// TimeoutSeconds from its start or last redrive, or Limits.StandardDuration
// (AWS: a year) from its start, whichever comes first; byDefinition tells which. ok is false when it cannot be told (no
// machine loaded, no start date).
func (t *tx) deadline() (deadline time.Time, byDefinition, ok bool) {
	if t.m == nil || t.ex.StartDate.IsZero() {
		return time.Time{}, false, false
	}
	deadline = t.ex.StartDate.Add(t.r.opts.Limits.StandardDuration)
	if secs := t.m.Definition().TimeoutSeconds; secs > 0 {
		from := t.ex.StartDate
		if t.st.RedriveDate.After(from) {
			from = t.st.RedriveDate
		}
		if own := from.Add(time.Duration(secs) * time.Second); !own.After(deadline) {
			return own, true, true
		}
	}
	return deadline, false, true
}

// overdue reports whether the execution has run past its deadline; it is
// checked whenever the execution moves.
func (t *tx) overdue() bool {
	dl, _, ok := t.deadline()
	return ok && t.now.After(dl)
}

// never is a time after every deadline.
var never = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// timeOutBefore schedules the execution's timeout when it is about to
// sleep past its deadline, so that a long Wait or back-off ends the
// execution at the deadline rather than when it wakes.
func (t *tx) timeOutBefore(until time.Time) {
	dl, byDefinition, ok := t.deadline()
	if !ok || byDefinition || !until.After(dl) {
		return // its timer was sent at the start, or the sleep ends before
	}
	t.queue(outMessage{
		Message: queue.Message{Execution: t.ex.ARN, Kind: queue.KindTimeout, Due: dl},
		Delay:   min(max(dl.Sub(t.now), 0), queue.MaxDelay),
	})
}
