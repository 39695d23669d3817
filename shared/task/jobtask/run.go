package jobtask

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// errTaskFailed is how a job that ended badly fails its task.
const errTaskFailed = "States.TaskFailed"

// start calls the action; a .sync one hands back its job to poll.
func (i *Invoker) start(ctx context.Context, svc *service, act *action, pattern string, req task.Request, params *jsonval.Object) task.Result {
	if act.token != "" && req.AttemptID != "" && !params.Has(act.token) {
		params = params.Clone()
		params.Set(act.token, attemptToken(req.AttemptID, act.tokenLen))
	}
	resp, err := i.calls.Call(ctx, svc.sdk, act.sdk, params)
	if err != nil {
		return i.failure(svc, req, err)
	}
	out, _ := resp.Value.(*jsonval.Object)
	if out == nil {
		out = jsonval.NewObject(0)
	}
	if act.refused != nil && pattern != "" {
		if fail := act.refused(out); fail != nil {
			return task.Failure(fail.name, fail.cause)
		}
	}
	var job *jsonval.Object
	if pattern == "sync" {
		var fail *failure
		if job, fail = act.job.handle(params, out); fail != nil {
			return task.Failure(fail.name, fail.cause)
		}
	}
	if act.output != nil {
		out = act.output(params, out)
	}
	// The response (a request-response result, or what TaskSubmitted
	// shows) carries the call's HTTP metadata, as optimized integrations'
	// responses do.
	awsresult.AddMetadata(out, resp.Metadata)
	switch pattern {
	case "sync":
		res := task.Polling(i.wrap(job, i.opts.FirstPoll), i.opts.FirstPoll)
		res.Poll.Deduplicated = act.token != "" && params.Has(act.token)
		res.Output = out
		return res
	case "waitForTaskToken":
		return task.Result{Pending: true, Output: out}
	}
	return task.Success(out)
}

// poll describes the job once: its outcome, or the next poll. A transient
// failure (throttling, a 5xx, no answer) only delays the next look.
func (i *Invoker) poll(ctx context.Context, svc *service, act *action, handle jsonval.Value) (task.Result, error) {
	job, wait := unwrap(handle)
	if job == nil || act.job == nil {
		return task.Failure("States.Runtime", fmt.Sprintf("The job %s of a %s task cannot be polled.", jsonval.String(handle), svc.name)), nil
	}
	next := min(wait*2, i.opts.MaxPoll)
	resp, err := i.calls.Call(ctx, svc.sdk, act.job.describe, act.job.describeParams(job))
	switch {
	case err != nil && ctx.Err() != nil:
		return task.Result{}, fmt.Errorf("poll %s job %s: %w", svc.name, jsonval.String(job), err)
	case err != nil && transient(err):
		return task.Polling(i.wrap(job, next), next), nil
	case err != nil:
		return svc.errors.Failure(err), nil
	}
	out, _ := resp.Value.(*jsonval.Object)
	doc, p := act.job.status(out)
	switch p {
	case running:
		return task.Polling(i.wrap(job, next), next), nil
	case succeeded:
		return task.Success(doc), nil
	}
	return task.Failure(errTaskFailed, jsonval.String(doc)), nil
}

// stop stops the job; a job that has ended already is no error.
func (i *Invoker) stop(ctx context.Context, svc *service, act *action, handle jsonval.Value) error {
	job, _ := unwrap(handle)
	if job == nil || act.job == nil {
		return fmt.Errorf("stop %s job %s: not a job", svc.name, jsonval.String(handle))
	}
	if _, err := i.calls.Call(ctx, svc.sdk, act.job.stop, act.job.stopParams(job)); err != nil {
		return fmt.Errorf("stop %s job %s: %w", svc.name, jsonval.String(job), err)
	}
	return nil
}

func (i *Invoker) failure(svc *service, req task.Request, err error) task.Result {
	if errors.Is(err, sdktask.ErrParameters) {
		return awsresult.ParameterFailure(req, err)
	}
	if errors.Is(err, sdktask.ErrNotBuiltIn) {
		return task.Failure(errTaskFailed, "The resource '"+req.Resource+"' cannot run: "+err.Error()+".")
	}
	return svc.errors.Failure(err)
}

// wrap keeps the wait before the next poll with the job, for the backoff.
func (i *Invoker) wrap(job *jsonval.Object, wait time.Duration) *jsonval.Object {
	return obj("Job", job, "WaitMillis", jsonval.NumberFromInt(wait.Milliseconds()))
}

func unwrap(handle jsonval.Value) (*jsonval.Object, time.Duration) {
	job, _ := field(handle, "Job").(*jsonval.Object)
	ms, _ := field(handle, "WaitMillis").(jsonval.Number)
	n, _ := ms.Int()
	return job, time.Duration(n) * time.Millisecond
}

// transient reports errors that the SDK would retry: throttling, server
// errors, connection failures.
func transient(err error) bool {
	if retry.IsErrorThrottles(retry.DefaultThrottles).IsErrorThrottle(err) == aws.TrueTernary {
		return true
	}
	return retry.IsErrorRetryables(retry.DefaultRetryables).IsErrorRetryable(err) == aws.TrueTernary
}

// attemptToken is an idempotency token derived from the attempt: the
// same for a repeated start of one attempt, another for every attempt.
func attemptToken(attemptID string, n int) string {
	sum := sha256.Sum256([]byte(attemptID))
	return hex.EncodeToString(sum[:])[:n]
}
