package inproc

import (
	"context"
	"time"

	"github.com/stepwise/stepwise/shared/task"
)

// jobStopTimeout bounds the call that stops a job left behind.
const jobStopTimeout = 10 * time.Second

// await polls the job of a .sync task (a result with Poll) until it ends,
// sleeping on the clock between polls. A job that outlives the state's
// TimeoutSeconds, the execution's deadline or the run itself (an
// interrupted `stepwise run`) is stopped, as Step Functions stops it;
// halted reports the execution's deadline.
func (x *execution) await(ctx context.Context, req task.Request, res task.Result) (out task.Result, halted bool, err error) {
	var stateDeadline time.Time
	if req.TimeoutSeconds > 0 {
		stateDeadline = x.opts.Clock.Now().Add(time.Duration(req.TimeoutSeconds) * time.Second)
	}
	for res.Poll != nil {
		job, next := res.Poll.Job, x.opts.Clock.Now().Add(res.Poll.After)
		executionFirst := !x.deadline.IsZero() && x.deadline.Before(next) &&
			(stateDeadline.IsZero() || !stateDeadline.Before(x.deadline))
		switch {
		case executionFirst:
			err := x.opts.Clock.SleepUntil(ctx, x.deadline)
			x.stopJob(ctx, req, job)
			return task.Result{}, err == nil, err
		case !stateDeadline.IsZero() && stateDeadline.Before(next):
			if err := x.opts.Clock.SleepUntil(ctx, stateDeadline); err != nil {
				x.stopJob(ctx, req, job)
				return task.Result{}, false, err
			}
			x.stopJob(ctx, req, job)
			return task.Failure("States.Timeout", ""), false, nil
		}
		if err := x.opts.Clock.SleepUntil(ctx, next); err != nil {
			x.stopJob(ctx, req, job)
			return task.Result{}, false, err
		}
		poll := req
		poll.Job = job
		if res, err = x.opts.Invoker.Invoke(ctx, poll); err != nil {
			x.stopJob(ctx, req, job)
			return task.Result{}, false, err
		}
	}
	return res, false, nil
}

// stopJob stops a job, best effort, even when ctx is done.
func (x *execution) stopJob(ctx context.Context, req task.Request, job any) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), jobStopTimeout)
	defer cancel()
	req.Job, req.Cancel = job, true
	_, _ = x.opts.Invoker.Invoke(ctx, req)
}
