package interp

import (
	"strings"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// resource is a Task's Resource ARN split the way history events show it.
type resource struct {
	legacyLambda bool   // arn:aws:lambda:...:function:NAME
	typ          string // resourceType, e.g. "lambda", "aws-sdk:s3"
	name         string // resource, e.g. "invoke.waitForTaskToken"
	pattern      string // "", "sync", "sync:2", "waitForTaskToken"
}

func parseResource(arn string) resource {
	if strings.HasPrefix(arn, "arn:aws:lambda:") || strings.Contains(arn, ":lambda:") && strings.Contains(arn, ":function:") {
		return resource{legacyLambda: true}
	}
	if strings.Contains(arn, ":states:") && strings.Contains(arn, ":activity:") {
		// Activities wait for a worker's callback, like .waitForTaskToken.
		return resource{typ: "activity", name: arn, pattern: "activity"}
	}
	rest := arn
	if i := strings.Index(arn, ":::"); i >= 0 {
		rest = arn[i+3:]
	}
	r := resource{}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		r.typ, r.name = rest[:i], rest[i+1:]
	} else {
		r.name = rest
	}
	// A ".sync:2" suffix splits at its own colon.
	if strings.HasSuffix(rest, ".sync:2") {
		base := strings.TrimSuffix(rest, ":2")
		i := strings.LastIndex(base, ":")
		r.typ, r.name = base[:i], base[i+1:]+":2"
	}
	switch {
	case strings.HasSuffix(r.name, ".waitForTaskToken"):
		r.pattern = "waitForTaskToken"
	case strings.HasSuffix(r.name, ".sync:2"):
		r.pattern = "sync:2"
	case strings.HasSuffix(r.name, ".sync"):
		r.pattern = "sync"
	}
	return r
}

// taskEnter computes the task's parameters and invokes it.
func (st *stepper) taskEnter() error {
	r := parseResource(st.n.st.Resource)
	if r.pattern != "" {
		st.rec.TaskToken = st.env.NewUUID()
	}
	var (
		params jsonval.Value
		err    error
	)
	if st.n.jsonata {
		params, err = st.argumentsStage()
	} else {
		var eff jsonval.Value
		if eff, err = st.inputStage(); err == nil {
			params, err = st.parametersStage(eff)
		}
	}
	if err != nil {
		return err
	}
	st.rec.TaskInput = params
	return st.invoke()
}

// invoke schedules one attempt of the task.
func (st *stepper) invoke() error {
	timeout, err := st.taskSeconds("TimeoutSeconds", "TimeoutSecondsPath")
	if err != nil {
		return err
	}
	heartbeat, err := st.taskSeconds("HeartbeatSeconds", "HeartbeatSecondsPath")
	if err != nil {
		return err
	}
	creds, err := st.taskCredentials()
	if err != nil {
		return err
	}
	r := parseResource(st.n.st.Resource)
	params := history.Payload{Value: st.rec.TaskInput}
	if r.legacyLambda {
		st.emit(history.LambdaScheduled, "resource", st.n.st.Resource, "input", params, "timeoutInSeconds", optSeconds(timeout))
		st.emit(history.LambdaStarted)
	} else {
		st.emit(history.TaskScheduled, "resourceType", r.typ, "resource", r.name, "region", regionOf(st.env.Execution.StateMachineID),
			"parameters", params, "timeoutInSeconds", optSeconds(timeout), "heartbeatInSeconds", optSeconds(heartbeat))
		st.emit(history.TaskStarted, "resourceType", r.typ, "resource", r.name)
	}
	st.rec.Phase = PhaseTask
	st.action = Invoke{Task: Task{
		State: st.n.st.Name, Resource: st.n.st.Resource, Input: st.rec.TaskInput,
		TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat, TaskToken: st.rec.TaskToken,
		Credentials: creds, Attempt: st.rec.Attempt,
	}}
	return nil
}

// taskSubmitted records a submitted task's TaskSubmitted event with the
// submission's response, once; the frame then waits for the outcome. An
// activity has no such event.
func (st *stepper) taskSubmitted(output jsonval.Value) error {
	if st.rec.Phase != PhaseTask {
		return runtimeFailure("task submission arrived in phase %d", st.rec.Phase)
	}
	st.action = Park{}
	r := parseResource(st.n.st.Resource)
	if r.legacyLambda || r.pattern == "" || r.pattern == "activity" {
		return nil
	}
	if output == nil {
		output = jsonval.NewObject(0)
	}
	st.emit(history.TaskSubmitted, "resourceType", r.typ, "resource", r.name, "output", history.Payload{Value: output})
	st.rec.Phase = PhaseSubmitted
	return nil
}

// unsubmitted reports whether a task with a pattern ends without its
// TaskSubmitted event recorded yet (a runner that does not report
// submissions, or one that ended at once): it is recorded before the end.
func (st *stepper) unsubmitted(r resource) bool {
	return r.pattern != "" && st.rec.Phase == PhaseTask
}

func (st *stepper) taskSucceeded(output jsonval.Value) error {
	if st.rec.Phase != PhaseTask && st.rec.Phase != PhaseSubmitted {
		return runtimeFailure("task result arrived in phase %d", st.rec.Phase)
	}
	r := parseResource(st.n.st.Resource)
	out := history.Payload{Value: output}
	switch {
	case r.legacyLambda:
		st.emit(history.LambdaSucceeded, "output", out)
	default:
		if st.unsubmitted(r) {
			st.emit(history.TaskSubmitted, "resourceType", r.typ, "resource", r.name, "output", "{}")
		}
		st.emit(history.TaskSucceeded, "resourceType", r.typ, "resource", r.name, "output", out)
	}
	if st.n.jsonata {
		return st.finish(output, output, st.next())
	}
	result, err := st.resultSelectorStage(output)
	if err != nil {
		return err
	}
	return st.finish(result, nil, st.next())
}

func (st *stepper) taskFailed(errName, cause string) error {
	r := parseResource(st.n.st.Resource)
	timedOut := errName == asl.ErrorTimeout || errName == asl.ErrorHeartbeatTimeout
	kv := []any{"error", errName, "cause", cause}
	switch {
	case r.legacyLambda && timedOut:
		st.emit(history.LambdaTimedOut, kv...)
	case r.legacyLambda:
		st.emit(history.LambdaFailed, kv...)
	default:
		if st.unsubmitted(r) {
			st.emit(history.TaskSubmitted, "resourceType", r.typ, "resource", r.name, "output", "{}")
		}
		typ := history.TaskFailed
		if timedOut {
			typ = history.TaskTimedOut
		}
		st.emit(typ, append([]any{"resourceType", r.typ, "resource", r.name}, kv...)...)
	}
	return &Failure{Name: errName, Cause: cause}
}

// taskSeconds evaluates TimeoutSeconds/HeartbeatSeconds or their Path form.
func (st *stepper) taskSeconds(field, pathField string) (int64, error) {
	t, ok := st.n.fields[field]
	if !ok {
		p, ok := st.n.fields[pathField].(*tPath)
		if !ok {
			return 0, nil
		}
		v, err := st.scope.selectPath(p.path, st.rec.Input)
		if err != nil {
			return 0, err
		}
		secs, ok := wholeSeconds(v)
		if !ok || secs <= 0 {
			return 0, runtimeFailure("The %s field must be a positive integer, but was %s", pathField, jsonval.String(v))
		}
		return secs, nil
	}
	v, err := t.eval(&st.scope, st.rec.Input)
	if err != nil {
		return 0, err
	}
	secs, ok := wholeSeconds(v)
	if !ok || secs <= 0 {
		return 0, st.waitFieldFailure("The %s field must be a positive integer, but was %s", field, jsonval.String(v))
	}
	return secs, nil
}

func optSeconds(s int64) any {
	if s == 0 {
		return nil
	}
	return jsonval.NumberFromInt(s)
}

// regionOf extracts the region from an ARN.
func regionOf(arn string) string {
	parts := strings.SplitN(arn, ":", 5)
	if len(parts) < 4 {
		return ""
	}
	return parts[3]
}
