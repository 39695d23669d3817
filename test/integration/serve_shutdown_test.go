//go:build integration

package integration

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/test/harness"
	"github.com/stepwise/stepwise/test/rie"
)

// TestServe_SIGTERM sends SIGTERM (or SIGINT) to a durable `stepwise serve` while a
// step is in flight (a Task calling a Lambda that sleeps). With time to
// spare the step finishes and is committed before the process exits 0;
// with a shutdown timeout shorter than the step, the process exits 0 at
// once (had it waited, the step would be committed) and leaves the step's
// message unacknowledged in the queue, to be delivered again. Either way the execution is never failed by the
// shutdown.
func TestServe_SIGTERM(t *testing.T) {
	em := harness.StartAll(t)
	lambdas := rie.Start(t, rie.Function{Name: "slow", Package: "./test/functions/slow"})
	bin := buildStepwise(t)
	tests := []struct {
		name, shutdownTimeout string
		signal                os.Signal
		sleepMillis           int
		guard                 time.Duration // the longest the exit may take before the test gives up
		finished              bool
	}{
		{"SIGTERM finishes in-flight step", "60s", syscall.SIGTERM, 2000, 30 * time.Second, true},
		{"SIGINT leaves a longer step for redelivery", "200ms", os.Interrupt, 5000, 30 * time.Second, false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			table, queue := fmt.Sprintf("shutdown%d", i), fmt.Sprintf("shutdown%d-steps", i)
			srv := startDurableServe(t, bin, em, "LAMBDA_ENDPOINT="+lambdas.URL, "--table", table, "--queue", queue,
				"--shutdown-timeout", tt.shutdownTimeout)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			def := `{"StartAt":"Slow","States":{"Slow":{"Type":"Task","Resource":"` + rie.ARN("slow") + `","Next":"After"},
			 "After":{"Type":"Pass","End":true}}}`
			sm, err := srv.client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("slow"),
				Definition: aws.String(def), RoleArn: aws.String(roleARN)})
			if err != nil {
				t.Fatal(err)
			}
			start, err := srv.client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn,
				Input: aws.String(fmt.Sprintf(`{"sleepMillis":%d}`, tt.sleepMillis))})
			if err != nil {
				t.Fatal(err)
			}
			sq := em.SQS()
			url, err := sq.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(queue)})
			if err != nil {
				t.Fatal(err)
			}
			waitQueue(ctx, t, sq, *url.QueueUrl, func(visible, inFlight int) bool { return visible == 0 && inFlight == 1 })

			if err := srv.cmd.Process.Signal(tt.signal); err != nil {
				t.Fatal(err)
			}
			if err := srv.wait(tt.guard); err != nil {
				t.Fatalf("%v\n%s", err, srv.logs.String())
			}
			if code := srv.cmd.ProcessState.ExitCode(); code != 0 {
				t.Fatalf("exit status %d, want 0\n%s", code, srv.logs.String())
			}

			events := storedEventTypes(ctx, t, dynamostore.New(em.DynamoDB(), table), *start.ExecutionArn)
			if got := strings.Contains(events, "LambdaFunctionSucceeded"); got != tt.finished {
				t.Errorf("step committed before exit = %v, want %v; history: %s", got, tt.finished, events)
			}
			if strings.Contains(events, "Failed") || strings.Contains(events, "Aborted") {
				t.Errorf("the shutdown failed the execution: %s", events)
			}
			visible, inFlight := queueDepth(ctx, t, sq, *url.QueueUrl)
			if tt.finished && (visible != 1 || inFlight != 0) { // the next step's message, for the next serve
				t.Errorf("queue after exit: %d visible, %d in flight; want the next step only", visible, inFlight)
			}
			if !tt.finished && visible+inFlight != 1 { // the unacknowledged step, delivered again later
				t.Errorf("queue after exit: %d visible, %d in flight; want the unfinished step's message", visible, inFlight)
			}
		})
	}
}

// durableServe is a `stepwise serve` process on the emulators.
type durableServe struct {
	cmd    *exec.Cmd
	exited chan struct{}
	logs   *lockedBuffer
	client *sfn.Client
}

func startDurableServe(t *testing.T, bin string, em harness.Emulators, extra ...string) *durableServe {
	t.Helper()
	port := freeLoopbackPort(t)
	args := []string{"serve", "--port", strconv.Itoa(port), "--create-resources"} // default host: 127.0.0.1
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION="+harness.Region,
		"SQS_ENDPOINT="+em.SQSEndpoint, "DYNAMODB_ENDPOINT="+em.DynamoEndpoint)
	for _, x := range extra {
		if strings.Contains(x, "=") && !strings.HasPrefix(x, "-") {
			env = append(env, x)
		} else {
			args = append(args, x)
		}
	}
	s := &durableServe{cmd: exec.Command(bin, args...), exited: make(chan struct{}), logs: &lockedBuffer{}}
	s.cmd.Env = env
	s.cmd.Stdout, s.cmd.Stderr = s.logs, s.logs
	if err := s.cmd.Start(); err != nil {
		t.Fatalf("start serve: %v", err)
	}
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(func() {
		stopPID(t, s.cmd.Process.Pid, s.exited)
		if t.Failed() {
			t.Logf("stepwise serve output:\n%s", s.logs.String())
		}
	})
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitPort(addr, s.exited, 20*time.Second); err != nil {
		t.Fatalf("serve: %v\n%s", err, s.logs.String())
	}
	if want := "listening on http://" + addr + " [DynamoDB + SQS]"; !strings.Contains(s.logs.String(), want) {
		t.Fatalf("serve did not print %q:\n%s", want, s.logs.String())
	}
	s.client = sfnClient("http://" + addr)
	return s
}

// wait waits for the process to exit; limit is a guard against a hang.
func (s *durableServe) wait(limit time.Duration) error {
	select {
	case <-s.exited:
		return nil
	case <-time.After(limit):
		return fmt.Errorf("serve still running %v after the signal", limit)
	}
}

// storedEventTypes reads the committed history straight from the table.
func storedEventTypes(ctx context.Context, t *testing.T, st *dynamostore.Store, arn string) string {
	t.Helper()
	evs, err := runner.New(runner.Options{Store: st}).History(ctx, arn)
	if err != nil {
		t.Fatal(err)
	}
	types := make([]string, len(evs))
	for i, e := range evs {
		types[i] = e.Type
	}
	return strings.Join(types, " ")
}

func queueDepth(ctx context.Context, t *testing.T, sq *sqs.Client, url string) (visible, inFlight int) {
	t.Helper()
	out, err := sq.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{QueueUrl: aws.String(url), AttributeNames: []sqstypes.QueueAttributeName{
		sqstypes.QueueAttributeNameApproximateNumberOfMessages, sqstypes.QueueAttributeNameApproximateNumberOfMessagesNotVisible}})
	if err != nil {
		t.Fatal(err)
	}
	visible, _ = strconv.Atoi(out.Attributes[string(sqstypes.QueueAttributeNameApproximateNumberOfMessages)])
	inFlight, _ = strconv.Atoi(out.Attributes[string(sqstypes.QueueAttributeNameApproximateNumberOfMessagesNotVisible)])
	return visible, inFlight
}

// waitQueue polls the queue until ok holds for its depth.
func waitQueue(ctx context.Context, t *testing.T, sq *sqs.Client, url string, ok func(visible, inFlight int) bool) {
	t.Helper()
	for {
		if ok(queueDepth(ctx, t, sq, url)) {
			return
		}
		select {
		case <-ctx.Done():
			t.Fatal("the step message was never received")
		case <-time.After(20 * time.Millisecond):
		}
	}
}
