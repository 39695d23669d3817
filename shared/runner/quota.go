package runner

import (
	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/inproc"
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

// overdue reports whether a Standard execution whose definition sets no
// TimeoutSeconds has run past Limits.StandardDuration (AWS: a year). It is
// checked whenever the execution moves, which is when it could go on.
func (t *tx) overdue() bool {
	if t.m == nil || t.m.Definition().TimeoutSeconds > 0 || t.ex.StartDate.IsZero() {
		return false
	}
	return t.now.Sub(t.ex.StartDate) > t.r.opts.Limits.StandardDuration
}
