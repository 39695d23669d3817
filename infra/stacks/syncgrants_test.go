package stacks

import (
	"slices"
	"testing"
)

// TestParseServiceGrants_Sync: a job's .sync entry grants its start
// action on the listed resource and what polling and stopping the job act
// on, nothing wider than AWS's own .sync policies.
func TestParseServiceGrants_Sync(t *testing.T) {
	tests := []struct {
		entry string
		want  []string
	}{
		{"athena:startQueryExecution.sync=arn:aws:athena:us-east-1:1:workgroup/primary", []string{
			"athena:StartQueryExecution on arn:aws:athena:us-east-1:1:workgroup/primary",
			"athena:GetQueryExecution on arn:aws:athena:us-east-1:1:workgroup/primary",
			"athena:StopQueryExecution on arn:aws:athena:us-east-1:1:workgroup/primary"}},
		{"glue:startJobRun.sync=arn:aws:glue:us-east-1:1:job/etl", []string{
			"glue:StartJobRun on arn:aws:glue:us-east-1:1:job/etl",
			"glue:GetJobRun on arn:aws:glue:us-east-1:1:job/etl",
			"glue:BatchStopJobRun on arn:aws:glue:us-east-1:1:job/etl"}},
		{"batch:submitJob.sync=arn:aws:batch:eu-west-1:2:job-queue/q", []string{
			"batch:SubmitJob on arn:aws:batch:eu-west-1:2:job-queue/q",
			"batch:DescribeJobs on *",
			"batch:TerminateJob on arn:aws:batch:eu-west-1:2:job/*"}},
		{"ecs:runTask.sync=arn:aws:ecs:us-east-1:1:task-definition/t:3", []string{
			"ecs:RunTask on arn:aws:ecs:us-east-1:1:task-definition/t:3",
			"ecs:DescribeTasks on arn:aws:ecs:us-east-1:1:task/*",
			"ecs:StopTask on arn:aws:ecs:us-east-1:1:task/*"}},
		{"codebuild:startBuild.sync=arn:aws:codebuild:us-east-1:1:project/p", []string{
			"codebuild:StartBuild on arn:aws:codebuild:us-east-1:1:project/p",
			"codebuild:BatchGetBuilds on arn:aws:codebuild:us-east-1:1:project/p",
			"codebuild:StopBuild on arn:aws:codebuild:us-east-1:1:project/p"}},
		{"ecs:runTask.sync=*", []string{"ecs:RunTask on *", "ecs:DescribeTasks on *", "ecs:StopTask on *"}},
		{"athena:StartQueryExecution=arn:aws:athena:us-east-1:1:workgroup/w", []string{
			"athena:StartQueryExecution on arn:aws:athena:us-east-1:1:workgroup/w"}},
	}
	for _, tt := range tests {
		grants, err := parseServiceGrants(tt.entry, false)
		if err != nil {
			t.Errorf("%s: %v", tt.entry, err)
			continue
		}
		var got []string
		for _, g := range grants {
			got = append(got, g.action+" on "+g.resource)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.entry, got, tt.want)
		}
	}
}
