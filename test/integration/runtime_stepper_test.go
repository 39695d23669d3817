//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	lambdaevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/test/harness"
	"github.com/stepwise/stepwise/test/rie"
)

// stepperExecutions is how many sample executions run through the binaries.
const stepperExecutions = 12

// TestRuntime_StepperBinaries runs the real functions/api and
// functions/stepper bootstrap binaries under the Runtime Interface
// Emulator on dynalite and fauxqs, with the test functions (add, echo,
// fail) as the Lambda tasks. The test plays Lambda's event source mapping
// (SQS batches to two stepper instances, partial batch failures) and the
// underwriter answering the sqs:sendMessage.waitForTaskToken callbacks
// through the API's SendTaskSuccess.
func TestRuntime_StepperBinaries(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	em := harness.StartAll(t)
	if err := dynamostore.CreateTable(ctx, em.DynamoDB(), "stepwise-rt"); err != nil {
		t.Fatal(err)
	}
	stepsURL, dlqURL, err := sqsqueue.CreateQueues(ctx, em.SQS(), "stepwise-rt-steps")
	if err != nil {
		t.Fatal(err)
	}
	approvals, err := em.SQS().CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("stepwise-rt-approvals")})
	if err != nil {
		t.Fatal(err)
	}
	tasks := rie.Start(t,
		rie.Function{Name: "add", Package: "./test/functions/add"},
		rie.Function{Name: "echo", Package: "./test/functions/echo"},
		rie.Function{Name: "fail", Package: "./test/functions/fail"})
	env := []string{
		config.EnvTable + "=stepwise-rt", config.EnvQueueURL + "=" + stepsURL, config.EnvDLQURL + "=" + dlqURL,
		config.EnvAccount + "=000000000000", config.EnvRegion + "=" + harness.Region, config.EnvLogLevel + "=warn",
		config.EnvAllowedTaskResources + "=arn:aws:lambda:*,arn:aws:states:::lambda:invoke*,arn:aws:states:::sqs:sendMessage*",
		"AWS_ENDPOINT_URL_DYNAMODB=" + em.DynamoEndpoint, "AWS_ENDPOINT_URL_SQS=" + em.SQSEndpoint,
		"AWS_ENDPOINT_URL_LAMBDA=" + tasks.URL, "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test",
	}
	fns := rie.Start(t,
		rie.Function{Name: "stepwise-api", Package: "./functions/api", Env: env},
		rie.Function{Name: "stepper-1", Package: "./functions/stepper", Env: env, TimeoutSeconds: 60},
		rie.Function{Name: "stepper-2", Package: "./functions/stepper", Env: env, TimeoutSeconds: 60})
	api := &apiLambda{client: fns.Client(), sqs: em.SQS(), queueURL: stepsURL}
	esm := &esmLoop{t: t, lambda: fns.Client(), sqs: em.SQS(), queueURL: stepsURL, template: sqsTemplate(t)}
	var wg sync.WaitGroup
	for _, fn := range []string{"stepper-1", "stepper-2"} {
		wg.Add(1)
		go func() { defer wg.Done(); esm.run(ctx, fn) }()
	}
	wg.Add(1)
	go func() { defer wg.Done(); approve(ctx, t, api, em.SQS(), aws.ToString(approvals.QueueUrl)) }()
	defer func() { cancel(); wg.Wait() }()

	base := sampleEvent(t, "start-execution.json")
	create, _ := json.Marshal(map[string]string{"name": "sample", "roleArn": "arn:aws:iam::000000000000:role/StepwiseRole",
		"definition": SampleDefinition(aws.ToString(approvals.QueueUrl))})
	sm := api.call(t, withCall(t, base, "CreateStateMachine", string(create)), 200, "")
	arns := make([]string, stepperExecutions)
	for i := range arns {
		body, _ := json.Marshal(map[string]string{"stateMachineArn": fmt.Sprint(sm["stateMachineArn"]), "name": fmt.Sprintf("run-%d", i), "input": SampleInput(i)})
		arns[i] = fmt.Sprint(api.call(t, withCall(t, base, "StartExecution", string(body)), 200, "")["executionArn"])
	}
	for i, a := range arns {
		desc := waitDescribed(ctx, t, api, a)
		if desc["status"] != "SUCCEEDED" {
			t.Errorf("%s: %v", a, desc)
			continue
		}
		if got := fmt.Sprint(desc["output"]); !jsonval.Equal(jsonval.MustDecode(got), jsonval.MustDecode(SampleOutput(i))) {
			t.Errorf("%s: output %s, want %s", a, got, SampleOutput(i))
		}
		evs := apiHistory(t, api, a)
		if err := CheckHistory(evs); err != nil {
			t.Errorf("%s: %v", a, err)
		}
		if d := ShapeDiff(HistoryShape(evs), sampleShape); d != "" {
			t.Errorf("%s: history differs from the sample's: %s", a, d)
		}
	}
	esm.mu.Lock()
	t.Logf("%d executions: %d stepper invocations, %d records, %d partial failures", len(arns), esm.invocations, esm.records, esm.failures)
	esm.mu.Unlock()
}

// esmLoop plays Lambda's SQS event source mapping for the stepper binaries.
type esmLoop struct {
	t        *testing.T
	lambda   *lambda.Client
	sqs      *sqs.Client
	queueURL string
	template lambdaevents.SQSMessage

	mu                             sync.Mutex
	invocations, records, failures int
}

func (e *esmLoop) run(ctx context.Context, fn string) {
	for ctx.Err() == nil {
		out, err := e.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: &e.queueURL, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 5,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll},
		})
		if err != nil || len(out.Messages) == 0 {
			continue
		}
		failed, err := e.invoke(ctx, fn, out.Messages)
		if err != nil {
			if ctx.Err() == nil {
				e.t.Errorf("invoke %s: %v", fn, err)
			}
			continue // the whole batch comes back after the visibility timeout
		}
		var del []sqstypes.DeleteMessageBatchRequestEntry
		for i, m := range out.Messages {
			if !failed[aws.ToString(m.MessageId)] {
				del = append(del, sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle})
			}
		}
		if len(del) > 0 {
			_, _ = e.sqs.DeleteMessageBatch(context.WithoutCancel(ctx), &sqs.DeleteMessageBatchInput{QueueUrl: &e.queueURL, Entries: del})
		}
	}
}

// invoke sends one SQS event to the stepper and returns the ids of its
// batch item failures.
func (e *esmLoop) invoke(ctx context.Context, fn string, msgs []sqstypes.Message) (map[string]bool, error) {
	var ev lambdaevents.SQSEvent
	for _, m := range msgs {
		rec := e.template
		rec.MessageId, rec.ReceiptHandle, rec.Body = aws.ToString(m.MessageId), aws.ToString(m.ReceiptHandle), aws.ToString(m.Body)
		rec.Md5OfBody = aws.ToString(m.MD5OfBody)
		rec.Attributes = m.Attributes
		ev.Records = append(ev.Records, rec)
	}
	payload, _ := json.Marshal(ev)
	out, err := e.lambda.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(fn), Payload: payload})
	if err != nil {
		return nil, err
	}
	if out.FunctionError != nil {
		return nil, fmt.Errorf("function error %s: %s", aws.ToString(out.FunctionError), out.Payload)
	}
	var resp lambdaevents.SQSEventResponse
	if err := json.Unmarshal(out.Payload, &resp); err != nil {
		return nil, fmt.Errorf("response %s: %w", out.Payload, err)
	}
	failed := map[string]bool{}
	for _, f := range resp.BatchItemFailures {
		failed[f.ItemIdentifier] = true
	}
	e.mu.Lock()
	e.invocations++
	e.records += len(msgs)
	e.failures += len(failed)
	e.mu.Unlock()
	return failed, nil
}

// sqsTemplate is the first record of events/stepper/sqs-batch.json: the
// fields Lambda sets that the queue does not (event source, region, ARN).
func sqsTemplate(t *testing.T) lambdaevents.SQSMessage {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", "stepper", "sqs-batch.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ev lambdaevents.SQSEvent
	if err := json.Unmarshal(b, &ev); err != nil || len(ev.Records) == 0 {
		t.Fatalf("sqs-batch.json: %v", err)
	}
	return ev.Records[0]
}

// approve answers every callback request on the approvals queue through
// the API's SendTaskSuccess.
func approve(ctx context.Context, t *testing.T, api *apiLambda, q *sqs.Client, url string) {
	base := sampleEvent(t, "start-execution.json")
	for ctx.Err() == nil {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		if err != nil {
			continue
		}
		for _, m := range out.Messages {
			var req struct {
				ID    int64  `json:"id"`
				Token string `json:"token"`
			}
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &req); err != nil {
				t.Errorf("callback request %s: %v", aws.ToString(m.Body), err)
				continue
			}
			body, _ := json.Marshal(map[string]string{"taskToken": req.Token, "output": ApprovalOutput(req.ID)})
			api.call(t, withCall(t, base, "SendTaskSuccess", string(body)), 200, "")
			_, _ = q.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: &url, ReceiptHandle: m.ReceiptHandle})
		}
	}
}

// waitDescribed polls DescribeExecution until the execution has ended.
func waitDescribed(ctx context.Context, t *testing.T, api *apiLambda, arn string) map[string]any {
	t.Helper()
	base := sampleEvent(t, "start-execution.json")
	for {
		desc := api.call(t, withCall(t, base, "DescribeExecution", `{"executionArn":"`+arn+`"}`), 200, "")
		if desc["status"] != "RUNNING" || ctx.Err() != nil {
			return desc
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// apiHistory reads an execution's history through GetExecutionHistory.
func apiHistory(t *testing.T, api *apiLambda, arn string) []history.Event {
	t.Helper()
	base := sampleEvent(t, "start-execution.json")
	resp := api.call(t, withCall(t, base, "GetExecutionHistory", `{"executionArn":"`+arn+`","maxResults":1000}`), 200, "")
	raw, _ := json.Marshal(resp["events"])
	var evs []map[string]any
	if err := json.Unmarshal(raw, &evs); err != nil {
		t.Fatalf("history of %s: %v", arn, err)
	}
	out := make([]history.Event, 0, len(evs))
	for _, e := range evs {
		typ := fmt.Sprint(e["type"])
		var kv []any
		if d, ok := e[history.DetailsKey(typ)].(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(d)) {
				kv = append(kv, k, fmt.Sprint(d[k]))
			}
		}
		ev := history.New(typ, kv...)
		id, _ := e["id"].(float64)
		prev, _ := e["previousEventId"].(float64)
		ev.ID, ev.PreviousEventID = int64(id), int64(prev)
		out = append(out, ev)
	}
	return out
}
