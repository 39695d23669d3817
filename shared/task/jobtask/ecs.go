package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// ecsStopReason is the reason StopTask records for a task whose state was
// abandoned.
const ecsStopReason = "Stopped by Stepwise: the Step Functions execution stopped or the state timed out."

// ecs: runTask(.sync, .waitForTaskToken) runs a task. A response whose
// Failures are not empty fails those two forms with AmazonECS.Unknown, as
// AWS documents. The .sync result is the task as DescribeTasks shows it
// once STOPPED; it fails the state when the task did not end by its
// essential container exiting, or a container exited non-zero. .sync
// follows the first task started (Count > 1 starts more).
func ecs() *service {
	run := &jobKind{
		handle: func(params, out *jsonval.Object) (*jsonval.Object, *failure) {
			arn, ok := field(first(out, "Tasks"), "TaskArn").(string)
			if !ok {
				return nil, &failure{"AmazonECS.Unknown", jsonval.String(out)}
			}
			return obj("Cluster", field(params, "Cluster"), "TaskArn", arn), nil
		},
		describe: "describeTasks",
		describeParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("Cluster", field(job, "Cluster"), "Tasks", []jsonval.Value{field(job, "TaskArn")})
		},
		status: ecsStatus,
		stop:   "stopTask",
		stopParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("Cluster", field(job, "Cluster"), "Task", field(job, "TaskArn"), "Reason", ecsStopReason)
		},
	}
	refused := func(out *jsonval.Object) *failure {
		if fs, _ := field(out, "Failures").([]jsonval.Value); len(fs) > 0 {
			return &failure{"AmazonECS.Unknown", jsonval.String(out)}
		}
		return nil
	}
	return &service{
		name: "ecs", sdk: "ecs",
		errors: awsresult.Service{Prefix: "ECS", Name: "AmazonECS", Base: "AmazonECSException"},
		actions: map[string]*action{
			"runTask": {sdk: "runTask", token: "ClientToken", tokenLen: 64, job: run, callback: true, refused: refused},
		},
	}
}

// ecsStatus reads a DescribeTasks response.
func ecsStatus(out *jsonval.Object) (jsonval.Value, phase) {
	doc := first(out, "Tasks")
	if doc == nil {
		return out, failed // the task is gone (Failures says why)
	}
	if status, _ := field(doc, "LastStatus").(string); status != "STOPPED" {
		return doc, running
	}
	if code, ok := field(doc, "StopCode").(string); ok && code != "EssentialContainerExited" {
		return doc, failed
	}
	containers, _ := field(doc, "Containers").([]jsonval.Value)
	for _, c := range containers {
		if code, ok := field(c, "ExitCode").(jsonval.Number); ok && code != "0" {
			return doc, failed
		}
	}
	return doc, succeeded
}
