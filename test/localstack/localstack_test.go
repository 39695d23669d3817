//go:build integration

// Package localstack runs the end-to-end scenario against a Stepwise
// deployed into LocalStack with `make deploy-local` (cdklocal). It needs
// LOCALSTACK_ENDPOINT (e.g. http://localhost:4566); without it the suite is
// skipped, since LocalStack is optional (the emulator suite in
// test/integration covers the same paths on every run).
package localstack

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudformation"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func endpoint(t *testing.T) string {
	ls := os.Getenv("LOCALSTACK_ENDPOINT")
	if ls == "" {
		t.Skip("LOCALSTACK_ENDPOINT is not set: deploy with `make deploy-local` and set it to run this suite")
	}
	if api := os.Getenv("STEPWISE_ENDPOINT"); api != "" {
		return api
	}
	cf := cloudformation.New(cloudformation.Options{Region: region(), BaseEndpoint: aws.String(ls), Credentials: creds()})
	out, err := cf.DescribeStacks(context.Background(), &cloudformation.DescribeStacksInput{})
	if err != nil {
		t.Fatalf("describe stacks on LocalStack: %v", err)
	}
	for _, s := range out.Stacks {
		for _, o := range s.Outputs {
			if k := aws.ToString(o.OutputKey); strings.Contains(k, "ApiUrl") || strings.Contains(k, "Endpoint") {
				return aws.ToString(o.OutputValue)
			}
		}
	}
	t.Fatal("no Stepwise API URL among the LocalStack stack outputs; set STEPWISE_ENDPOINT")
	return ""
}

func region() string {
	if r := os.Getenv("AWS_REGION"); r != "" {
		return r
	}
	return "us-east-1"
}

func creds() aws.CredentialsProvider {
	return credentials.NewStaticCredentialsProvider("test", "test", "")
}

// TestLocalStack_PassWorkflow creates a state machine, runs it through the
// deployed API Lambda and stepper, and checks output and history.
func TestLocalStack_PassWorkflow(t *testing.T) {
	url := endpoint(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	client := sfn.New(sfn.Options{Region: region(), BaseEndpoint: aws.String(url), Credentials: creds()}, sfn.WithSigV4SigningName("execute-api"))
	name := fmt.Sprintf("ls-%d", time.Now().UnixNano())
	def := `{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"n":1},"Next":"W"},"W":{"Type":"Wait","Seconds":1,"Next":"B"},"B":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.n, 41)"},"End":true}}}`
	sm, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(name), Definition: aws.String(def), RoleArn: aws.String("arn:aws:iam::000000000000:role/x")})
	if err != nil {
		t.Fatal(err)
	}
	start, err := client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	for {
		d, err := client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: start.ExecutionArn})
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != types.ExecutionStatusRunning {
			if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"sum":42}` {
				t.Fatalf("execution %s output %s", d.Status, aws.ToString(d.Output))
			}
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	h, err := client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: start.ExecutionArn})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(h.Events); n != 9 {
		t.Errorf("history has %d events, want 9", n)
	}
}
