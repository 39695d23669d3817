package inproc

import (
	"fmt"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
)

// HistoryCause is AWS's cause of an execution failed (States.Runtime) on
// the history quota.
func HistoryCause(maxEvents int) string {
	return fmt.Sprintf("The execution reached the maximum number of history events (%d).", maxEvents)
}

// full reports whether the history holds as many events as the quota
// allows: the execution cannot go on, only end successfully.
func (x *execution) full() bool { return x.last() >= int64(x.maxEvents) }

// deadline is when an execution started at start runs out of time: after
// its TimeoutSeconds or maxDuration, whichever comes first (zero: none).
func deadline(start time.Time, timeoutSeconds int64, maxDuration time.Duration) time.Time {
	var dl time.Time
	if timeoutSeconds > 0 {
		dl = start.Add(time.Duration(timeoutSeconds) * time.Second)
	}
	if maxDuration > 0 && (dl.IsZero() || start.Add(maxDuration).Before(dl)) {
		dl = start.Add(maxDuration)
	}
	return dl
}

// pastDeadline reports whether the execution has run out of time: a
// workflow that never waits (a Pass/Choice loop) is stopped here.
func (x *execution) pastDeadline() bool {
	return !x.deadline.IsZero() && x.opts.Clock.Now().After(x.deadline)
}

// failOnHistory ends the execution on the history quota: its last event
// would lie beyond it, so ExecutionFailed becomes the quota's last event.
func (x *execution) failOnHistory(out *Result) {
	x.events.truncate(x.maxEvents - 1)
	out.Status, out.Error, out.Cause = StatusFailed, asl.ErrorRuntime, HistoryCause(x.maxEvents)
	x.record(history.New(history.ExecutionFailed, "error", out.Error, "cause", out.Cause), x.last())
}
