// Package jobtask runs the optimized integrations of services that run
// jobs: Athena queries, Glue job runs, Batch jobs, ECS tasks and CodeBuild
// builds, with their request-response forms and .sync (ECS also
// .waitForTaskToken). A .sync task never waits in the invoker: it starts
// the job and hands the runner a task.Poll; each poll describes the job
// once, and a cancel stops it. The service calls go through the AWS SDK
// clients of package sdktask; requests and results are shaped as Step
// Functions documents each integration.
package jobtask

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// Caller makes one AWS API call with a JSON request (sdktask.Invoker).
type Caller interface {
	Call(ctx context.Context, service, action string, params *jsonval.Object) (sdktask.Response, error)
}

var _ Caller = (*sdktask.Invoker)(nil)

// Options tune the polling of jobs.
type Options struct {
	// FirstPoll is the wait before a job's first poll (0: 5 s); the waits
	// double up to MaxPoll (0: 1 min).
	FirstPoll, MaxPoll time.Duration
}

// Invoker runs the optimized integrations of the services in Services.
type Invoker struct {
	calls Caller
	opts  Options
	svcs  map[string]*service // by resource service name: "athena"
}

var _ task.Invoker = (*Invoker)(nil)

// New returns an invoker that calls AWS through calls.
func New(calls Caller, opts Options) *Invoker {
	if opts.FirstPoll <= 0 {
		opts.FirstPoll = 5 * time.Second
	}
	if opts.MaxPoll <= 0 {
		opts.MaxPoll = time.Minute
	}
	inv := &Invoker{calls: calls, opts: opts, svcs: map[string]*service{}}
	for _, s := range services() {
		inv.svcs[s.name] = s
	}
	return inv
}

// Register routes the resources of every service on m to this invoker.
func (i *Invoker) Register(m *task.Mux) {
	for name := range i.svcs {
		m.Handle(resourcePrefix+name+":", i)
	}
}

const resourcePrefix = "arn:aws:states:::"

// Invoke starts a task, polls its job (req.Job) or stops it (req.Cancel).
func (i *Invoker) Invoke(ctx context.Context, req task.Request) (task.Result, error) {
	svc, act, pattern, fail := i.lookup(req.Resource)
	if fail != nil {
		return *fail, nil
	}
	ctx = task.WithCredentials(ctx, req) // starts, polls and stops all sign with the Task's role
	switch {
	case req.Job != nil && req.Cancel:
		return task.Success(nil), i.stop(ctx, svc, act, req.Job)
	case req.Job != nil:
		return i.poll(ctx, svc, act, req.Job)
	}
	params, ok := req.Input.(*jsonval.Object)
	if !ok {
		return awsresult.ParameterFailure(req, errors.New("the Parameters must be an object")), nil
	}
	return awsresult.Run(ctx, req.TimeoutSeconds, func(ctx context.Context) (task.Result, error) {
		return i.start(ctx, svc, act, pattern, req, params), nil
	})
}

// lookup splits a resource into its service, action and pattern ("",
// "sync", "waitForTaskToken"), or the failure to report.
func (i *Invoker) lookup(resource string) (*service, *action, string, *task.Result) {
	rest := strings.TrimPrefix(resource, resourcePrefix)
	name, api, _ := strings.Cut(rest, ":")
	api, pattern, _ := strings.Cut(api, ".")
	svc := i.svcs[name]
	var act *action
	if svc != nil {
		act = svc.actions[api]
	}
	if act == nil || !act.supports(pattern) {
		r := task.Failure("States.Runtime", "The resource '"+resource+"' is not a supported optimized integration.")
		return nil, nil, "", &r
	}
	return svc, act, pattern, nil
}
