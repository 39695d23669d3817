package jobtask

import (
	"slices"
	"testing"
)

func TestIAMActions(t *testing.T) {
	for resource, want := range map[string][]string{
		"arn:aws:states:::athena:startQueryExecution.sync": {"athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution"},
		"arn:aws:states:::athena:getQueryResults":          {"athena:GetQueryResults"},
		"arn:aws:states:::glue:startJobRun.sync":           {"glue:StartJobRun", "glue:GetJobRun", "glue:BatchStopJobRun"},
		"arn:aws:states:::batch:submitJob.sync":            {"batch:SubmitJob", "batch:DescribeJobs", "batch:TerminateJob"},
		"arn:aws:states:::ecs:runTask.waitForTaskToken":    {"ecs:RunTask"},
		"arn:aws:states:::ecs:runTask.sync":                {"ecs:RunTask", "ecs:DescribeTasks", "ecs:StopTask"},
		"arn:aws:states:::codebuild:startBuild.sync":       {"codebuild:StartBuild", "codebuild:BatchGetBuilds", "codebuild:StopBuild"},
		"arn:aws:states:::glue:getJobRun":                  nil,
	} {
		if got := IAMActions(resource); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", resource, got, want)
		}
	}
}
