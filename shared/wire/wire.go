// Package wire assembles the runtime from its parts: the AWS adapters (for
// the Lambda functions and `stepwise serve` against AWS endpoints) or the
// in-memory ones (embedded mode). main packages only call into here.
package wire

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/activity"
	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/metrics"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/apigwtask"
	"github.com/stepwise/stepwise/shared/task/bedrocktask"
	"github.com/stepwise/stepwise/shared/task/httptask"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// Service is an assembled Stepwise: store, queue, runner and API.
type Service struct {
	Store  store.Store
	Queue  queue.Sender
	Runner *runner.Runner
	API    *sfnapi.API
}

// Invoker routes Task resources to the AWS service invokers and Map item
// reads to S3 within lim, restricted to allowed when it is not empty; the
// invokers sign the calls of Tasks with Credentials with the roles that
// roles assumes.
func Invoker(awsCfg aws.Config, roles *taskrole.Roles, allowed []string, lim limits.Limits) *task.Mux {
	mux := &task.Mux{}
	s3reader.New(s3reader.FromConfig(awsCfg), lim).Register(mux)
	s3writer.New(s3reader.FromConfig(awsCfg)).Register(mux)
	lambdatask.New(lambda.NewFromConfig(awsCfg), roles).Register(mux)
	servicetask.New(servicetask.Clients{
		SQS: sqs.NewFromConfig(awsCfg), SNS: sns.NewFromConfig(awsCfg), DynamoDB: dynamodb.NewFromConfig(awsCfg),
		EventBridge: eventbridge.NewFromConfig(awsCfg), Roles: roles,
	}).Register(mux)
	sdk := sdktask.NewLazy(awsCfg, sdktask.Options{Roles: roles}, builtin.Services)
	sdk.Register(mux)
	jobtask.New(sdk, jobtask.Options{}).Register(mux)
	bedrocktask.New(sdk).Register(mux)
	apigwtask.New(awsCfg.Credentials, apigwtask.Options{Roles: roles}).Register(mux)
	httptask.New(httptask.Options{Connections: httptask.NewAWSConnections(awsCfg, roles), Region: awsCfg.Region, Roles: roles}).Register(mux)
	if len(allowed) > 0 {
		// Map readers and writers are not Task resources: IAM decides
		// which buckets they reach (infra's itemReaderS3, resultWriterS3).
		mux.Allow(allowed...)
		mux.Allow(s3reader.ResourceGetObject, s3reader.ResourceListObjectsV2, resultwriter.Resource)
		// HTTP Tasks: the connections the deployment grants decide.
		mux.Allow(httptask.Resource)
	}
	return mux
}

// FromAWS assembles the service on DynamoDB, SQS and the AWS task invokers.
// Endpoints come from the SDK's standard settings (AWS_ENDPOINT_URL, ...).
func FromAWS(awsCfg aws.Config, cfg config.Config, log *slog.Logger) Service {
	ttl := time.Duration(cfg.ExecutionTTLDays) * 24 * time.Hour
	st := dynamostore.New(dynamodb.NewFromConfig(awsCfg), cfg.Table, dynamostore.WithRetention(cfg.DataRetention()))
	q := sqsqueue.New(sqs.NewFromConfig(awsCfg), cfg.QueueURL)
	roles := taskrole.New(awsCfg, "")
	mux := Invoker(awsCfg, roles, cfg.AllowedTaskResources, cfg.Limits)
	if ttl == 0 {
		ttl = -1 // configured as never expiring
	}
	emf := metrics.NewEMF(os.Stdout, cfg.MetricsNamespace, cfg.Stage, nil)
	return Assemble(runner.Options{Store: st, Queue: q, Invoker: mux, Scope: Scope(cfg), Logger: log, Metrics: emf, ExecutionTTL: ttl, Limits: cfg.Limits}, mux, roles, true)
}

// Assemble builds the runner and the API; mux (the router behind
// opts.Invoker, if any) also gets the nested-execution integration, which
// needs the runner itself, and which assumes the role of a Task's
// Credentials through roles before it starts the child. With
// testStateRole, TestState's live Tasks act as the request's roleArn
// (deployed, as in AWS).
func Assemble(opts runner.Options, mux *task.Mux, roles *taskrole.Roles, testStateRole bool) Service {
	rt := runner.New(opts)
	// Activity tasks live in the store: the stepper submits them and the
	// API (another process when deployed) hands them out.
	activities := activity.StoreQueue{Tasks: opts.Store, PollInterval: 200 * time.Millisecond}
	if mux != nil {
		mux.Handle(runner.NestedResource, roles.Require(rt.NestedInvoker()))
		mux.Handle(activity.ResourcePrefix, activity.Invoker{Queue: activities})
	}
	api := sfnapi.New(opts.Store, rt, sfnapi.Options{Scope: opts.Scope, Invoker: opts.Invoker, Activities: activities, Limits: opts.Limits,
		AssumeTestStateRole: testStateRole})
	return Service{Store: opts.Store, Queue: opts.Queue, Runner: rt, API: api}
}

// Scope is the partition, region and account of the deployment.
func Scope(cfg config.Config) arn.Scope {
	s := arn.Default
	if cfg.Region != "" {
		s.Region = cfg.Region
	}
	if cfg.Account != "" {
		s.Account = cfg.Account
	}
	return s
}

// FromEnvironment loads the configuration (shared/config names) and the
// AWS SDK's settings, and assembles the service: what both Lambda
// functions do at startup. The logger writes JSON to stdout.
func FromEnvironment(ctx context.Context) (Service, *slog.Logger, error) {
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		return Service{}, nil, fmt.Errorf("configuration: %w", err)
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx)
	if err != nil {
		return Service{}, nil, fmt.Errorf("AWS configuration: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))
	return FromAWS(awsCfg, cfg, log), log, nil
}
