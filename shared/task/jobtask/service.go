package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// service is one service's optimized integration.
type service struct {
	name    string // in the resource: "athena"
	sdk     string // the sdktask service: "athena"
	errors  awsresult.Service
	actions map[string]*action // by API action in the resource
}

// action is one API action of an optimized integration.
type action struct {
	sdk string // the SDK action it calls: "startQueryExecution"
	// output shapes the request-response result (nil: the response).
	output func(params, out *jsonval.Object) *jsonval.Object
	// token is the request's idempotency member, filled from the attempt
	// when the state leaves it out, so that a start repeated after a
	// crash finds the job of the first try ("" when the API has none).
	token    string
	tokenLen int
	job      *jobKind // .sync
	// callback: .waitForTaskToken is supported.
	callback bool
	// refused reports a start the service answered but did not do, which
	// fails .sync and .waitForTaskToken tasks (nil: none).
	refused func(out *jsonval.Object) *failure
}

// jobKind says how a .sync action's job is followed.
type jobKind struct {
	// handle identifies the started job from the request and response;
	// a failure when the response reports the start failed.
	handle func(params, out *jsonval.Object) (*jsonval.Object, *failure)
	// describe is the SDK action that reports on the job, with its request.
	describe       string
	describeParams func(job *jsonval.Object) *jsonval.Object
	// status picks the job's document and its phase from the response.
	status func(out *jsonval.Object) (doc jsonval.Value, p phase)
	// stop is the SDK action that stops the job, with its request.
	stop       string
	stopParams func(job *jsonval.Object) *jsonval.Object
}

type phase int

const (
	running phase = iota
	succeeded
	failed
)

// failure is a task failure a service's logic reports.
type failure struct{ name, cause string }

func (a *action) supports(pattern string) bool {
	switch pattern {
	case "":
		return true
	case "sync":
		return a.job != nil
	case "waitForTaskToken":
		return a.callback
	}
	return false
}

// phaseOf classifies a job state by the states listed as running and as
// succeeded; every other state is a failure.
func phaseOf(state string, runningStates []string, success string) phase {
	if state == success {
		return succeeded
	}
	for _, s := range runningStates {
		if s == state {
			return running
		}
	}
	return failed
}

// obj builds an object from key/value pairs, skipping nil values.
func obj(kv ...any) *jsonval.Object {
	o := jsonval.NewObject(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != nil {
			o.Set(kv[i].(string), kv[i+1])
		}
	}
	return o
}

// field reads a member of an object, nil when o is not an object.
func field(v jsonval.Value, k string) jsonval.Value {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil
	}
	x, _ := o.Get(k)
	return x
}

// first is the first element of an array member, nil when there is none.
func first(v jsonval.Value, k string) jsonval.Value {
	a, ok := field(v, k).([]jsonval.Value)
	if !ok || len(a) == 0 {
		return nil
	}
	return a[0]
}

func services() []*service {
	return []*service{athena(), glue(), batch(), ecs(), codebuild()}
}
