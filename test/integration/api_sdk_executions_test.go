//go:build integration

package integration

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// expressDefinition succeeds for a positive n and fails otherwise.
const expressDefinition = `{"StartAt":"Double","States":{
 "Double":{"Type":"Pass","Parameters":{"n.$":"$.n","twice.$":"States.MathAdd($.n, $.n)"},"Next":"Positive?"},
 "Positive?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":0,"Next":"Done"}],"Default":"Negative"},
 "Done":{"Type":"Succeed"},
 "Negative":{"Type":"Fail","Error":"Negative","Cause":"n must be positive"}}}`

func testExpress(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	arn := e.createSM(t, uniqueName("express"), expressDefinition, types.StateMachineTypeExpress)
	ok, err := e.sfn.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &arn, Input: aws.String(`{"n":21}`), Name: aws.String("sync-ok")})
	if err != nil {
		t.Fatalf("StartSyncExecution: %v", err)
	}
	if ok.Status != types.SyncExecutionStatusSucceeded || aws.ToString(ok.StateMachineArn) != arn || aws.ToString(ok.Name) != "sync-ok" ||
		ok.StartDate == nil || ok.StopDate == nil || !strings.Contains(aws.ToString(ok.ExecutionArn), ":express:") {
		t.Errorf("StartSyncExecution = %+v", ok)
	}
	sameJSON(t, "sync output", aws.ToString(ok.Output), `{"n":21,"twice":42}`)
	sameJSON(t, "sync input", aws.ToString(ok.Input), `{"n":21}`)

	failed, err := e.sfn.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &arn, Input: aws.String(`{"n":-1}`)})
	if err != nil {
		t.Fatalf("StartSyncExecution (failing): %v", err)
	}
	if failed.Status != types.SyncExecutionStatusFailed || aws.ToString(failed.Error) != "Negative" || aws.ToString(failed.Cause) != "n must be positive" || failed.Output != nil {
		t.Errorf("failing StartSyncExecution = %s %q %q output %v", failed.Status, aws.ToString(failed.Error), aws.ToString(failed.Cause), failed.Output)
	}

	// An asynchronous start of an Express machine returns an express ARN.
	async, err := e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &arn, Input: aws.String(`{"n":1}`)})
	if err != nil || !strings.Contains(aws.ToString(async.ExecutionArn), ":express:") {
		t.Errorf("StartExecution(EXPRESS) = %v, %v", async, err)
	}

	std := e.createSM(t, uniqueName("standard"), passDefinition(`1`), types.StateMachineTypeStandard)
	_, err = e.sfn.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: &std})
	wantAPIError[*types.StateMachineTypeNotSupported](t, "StartSyncExecution(STANDARD)", err, "StateMachineTypeNotSupported")
}

// testStopAndList starts long-waiting executions, pages and filters
// ListExecutions, stops some and checks idempotent starts.
func testStopAndList(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	sm := e.createSM(t, uniqueName("waiting"), waitDefinition, types.StateMachineTypeStandard)
	var arns []string
	for i := range 5 {
		arns = append(arns, e.start(t, sm, fmt.Sprintf("run-%d", i), fmt.Sprintf(`{"i":%d}`, i)))
	}
	t.Cleanup(func() {
		for _, a := range arns {
			_, _ = e.sfn.StopExecution(ctxT(t), &sfn.StopExecutionInput{ExecutionArn: aws.String(a)})
		}
	})
	// Same name and input while running: the same execution.
	if again := e.start(t, sm, "run-0", `{"i":0}`); again != arns[0] {
		t.Errorf("idempotent StartExecution = %s, want %s", again, arns[0])
	}
	_, err := e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &sm, Name: aws.String("run-0"), Input: aws.String(`{"i":99}`)})
	wantAPIError[*types.ExecutionAlreadyExists](t, "StartExecution same name, other input", err, "ExecutionAlreadyExists")

	if got, pages := e.listExecutions(t, sm, "", 2); !sameSet(got, arns) || pages != 3 {
		t.Errorf("ListExecutions (2 per page) = %d pages %v, want 3 pages of %v", pages, got, arns)
	}
	for _, a := range arns[:2] {
		out, err := e.sfn.StopExecution(ctx, &sfn.StopExecutionInput{ExecutionArn: aws.String(a), Error: aws.String("Stopped.ByTest"), Cause: aws.String("enough")})
		if err != nil || out.StopDate == nil {
			t.Fatalf("StopExecution: %v %v", out, err)
		}
		d := e.await(t, a)
		if d.Status != types.ExecutionStatusAborted || aws.ToString(d.Error) != "Stopped.ByTest" || aws.ToString(d.Cause) != "enough" || d.StopDate == nil {
			t.Errorf("stopped execution: %s %q %q", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
		}
		h, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(a), ReverseOrder: true, MaxResults: 1})
		if err != nil || len(h.Events) != 1 || h.Events[0].Type != types.HistoryEventTypeExecutionAborted {
			t.Errorf("last event of a stopped execution: %v %v", eventTypes(h.Events), err)
		}
	}
	for _, f := range []struct {
		status types.ExecutionStatus
		want   []string
	}{
		{types.ExecutionStatusAborted, arns[:2]},
		{types.ExecutionStatusRunning, arns[2:]},
		{types.ExecutionStatusSucceeded, nil},
	} {
		if got, _ := e.listExecutions(t, sm, f.status, 1); !sameSet(got, f.want) {
			t.Errorf("ListExecutions status %s = %v, want %v", f.status, got, f.want)
		}
	}
	_, err = e.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm, NextToken: aws.String("not-a-token")})
	wantAPIError[*types.InvalidToken](t, "ListExecutions bad token", err, "InvalidToken")
}

// listExecutions pages through ListExecutions and returns the ARNs and
// the number of pages.
func (e *sdkEnv) listExecutions(t *testing.T, target string, status types.ExecutionStatus, size int32) ([]string, int) {
	t.Helper()
	var arns []string
	pages := 0
	p := sfn.NewListExecutionsPaginator(e.sfn, &sfn.ListExecutionsInput{StateMachineArn: &target, StatusFilter: status, MaxResults: size})
	for p.HasMorePages() {
		out, err := p.NextPage(ctxT(t))
		if err != nil {
			t.Fatalf("ListExecutions: %v", err)
		}
		if len(out.Executions) > int(size) || pages > 100 {
			t.Fatalf("page %d has %d executions, max %d", pages, len(out.Executions), size)
		}
		for _, x := range out.Executions {
			if status != "" && x.Status != status {
				t.Errorf("ListExecutions(%s) returned a %s execution", status, x.Status)
			}
			arns = append(arns, aws.ToString(x.ExecutionArn))
		}
		pages++
	}
	return arns, pages
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// testRedrive redrives a failed execution and refuses a succeeded one.
func testRedrive(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	sm := e.sampleSM(t, "order-processing")
	failed := e.start(t, sm+"#InvalidOrder", uniqueName("redrive"), readSample(t, "order-processing", "input.json"))
	if d := e.await(t, failed); d.Status != types.ExecutionStatusFailed || d.RedriveStatus != types.ExecutionRedriveStatusRedrivable {
		t.Fatalf("before redrive: %s redrive status %s", d.Status, d.RedriveStatus)
	}
	out, err := e.sfn.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &failed})
	if err != nil || out.RedriveDate == nil {
		t.Fatalf("RedriveExecution: %v %v", out, err)
	}
	// The redrive restarts at the failed Fail state, which fails again.
	d := e.await(t, failed)
	if d.Status != types.ExecutionStatusFailed || d.RedriveCount == nil || *d.RedriveCount != 1 {
		t.Errorf("after redrive: %s, redrive count %v", d.Status, d.RedriveCount)
	}
	// DescribeExecution reports when: the ExecutionRedriven event's time.
	h, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &failed})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	var redriven *time.Time
	for _, ev := range h.Events {
		if ev.Type == types.HistoryEventTypeExecutionRedriven {
			redriven = ev.Timestamp
		}
	}
	if redriven == nil || d.RedriveDate == nil || !d.RedriveDate.Equal(*redriven) {
		t.Errorf("redrive date %v, ExecutionRedriven at %v", d.RedriveDate, redriven)
	}
	list, err := e.sfn.ListExecutions(ctx, &sfn.ListExecutionsInput{StateMachineArn: &sm, RedriveFilter: types.ExecutionRedriveFilterRedriven})
	if err != nil || len(list.Executions) == 0 || list.Executions[0].RedriveDate == nil || !list.Executions[0].RedriveDate.Equal(*redriven) {
		t.Errorf("ListExecutions(REDRIVEN): %+v %v", list, err)
	}
	ok := e.start(t, sm+"#HappyPath", uniqueName("redrive"), readSample(t, "order-processing", "input.json"))
	e.await(t, ok)
	_, err = e.sfn.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &ok})
	wantAPIError[*types.ExecutionNotRedrivable](t, "RedriveExecution(SUCCEEDED)", err, "ExecutionNotRedrivable")
}
