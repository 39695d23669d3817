//go:build integration

package integration

import (
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// sampleCase is one "#TestCase" run of an events/ sample and its outcome
// (events/README.md).
type sampleCase struct {
	sample, testCase string
	status           types.ExecutionStatus
	output           string // SUCCEEDED
	errName, cause   string // FAILED
}

const orderReceipt = `{"orderId":"ord-1001","status":"CONFIRMED","summary":"Order ord-1001 for Ada Lovelace","totalCents":3096,"reservationId":"res-5521","chargeId":"ch-90210"}`

const loanApproved = `{"applicationId":"loan-2024-0042","applicant":{"name":"Grace Hopper","creditScore":780},"amount":25000,
 "decision":{"status":"APPROVED","approvedAmount":25000,"underwriter":"uw-17","ratePercent":4.25},
 "disbursement":{"transferId":"tr-8812"}}`

var sampleCases = []sampleCase{
	{"order-processing", "HappyPath", types.ExecutionStatusSucceeded, orderReceipt, "", ""},
	{"order-processing", "RetryPath", types.ExecutionStatusSucceeded, orderReceipt, "", ""},
	{"order-processing", "InvalidOrder", types.ExecutionStatusFailed, "", "OrderRejected", "The order failed validation."},
	{"order-processing", "PaymentDeclined", types.ExecutionStatusFailed, "", "PaymentDeclined", "The payment was declined."},
	{"order-processing", "ValidationServiceDown", types.ExecutionStatusFailed, "", "Lambda.ServiceException", "The validation service is unavailable."},
	{"loan-approval", "HappyPath", types.ExecutionStatusSucceeded, loanApproved, "", ""},
	{"loan-approval", "Rejected", types.ExecutionStatusFailed, "", "LoanRejected", "The underwriter rejected the application."},
	{"loan-approval", "DecisionTimeout", types.ExecutionStatusFailed, "", "DecisionTimedOut", "No underwriter decision arrived in time."},
	{"loan-approval", "HeartbeatTimeout", types.ExecutionStatusFailed, "", "DecisionTimedOut", "No underwriter decision arrived in time."},
	{"etl", "HappyPath", types.ExecutionStatusSucceeded, `{"batchId":"batch-0601","extracted":3,"loaded":3,"rejected":0}`, "", ""},
	{"etl", "RecordsRejected", types.ExecutionStatusSucceeded, `{"batchId":"batch-0601","extracted":3,"loaded":0,"rejected":3}`, "", ""},
	{"etl", "ExtractFails", types.ExecutionStatusFailed, "", "Lambda.ServiceException", "The source bucket could not be read."},
}

// sampleSM creates (idempotently: same name and definition) the sample's
// state machine under the sample's name, which its mocks are keyed on.
func (e *sdkEnv) sampleSM(t *testing.T, sample string) string {
	t.Helper()
	return e.createSM(t, sample, readSample(t, sample, "definition.asl.json"), types.StateMachineTypeStandard)
}

// testSamples runs every test case of every sample to completion, all
// at once, as Standard executions on "<ARN>#<test case>".
func testSamples(t *testing.T, e *sdkEnv) {
	arns := make([]string, len(sampleCases))
	for i, c := range sampleCases {
		arns[i] = e.start(t, e.sampleSM(t, c.sample)+"#"+c.testCase, "", readSample(t, c.sample, "input.json"))
	}
	for i, c := range sampleCases {
		t.Run(c.sample+"/"+c.testCase, func(t *testing.T) {
			out := e.await(t, arns[i])
			if out.Status != c.status {
				t.Fatalf("status %s (%s: %s), want %s", out.Status, aws.ToString(out.Error), aws.ToString(out.Cause), c.status)
			}
			if c.status == types.ExecutionStatusSucceeded {
				sameJSON(t, "output", aws.ToString(out.Output), c.output)
				return
			}
			if aws.ToString(out.Error) != c.errName || aws.ToString(out.Cause) != c.cause {
				t.Errorf("error %q cause %q, want %q %q", aws.ToString(out.Error), aws.ToString(out.Cause), c.errName, c.cause)
			}
			if out.Output != nil {
				t.Errorf("FAILED execution has output %s", aws.ToString(out.Output))
			}
		})
	}
	// DescribeStateMachineForExecution names the machine and its definition.
	d, err := e.sfn.DescribeStateMachineForExecution(ctxT(t), &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: &arns[0]})
	if err != nil || aws.ToString(d.Name) != "order-processing" || aws.ToString(d.Definition) != readSample(t, "order-processing", "definition.asl.json") {
		t.Errorf("DescribeStateMachineForExecution = %v %v", d, err)
	}
}

// testHistory reads one execution's history whole, reversed, paged and
// without data.
func testHistory(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	arn := e.start(t, e.sampleSM(t, "order-processing")+"#HappyPath", uniqueName("hist"), readSample(t, "order-processing", "input.json"))
	e.await(t, arn)
	all, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatalf("GetExecutionHistory: %v", err)
	}
	ev := all.Events
	if len(ev) < 10 || ev[0].Type != types.HistoryEventTypeExecutionStarted || ev[len(ev)-1].Type != types.HistoryEventTypeExecutionSucceeded {
		t.Fatalf("history has %d events, first/last %v", len(ev), eventTypes(ev))
	}
	for i, x := range ev {
		if x.Id != int64(i+1) || x.Timestamp == nil {
			t.Fatalf("event %d has id %d, timestamp %v", i, x.Id, x.Timestamp)
		}
	}
	if d := ev[0].ExecutionStartedEventDetails; d == nil || aws.ToString(d.RoleArn) != roleARN {
		t.Errorf("ExecutionStarted details = %+v", d)
	} else {
		sameJSON(t, "ExecutionStarted input", aws.ToString(d.Input), readSample(t, "order-processing", "input.json"))
	}
	sameJSON(t, "ExecutionSucceeded output", aws.ToString(ev[len(ev)-1].ExecutionSucceededEventDetails.Output), orderReceipt)

	rev, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, ReverseOrder: true})
	if err != nil {
		t.Fatalf("GetExecutionHistory reversed: %v", err)
	}
	want := slices.Clone(eventIDs(ev))
	slices.Reverse(want)
	if got := eventIDs(rev.Events); !slices.Equal(got, want) {
		t.Errorf("reversed ids %v, want %v", got, want)
	}

	for _, reverse := range []bool{false, true} {
		var ids []int64
		var pages int
		p := sfn.NewGetExecutionHistoryPaginator(e.sfn, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, MaxResults: 3, ReverseOrder: reverse})
		for p.HasMorePages() {
			out, err := p.NextPage(ctx)
			if err != nil {
				t.Fatalf("history page: %v", err)
			}
			if len(out.Events) > 3 {
				t.Fatalf("page of %d events with maxResults 3", len(out.Events))
			}
			ids = append(ids, eventIDs(out.Events)...)
			pages++
		}
		expect := eventIDs(ev)
		if reverse {
			expect = want
		}
		if !slices.Equal(ids, expect) || pages != (len(ev)+2)/3 {
			t.Errorf("reverse=%t: %d pages of ids %v, want %v", reverse, pages, ids, expect)
		}
	}

	bare, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, IncludeExecutionData: aws.Bool(false)})
	if err != nil || len(bare.Events) != len(ev) {
		t.Fatalf("history without data: %d events, %v", len(bare.Events), err)
	}
	if d := bare.Events[0].ExecutionStartedEventDetails; d == nil || d.Input != nil {
		t.Errorf("includeExecutionData=false still carries input: %+v", d)
	}
	_, err = e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &arn, NextToken: aws.String("bogus")})
	wantAPIError[*types.InvalidToken](t, "history with a bad nextToken", err, "InvalidToken")
}

func eventIDs(ev []types.HistoryEvent) []int64 {
	ids := make([]int64, len(ev))
	for i, x := range ev {
		ids[i] = x.Id
	}
	return ids
}

func eventTypes(ev []types.HistoryEvent) []types.HistoryEventType {
	out := make([]types.HistoryEventType, len(ev))
	for i, x := range ev {
		out[i] = x.Type
	}
	return out
}
