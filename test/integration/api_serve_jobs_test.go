//go:build integration

package integration

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// `stepwise serve` runs an Athena .sync query to its end on a loopback
// Athena (reached through AWS_ENDPOINT_URL_ATHENA), records TaskSubmitted
// when the query starts, and stops a query whose execution is stopped.
func TestServe_SyncJob(t *testing.T) {
	book := newJobBook(200 * time.Millisecond)
	srv := startServe(t, mergedMockConfig(t, nil), "AWS_ENDPOINT_URL_ATHENA="+athenaServer(t, book))
	client := sfnClient(srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	def := `{"StartAt":"Q","States":{"Q":{"Type":"Task","Resource":"arn:aws:states:::athena:startQueryExecution.sync",
		"Parameters":{"QueryString.$":"$.q"},"ResultSelector":{"state.$":"$.QueryExecution.Status.State"},"End":true}}}`
	sm, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("jobs"), Definition: aws.String(def),
		RoleArn: aws.String("arn:aws:iam::000000000000:role/r")})
	if err != nil {
		t.Fatal(err)
	}
	start := func(q string) string {
		out, err := client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(`{"q":"` + q + `"}`)})
		if err != nil {
			t.Fatal(err)
		}
		return aws.ToString(out.ExecutionArn)
	}
	done, slow := start("SELECT 1"), start("SLOW")
	for !book.looked("SLOW") && ctx.Err() == nil {
		time.Sleep(50 * time.Millisecond)
	}
	if _, err := client.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(slow)}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ arn, status, output string }{{done, "SUCCEEDED", `{"state":"SUCCEEDED"}`}, {slow, "ABORTED", ""}} {
		var out *sfn.DescribeExecutionOutput
		for out == nil || (out.Status == types.ExecutionStatusRunning && ctx.Err() == nil) {
			time.Sleep(100 * time.Millisecond)
			if out, err = client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(c.arn)}); err != nil {
				t.Fatal(err)
			}
		}
		if string(out.Status) != c.status || aws.ToString(out.Output) != c.output {
			t.Errorf("%s: %s %s, want %s %s", c.arn, out.Status, aws.ToString(out.Output), c.status, c.output)
		}
	}
	hist, err := client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(done)})
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, e := range hist.Events {
		seen = append(seen, string(e.Type))
		if e.TaskSubmittedEventDetails != nil && !strings.Contains(aws.ToString(e.TaskSubmittedEventDetails.Output), `"QueryExecutionId":"q-`) {
			t.Errorf("TaskSubmitted output %s", aws.ToString(e.TaskSubmittedEventDetails.Output))
		}
	}
	if got := strings.Join(seen, " "); !strings.Contains(got, "TaskStarted TaskSubmitted TaskSucceeded") {
		t.Errorf("history %s", got)
	}
	for {
		if _, stops := book.counts(); stops["SLOW"] > 0 {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("the stopped execution's query was never stopped")
		}
		time.Sleep(50 * time.Millisecond)
	}
}
