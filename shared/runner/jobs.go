package runner

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/parallel"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/task"
)

// A .sync task runs a job (a query, a build, a container task) that the
// runner polls with delayed messages: no stepper waits for it. The frame
// stays parked on its task token; each poll that finds the job running
// commits the next poll's number, so that a duplicate or late poll
// message finds another number and is dropped. A job whose frame goes away
// any other way than by its outcome (the execution stopped or timed out,
// the state timed out, a sibling branch failed) is stopped after the
// commit that took the frame off it.

// jobState is the job a parked frame polls.
type jobState struct {
	Resource    string `json:"resource"`
	State       string `json:"state"`
	Handle      jv     `json:"handle"`
	Started     jv     `json:"started"` // the handle the start gave (see stopOrphans)
	Seq         int    `json:"seq"`
	Credentials *jv    `json:"credentials,omitempty"`
}

// jobStopTimeout bounds the call that stops an abandoned job.
const jobStopTimeout = 10 * time.Second

// startPolling makes a parked frame poll the job its task started.
func (t *tx) startPolling(f *frame, tk interp.Task, p *task.Poll) {
	f.Job = &jobState{Resource: tk.Resource, State: tk.State, Handle: jv{p.Job}, Started: jv{p.Job}, Seq: 1}
	if tk.Credentials != nil {
		f.Job.Credentials = &jv{tk.Credentials}
	}
	t.sendPoll(f, p.After)
}

func (t *tx) sendPoll(f *frame, after time.Duration) {
	after = max(after, 0)
	m := queue.Message{Execution: t.ex.ARN, Frame: f.ID, Version: f.Version, Kind: queue.KindPoll,
		Token: strconv.Itoa(f.Job.Seq), Due: t.now.Add(after)}
	t.queue(outMessage{Message: m, Delay: min(after, queue.MaxDelay)})
}

// currentPoll reports whether a poll message is the one f waits for.
func currentPoll(f *frame, msg queue.Message) bool {
	return f.Job != nil && f.Token != "" && msg.Token == strconv.Itoa(f.Job.Seq)
}

// poll looks at a frame's job: a running one is polled again later, an
// ended one resumes the frame with its outcome. done means nothing to
// commit (a stale poll).
func (t *tx) poll(ctx context.Context, f *frame, msg queue.Message) (bool, error) {
	if !currentPoll(f, msg) {
		return true, nil
	}
	key := "poll:" + f.ID + "#" + msg.Token
	res, ok := t.results[key]
	if !ok {
		var err error
		if res, err = t.r.invoker().Invoke(ctx, t.jobRequest(f.Job, f.Token, false)); err != nil {
			return true, fmt.Errorf("poll %s: %w", f.Job.Resource, err)
		}
		t.results[key] = res
	}
	if res.Poll != nil {
		f.Job.Handle, f.Job.Seq = jv{res.Poll.Job}, f.Job.Seq+1
		t.sendPoll(f, res.Poll.After)
		return false, nil
	}
	delete(t.jobs, f.ID) // ended: nothing to stop
	return false, t.resume(ctx, f, resultTrigger(res))
}

func (t *tx) jobRequest(j *jobState, token string, cancel bool) task.Request {
	req := task.Request{ExecutionARN: t.ex.ARN, StateMachine: t.st.SMName, State: j.State, Resource: j.Resource,
		TaskToken: token, TestCase: t.st.TestCase, Job: j.Handle.V, Cancel: cancel}
	if j.Credentials != nil {
		req.Credentials = j.Credentials.V
	}
	return req
}

// runningJobs are the jobs the loaded record's frames poll, by frame.
func runningJobs(st *execState) map[string]*jobState {
	var jobs map[string]*jobState
	for id, f := range st.Frames {
		if f.Job != nil {
			if jobs == nil {
				jobs = map[string]*jobState{}
			}
			jobs[id] = f.Job
		}
	}
	return jobs
}

// noteAbandoned files, with the outbox of the commit about to be made, the
// jobs whose frames this tx took off them without their outcome, and
// queues the message that makes a stepper stop them once the commit has
// succeeded: stopping them before it could let a concurrent poll see its
// job cancelled and fail the task that the commit ends otherwise, and the
// stepper (not the API, which StopExecution commits from) holds the
// permissions to call the services. A redelivered trigger stops them
// itself; a StopExecution retried on the stopped execution sends the
// message again.
func (t *tx) noteAbandoned(ob *outbox) {
	ob.Stopping = nil
	for id, j := range t.jobs {
		if f, ok := t.st.Frames[id]; !ok || f.Job != j {
			ob.Stopping = append(ob.Stopping, j)
		}
	}
	if len(ob.Stopping) > 0 {
		ob.Messages = append(ob.Messages, outMessage{Message: stopJobsMessage(t.ex.ARN, ob.Key)})
	}
}

func stopJobsMessage(executionARN, key string) queue.Message {
	return queue.Message{Execution: executionARN, Kind: queue.KindStopJobs, Token: key}
}

// stopJobsOf stops, after this tx, the jobs that the commit of trigger
// key abandoned (none when its outbox is gone: older than the recent
// commits kept).
func (t *tx) stopJobsOf(ctx context.Context, key string) {
	for _, ob := range t.st.Outboxes {
		if ob.Key == key && len(ob.Stopping) > 0 {
			jobs := ob.Stopping
			t.later = append(t.later, func() error { t.r.stopJobs(ctx, t, jobs); return nil })
		}
	}
}

// resendStopJobs sends again the stop message of the last commit that
// abandoned jobs.
func (t *tx) resendStopJobs(ctx context.Context) error {
	for i := len(t.st.Outboxes) - 1; i >= 0; i-- {
		if ob := t.st.Outboxes[i]; len(ob.Stopping) > 0 {
			return t.r.opts.Queue.Send(ctx, stopJobsMessage(t.ex.ARN, ob.Key), 0)
		}
	}
	return nil
}

// stopJobs stops jobs, best effort as in AWS: a failure is logged.
func (r *Runner) stopJobs(ctx context.Context, t *tx, jobs []*jobState) {
	parallel.Do(len(jobs), func(i int) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobStopTimeout)
		defer cancel()
		if _, err := r.invoker().Invoke(ctx, t.jobRequest(jobs[i], "", true)); err != nil {
			r.log.Warn("could not stop the job of an abandoned task", "execution", t.ex.ARN,
				"resource", jobs[i].Resource, "job", jsonval.String(jobs[i].Handle.V), "error", err)
		}
	})
}
