package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// glue: startJobRun(.sync) runs a job. Step Functions adds the request's
// JobName to StartJobRun's response; the .sync result is the JobRun, and
// a run that ends in any state but SUCCEEDED fails the task with it as
// the cause. Glue has no idempotency token: a start repeated after a
// crash between the call and its commit starts a second run.
func glue() *service {
	run := &jobKind{
		handle: func(params, out *jsonval.Object) (*jsonval.Object, *failure) {
			id, ok := field(out, "JobRunId").(string)
			if !ok {
				return nil, &failure{errTaskFailed, "Glue returned no JobRunId: " + jsonval.String(out)}
			}
			return obj("JobName", field(params, "JobName"), "RunId", id), nil
		},
		describe:       "getJobRun",
		describeParams: func(job *jsonval.Object) *jsonval.Object { return job },
		status: func(out *jsonval.Object) (jsonval.Value, phase) {
			run := field(out, "JobRun")
			state, _ := field(run, "JobRunState").(string)
			return run, phaseOf(state, []string{"STARTING", "RUNNING", "STOPPING", "WAITING"}, "SUCCEEDED")
		},
		stop: "batchStopJobRun",
		stopParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("JobName", field(job, "JobName"), "JobRunIds", []jsonval.Value{field(job, "RunId")})
		},
	}
	return &service{
		name: "glue", sdk: "glue",
		errors: awsresult.Service{Prefix: "Glue", Name: "AWSGlue", Base: "AWSGlueException"},
		actions: map[string]*action{
			"startJobRun": {sdk: "startJobRun", job: run, output: func(params, out *jsonval.Object) *jsonval.Object {
				return obj("JobName", field(params, "JobName"), "JobRunId", field(out, "JobRunId"))
			}},
		},
	}
}
