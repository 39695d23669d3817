package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// batchStopReason is the reason TerminateJob records for a job whose
// task was abandoned.
const batchStopReason = "Terminated by Stepwise: the Step Functions execution stopped or the state timed out."

// batch: submitJob(.sync) runs a job; the .sync result is the job's
// description (DescribeJobs), and a FAILED job fails the task with it as
// the cause. Batch has no idempotency token: a submit repeated after a
// crash between the call and its commit submits a second job.
func batch() *service {
	job := &jobKind{
		handle: func(_, out *jsonval.Object) (*jsonval.Object, *failure) {
			id, ok := field(out, "JobId").(string)
			if !ok {
				return nil, &failure{errTaskFailed, "Batch returned no JobId: " + jsonval.String(out)}
			}
			return obj("JobId", id), nil
		},
		describe: "describeJobs",
		describeParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("Jobs", []jsonval.Value{field(job, "JobId")})
		},
		status: func(out *jsonval.Object) (jsonval.Value, phase) {
			doc := first(out, "Jobs")
			if doc == nil {
				return obj("Error", "The job is no longer known to AWS Batch."), failed
			}
			state, _ := field(doc, "Status").(string)
			return doc, phaseOf(state, []string{"SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING"}, "SUCCEEDED")
		},
		stop: "terminateJob",
		stopParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("JobId", field(job, "JobId"), "Reason", batchStopReason)
		},
	}
	return &service{
		name: "batch", sdk: "batch",
		errors:  awsresult.Service{Prefix: "Batch", Name: "AWSBatch", Base: "AWSBatchException"},
		actions: map[string]*action{"submitJob": {sdk: "submitJob", job: job}},
	}
}
