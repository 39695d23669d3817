package jobtask

import (
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// codebuild: startBuild and retryBuild (.sync) run a build, startBuildBatch
// and retryBuildBatch (.sync) a batch of builds. The .sync result is
// {"Build": …} or {"BuildBatch": …} as BatchGetBuilds/BatchGetBuildBatches
// describe it once it is no longer IN_PROGRESS; any status but SUCCEEDED
// fails the task with that document as the cause.
func codebuild() *service {
	build := codebuildJob("Build", "batchGetBuilds", "Builds", "BuildStatus", "stopBuild")
	batch := codebuildJob("BuildBatch", "batchGetBuildBatches", "BuildBatches", "BuildBatchStatus", "stopBuildBatch")
	const token, n = "IdempotencyToken", 32
	return &service{
		name: "codebuild", sdk: "codebuild",
		errors: awsresult.Service{Prefix: "CodeBuild", Name: "AWSCodeBuild", Base: "AWSCodeBuildException"},
		actions: map[string]*action{
			"startBuild":        {sdk: "startBuild", token: token, tokenLen: n, job: build},
			"retryBuild":        {sdk: "retryBuild", token: token, tokenLen: n, job: build},
			"startBuildBatch":   {sdk: "startBuildBatch", token: token, tokenLen: n, job: batch},
			"retryBuildBatch":   {sdk: "retryBuildBatch", token: token, tokenLen: n, job: batch},
			"stopBuild":         {sdk: "stopBuild"},
			"stopBuildBatch":    {sdk: "stopBuildBatch"},
			"batchDeleteBuilds": {sdk: "batchDeleteBuilds"},
			"batchGetReports":   {sdk: "batchGetReports"},
			"deleteBuildBatch":  {sdk: "deleteBuildBatch"},
		},
	}
}

// codebuildJob follows a build or a build batch: the start's response
// holds it under member, describe lists it under list.
func codebuildJob(member, describe, list, status, stop string) *jobKind {
	return &jobKind{
		handle: func(_, out *jsonval.Object) (*jsonval.Object, *failure) {
			id, ok := field(field(out, member), "Id").(string)
			if !ok {
				return nil, &failure{errTaskFailed, "CodeBuild returned no " + member + " Id: " + jsonval.String(out)}
			}
			return obj("Id", id), nil
		},
		describe: describe,
		describeParams: func(job *jsonval.Object) *jsonval.Object {
			return obj("Ids", []jsonval.Value{field(job, "Id")})
		},
		status: func(out *jsonval.Object) (jsonval.Value, phase) {
			doc := first(out, list)
			if doc == nil {
				return obj("Error", "The "+member+" is no longer known to CodeBuild."), failed
			}
			state, _ := field(doc, status).(string)
			return obj(member, doc), phaseOf(state, []string{"IN_PROGRESS"}, "SUCCEEDED")
		},
		stop:       stop,
		stopParams: func(job *jsonval.Object) *jsonval.Object { return job },
	}
}
