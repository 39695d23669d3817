package runner

import (
	"context"
	"strings"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/task"
)

// A duplicate step message handled at the same time as its original (or a
// step whose commit lost a race and then found its message consumed)
// starts a job that no frame records: a service without an idempotency
// token (Glue, Batch) started a second job. The runner remembers the jobs
// its tasks started, beside their results, and once the message is
// handled, or has failed (its redelivery starts them again), it stops
// those that the committed record does not know.

// startedPrefix keys the started jobs in a handler's results map.
const startedPrefix = "\x00started:"

// rememberStart notes a .sync job a task attempt started.
func rememberStart(results map[string]task.Result, key string, tk interp.Task, res task.Result) {
	// A deduplicated start (an idempotency token) is never an orphan: the
	// attempt's redelivery gets this very job back, which a stop would
	// have cancelled under it.
	if res.Poll == nil || res.Poll.Deduplicated {
		return
	}
	job := jsonval.NewObject(3)
	job.Set("resource", tk.Resource)
	job.Set("state", tk.State)
	job.Set("handle", res.Poll.Job)
	results[startedPrefix+key] = task.Result{Output: job}
}

// stopOrphans stops the jobs started while handling a message that the
// execution's record does not hold. It is best effort: a failure to look
// is logged.
func (r *Runner) stopOrphans(ctx context.Context, executionARN string, results map[string]task.Result) {
	var started []*jsonval.Object
	for k, res := range results {
		if job, ok := res.Output.(*jsonval.Object); ok && strings.HasPrefix(k, startedPrefix) {
			started = append(started, job)
		}
	}
	if len(started) == 0 {
		return
	}
	t, err := r.load(ctx, executionARN, nil)
	if err != nil {
		r.log.Warn("could not look for orphaned jobs", "execution", executionARN, "error", err)
		return
	}
	var known []*jobState
	for _, ob := range t.st.Outboxes {
		known = append(known, ob.Stopping...)
	}
	for _, f := range t.st.Frames {
		if f.Job != nil {
			known = append(known, f.Job)
		}
	}
	var orphans []*jobState
	for _, job := range started {
		j := &jobState{Resource: get(job, "resource").(string), State: get(job, "state").(string), Handle: jv{get(job, "handle")}}
		if !recorded(j, known) {
			orphans = append(orphans, j)
		}
	}
	r.stopJobs(ctx, t, orphans)
}

func oneExecution(msgs []queue.Message) bool {
	for _, m := range msgs {
		if m.Execution != msgs[0].Execution || m.Kind == KindExpress {
			return false
		}
	}
	return true
}

// recorded reports whether a started job is one of known, by the handle
// it started with.
func recorded(j *jobState, known []*jobState) bool {
	for _, k := range known {
		if k.Resource == j.Resource && jsonval.Equal(k.Started.V, j.Handle.V) {
			return true
		}
	}
	return false
}
