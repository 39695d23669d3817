//go:build integration

package integration

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// stopDef runs the JSONL items one child each, ten at a time; every child
// waits ten minutes.
const stopDef = `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":10,
  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSONL"},"Parameters":{"Bucket":"mr","Key":"in/items.jsonl"}},
  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"W","States":{
    "W":{"Type":"Wait","Seconds":600,"End":true}}}}}}`

// testMapRunStop stops an execution with StopExecution while its map run
// has ten children running: the map run is ABORTED, its children are
// aborted, and none is running or started afterwards.
func testMapRunStop(ctx context.Context, t *testing.T, m *mapServe) {
	exec := m.run(ctx, t, "stop", stopDef, `{}`)
	for {
		if runs, err := m.sfn.ListMapRuns(ctx, &sfn.ListMapRunsInput{ExecutionArn: aws.String(exec)}); err == nil && len(runs.MapRuns) == 1 {
			if d := m.mapRun(ctx, t, exec); d.ExecutionCounts.Running == 10 {
				break
			}
		}
		if ctx.Err() != nil {
			t.Fatal("the children never started")
		}
		time.Sleep(100 * time.Millisecond)
	}
	if _, err := m.sfn.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(exec), Error: aws.String("Enough")}); err != nil {
		t.Fatalf("StopExecution: %v", err)
	}
	if d := m.await(ctx, t, exec); d.Status != types.ExecutionStatusAborted {
		t.Fatalf("execution %s", d.Status)
	}
	time.Sleep(2 * time.Second) // a child started late would show by now
	run := m.mapRun(ctx, t, exec)
	if run.Status != types.MapRunStatusAborted || run.ExecutionCounts.Running != 0 || run.ExecutionCounts.Aborted != 10 {
		t.Fatalf("map run %s, executions %+v", run.Status, *run.ExecutionCounts)
	}
	kids, err := m.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: run.MapRunArn, MaxResults: 1000})
	if err != nil || len(kids.Executions) != 10 {
		t.Fatalf("ListExecutions(mapRunArn): %d children, %v", len(kids.Executions), err)
	}
	for _, k := range kids.Executions {
		if k.Status != types.ExecutionStatusAborted {
			t.Fatalf("child %s is %s", aws.ToString(k.ExecutionArn), k.Status)
		}
	}
	running, err := m.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{MapRunArn: run.MapRunArn, StatusFilter: types.ExecutionStatusRunning})
	if err != nil || len(running.Executions) != 0 {
		t.Fatalf("running children: %d %v", len(running.Executions), err)
	}
}
