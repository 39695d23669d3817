//go:build integration

package integration

import (
	"context"
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
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/test/harness"
)

// TestServe_RestartResumesExecutions kills `stepwise serve` (SIGKILL) while
// executions wait, restarts it on the same DynamoDB table and SQS queue,
// and checks that every execution finishes where it stood.
func TestServe_RestartResumesExecutions(t *testing.T) {
	em := harness.StartAll(t)
	bin := buildStepwise(t)
	port := freeLoopbackPort(t)
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION="+harness.Region,
		"SQS_ENDPOINT="+em.SQSEndpoint, "DYNAMODB_ENDPOINT="+em.DynamoEndpoint)
	start := func() (*exec.Cmd, chan struct{}) {
		cmd := exec.Command(bin, "serve", "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--create-resources", "--table", "restart", "--queue", "restart-steps")
		cmd.Env = env
		logs := &lockedBuffer{}
		cmd.Stdout, cmd.Stderr = logs, logs
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatalf("start serve: %v", err)
		}
		exited := make(chan struct{})
		go func() { _ = cmd.Wait(); close(exited) }()
		if err := waitPort(net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), exited, 20*time.Second); err != nil {
			t.Fatalf("serve: %v\n%s", err, logs.String())
		}
		return cmd, exited
	}
	first, exited := start()
	client := sfnClient("http://" + net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	def := `{"StartAt":"Before","States":{"Before":{"Type":"Pass","Result":{"n":1},"Next":"Wait"},
	 "Wait":{"Type":"Wait","Seconds":3,"Next":"After"},
	 "After":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.n, 41)"},"End":true}}}`
	sm, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("restart"), Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::000000000000:role/x")})
	if err != nil {
		t.Fatal(err)
	}
	var arns []string
	for i := 0; i < 5; i++ {
		out, err := client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn})
		if err != nil {
			t.Fatal(err)
		}
		arns = append(arns, aws.ToString(out.ExecutionArn))
	}
	time.Sleep(1500 * time.Millisecond) // the executions now sit in their Wait
	_ = syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
	<-exited

	second, exited2 := start()
	defer stopPID(t, second.Process.Pid, exited2)
	for _, arn := range arns {
		for {
			d, err := client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
			if err != nil {
				t.Fatal(err)
			}
			if d.Status != types.ExecutionStatusRunning {
				if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"sum":42}` {
					t.Fatalf("%s: %s %s", arn, d.Status, aws.ToString(d.Output))
				}
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s never finished after the restart", arn)
			case <-time.After(100 * time.Millisecond):
			}
		}
		h, err := client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: aws.String(arn)})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for i, e := range h.Events {
			if e.Id != int64(i+1) {
				t.Errorf("%s: event %d has id %d", arn, i, e.Id)
			}
			got = append(got, string(e.Type))
		}
		want := "ExecutionStarted PassStateEntered PassStateExited WaitStateEntered WaitStateExited PassStateEntered PassStateExited ExecutionSucceeded"
		if strings.Join(got, " ") != want {
			t.Errorf("%s: history %v", arn, got)
		}
	}
}
