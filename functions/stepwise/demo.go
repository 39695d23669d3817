package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// demoOptions are the flags of `stepwise demo`.
type demoOptions struct {
	sample, testCase, endpoint, events string
}

// demoCommand starts the embedded endpoint (unless --endpoint names one),
// then, as an AWS SDK client, creates a sample state machine, runs it with
// mocked tasks and prints the outcome as one JSON object.
func demoCommand(args []string, stdout, stderr io.Writer) int {
	var o demoOptions
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	fs.StringVar(&o.sample, "sample", "order-processing", "sample under events/")
	fs.StringVar(&o.testCase, "test-case", "HappyPath", "mock configuration test case")
	fs.StringVar(&o.endpoint, "endpoint", "", "an already running Stepwise endpoint (default: start one)")
	fs.StringVar(&o.events, "events", "events", "folder holding the samples")
	if _, err := parseFlags(fs, args); err != nil {
		fmt.Fprintf(stderr, "stepwise demo: %v\n%s", err, usage)
		return exitUsage
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := runDemo(ctx, o, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "stepwise demo: %v\n", err)
		return exitUsage
	}
	fmt.Fprintln(stdout, jsonval.String(out))
	return exitOK
}

func runDemo(ctx context.Context, o demoOptions, stderr io.Writer) (*jsonval.Object, error) {
	dir := filepath.Join(o.events, o.sample)
	def, err := os.ReadFile(filepath.Join(dir, "definition.asl.json"))
	if err != nil {
		return nil, fmt.Errorf("read sample: %w", err)
	}
	input, err := os.ReadFile(filepath.Join(dir, "input.json"))
	if err != nil {
		return nil, fmt.Errorf("read sample input: %w", err)
	}
	endpoint := o.endpoint
	if endpoint == "" {
		srvCtx, stop := context.WithCancel(ctx)
		defer stop()
		log := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
		srv, err := startServer(srvCtx, serveOptions{host: "127.0.0.1", workers: 4, mockConfig: filepath.Join(dir, "mock-config.json"), waitScale: 0.01}, func(string) string { return "" }, log)
		if err != nil {
			return nil, err
		}
		go func() { _ = srv.Serve(srvCtx) }()
		endpoint = srv.URL()
		fmt.Fprintf(stderr, "embedded Stepwise endpoint at %s\n", endpoint)
	}
	client := sfn.New(sfn.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(endpoint),
		Credentials: credentials.NewStaticCredentialsProvider("stepwise", "stepwise", ""),
	})
	smARN, err := ensureStateMachine(ctx, client, o.sample, string(def))
	if err != nil {
		return nil, err
	}
	start, err := client.StartExecution(ctx, &sfn.StartExecutionInput{
		StateMachineArn: aws.String(smARN + "#" + o.testCase), Input: aws.String(string(input)),
	})
	if err != nil {
		return nil, fmt.Errorf("StartExecution: %w", err)
	}
	desc, err := waitForExecution(ctx, client, aws.ToString(start.ExecutionArn))
	if err != nil {
		return nil, err
	}
	return demoResult(ctx, client, smARN, desc)
}

// ensureStateMachine creates the sample state machine or reuses it.
func ensureStateMachine(ctx context.Context, client *sfn.Client, name, def string) (string, error) {
	out, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def),
		RoleArn: aws.String("arn:aws:iam::000000000000:role/StepwiseDemo"),
	})
	var exists *types.StateMachineAlreadyExists
	if errors.As(err, &exists) {
		arn := fmt.Sprintf("arn:aws:states:us-east-1:000000000000:stateMachine:%s", name)
		_, err = client.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn), Definition: aws.String(def)})
		return arn, err
	}
	if err != nil {
		return "", fmt.Errorf("CreateStateMachine: %w", err)
	}
	return aws.ToString(out.StateMachineArn), nil
}

func waitForExecution(ctx context.Context, client *sfn.Client, arn string) (*sfn.DescribeExecutionOutput, error) {
	for {
		d, err := client.DescribeExecution(ctx, &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
		if err != nil {
			return nil, fmt.Errorf("DescribeExecution: %w", err)
		}
		if d.Status != types.ExecutionStatusRunning {
			return d, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("execution %s still running: %w", arn, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func demoResult(ctx context.Context, client *sfn.Client, smARN string, d *sfn.DescribeExecutionOutput) (*jsonval.Object, error) {
	hist, err := client.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: d.ExecutionArn, MaxResults: 1000})
	if err != nil {
		return nil, fmt.Errorf("GetExecutionHistory: %w", err)
	}
	out := jsonval.NewObject(7)
	out.Set("stateMachineArn", smARN)
	out.Set("executionArn", aws.ToString(d.ExecutionArn))
	out.Set("status", string(d.Status))
	if d.Output != nil {
		v, err := jsonval.DecodeString(*d.Output)
		if err != nil {
			return nil, fmt.Errorf("execution output: %w", err)
		}
		out.Set("output", v)
	}
	if d.Error != nil {
		out.Set("error", *d.Error)
	}
	if d.Cause != nil {
		out.Set("cause", *d.Cause)
	}
	out.Set("historyEvents", jsonval.NumberFromInt(int64(len(hist.Events))))
	return out, nil
}
