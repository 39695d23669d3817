package local

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/queue/memqueue"
	"github.com/stepwise/stepwise/shared/queue/sqsqueue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/store/memstore"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/apigwtask"
	"github.com/stepwise/stepwise/shared/task/bedrocktask"
	"github.com/stepwise/stepwise/shared/task/httptask"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/lambdatask"
	"github.com/stepwise/stepwise/shared/task/mocktask"
	"github.com/stepwise/stepwise/shared/task/s3reader"
	"github.com/stepwise/stepwise/shared/task/s3writer"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/taskrole"
	"github.com/stepwise/stepwise/shared/wire"
)

// Endpoint variables, as Step Functions Local names them; AWS_ENDPOINT_URL
// (and the SDK's AWS_ENDPOINT_URL_<SERVICE>) apply as well.
const (
	EnvLambdaEndpoint   = "LAMBDA_ENDPOINT"
	EnvSQSEndpoint      = "SQS_ENDPOINT"
	EnvSNSEndpoint      = "SNS_ENDPOINT"
	EnvDynamoDBEndpoint = "DYNAMODB_ENDPOINT"
	EnvMockConfig       = "SFN_MOCK_CONFIG"
	EnvWaitTimeScale    = "WAIT_TIME_SCALE"
	EnvAWSEndpoint      = "AWS_ENDPOINT_URL"
)

// Options select the embedded mode's adapters.
type Options struct {
	Getenv          func(string) string
	MockConfigFile  string // overrides SFN_MOCK_CONFIG
	Table           string // DynamoDB table in durable mode
	Queue           string // SQS queue name in durable mode
	CreateResources bool
	WaitScale       float64 // 0 = WAIT_TIME_SCALE or 1
	// S3Dir, when set, stands a local folder in for S3 for Map item
	// readers and result writers: s3://bucket/key is the file S3Dir/bucket/key.
	S3Dir string
	// ConnectionsFile, when set, holds the EventBridge connections of HTTP
	// Tasks (JSON keyed by connection ARN); otherwise they are read from
	// EventBridge and Secrets Manager as deployed.
	ConnectionsFile string
	// Limits are the execution quotas (zero fields: AWS's).
	Limits limits.Limits
	Log    *slog.Logger
}

// Durable reports whether AWS endpoints are configured for the store and
// queue, which makes executions survive a restart.
func Durable(getenv func(string) string) bool {
	for _, k := range []string{EnvAWSEndpoint, EnvDynamoDBEndpoint, "AWS_ENDPOINT_URL_DYNAMODB"} {
		if getenv(k) != "" {
			return true
		}
	}
	return false
}

// Build assembles the service and the receiver its workers read.
func Build(ctx context.Context, o Options) (wire.Service, queue.Receiver, error) {
	loadOpts := []func(*awsconfig.LoadOptions) error{awsconfig.WithRegion(region(o.Getenv))}
	if Durable(o.Getenv) && o.Getenv("AWS_ACCESS_KEY_ID") == "" && o.Getenv("AWS_PROFILE") == "" {
		// Emulators accept any key; spare users from inventing one.
		loadOpts = append(loadOpts, awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("stepwise", "stepwise", "")))
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(ctx, loadOpts...)
	if err != nil {
		return wire.Service{}, nil, fmt.Errorf("AWS configuration: %w", err)
	}
	roles := taskrole.New(awsCfg, "") // STS at AWS_ENDPOINT_URL_STS, if set
	inv, mux, err := invoker(awsCfg, roles, o)
	if err != nil {
		return wire.Service{}, nil, err
	}
	opts := runner.Options{Invoker: inv, Clock: clock.Real{Scale: waitScale(o)}, Scope: arn.Default, Logger: o.Log, Limits: o.Limits}
	// TestState does not assume its roleArn here: serve, like Step Functions
	// Local, has no role to assume and calls with its own credentials.
	const testStateRole = false
	if !Durable(o.Getenv) {
		st, q := memstore.New(), memqueue.New()
		opts.Store, opts.Queue = st, q
		return wire.Assemble(opts, mux, roles, testStateRole), q, nil
	}
	st, q, err := durable(ctx, awsCfg, o)
	if err != nil {
		return wire.Service{}, nil, err
	}
	opts.Store, opts.Queue = st, q
	return wire.Assemble(opts, mux, roles, testStateRole), q, nil
}

// durable connects to DynamoDB and SQS, creating them when asked.
func durable(ctx context.Context, awsCfg aws.Config, o Options) (store.Store, *sqsqueue.Queue, error) {
	db := dynamodb.NewFromConfig(awsCfg, endpoint[dynamodb.Options](o.Getenv(EnvDynamoDBEndpoint), func(op *dynamodb.Options, u *string) { op.BaseEndpoint = u }))
	sq := sqs.NewFromConfig(awsCfg, endpoint[sqs.Options](o.Getenv(EnvSQSEndpoint), func(op *sqs.Options, u *string) { op.BaseEndpoint = u }))
	var url string
	if o.CreateResources {
		if err := dynamostore.CreateTable(ctx, db, o.Table); err != nil {
			return nil, nil, fmt.Errorf("create table %s: %w", o.Table, err)
		}
		u, _, err := sqsqueue.CreateQueues(ctx, sq, o.Queue)
		if err != nil {
			return nil, nil, fmt.Errorf("create queue %s: %w", o.Queue, err)
		}
		url = u
	} else {
		out, err := sq.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(o.Queue)})
		if err != nil {
			return nil, nil, fmt.Errorf("find queue %s (use --create-resources to create it): %w", o.Queue, err)
		}
		url = aws.ToString(out.QueueUrl)
	}
	return dynamostore.New(db, o.Table), sqsqueue.New(sq, url), nil
}

// invoker routes tasks to AWS (honouring the per-service endpoints) behind
// the mock configuration when one is given.
func invoker(awsCfg aws.Config, roles *taskrole.Roles, o Options) (task.Invoker, *task.Mux, error) {
	mux := &task.Mux{}
	get := o.Getenv
	s3reader.New(s3Source(awsCfg, o.S3Dir), o.Limits).Register(mux)
	s3writer.New(s3Source(awsCfg, o.S3Dir)).Register(mux)
	lambdatask.New(lambda.NewFromConfig(awsCfg, endpoint[lambda.Options](get(EnvLambdaEndpoint), func(op *lambda.Options, u *string) { op.BaseEndpoint = u })), roles).Register(mux)
	servicetask.New(servicetask.Clients{
		SQS:         sqs.NewFromConfig(awsCfg, endpoint[sqs.Options](get(EnvSQSEndpoint), func(op *sqs.Options, u *string) { op.BaseEndpoint = u })),
		SNS:         sns.NewFromConfig(awsCfg, endpoint[sns.Options](get(EnvSNSEndpoint), func(op *sns.Options, u *string) { op.BaseEndpoint = u })),
		DynamoDB:    dynamodb.NewFromConfig(awsCfg, endpoint[dynamodb.Options](get(EnvDynamoDBEndpoint), func(op *dynamodb.Options, u *string) { op.BaseEndpoint = u })),
		EventBridge: eventbridge.NewFromConfig(awsCfg),
		Roles:       roles,
	}).Register(mux)
	sdk := sdktask.NewLazy(awsCfg, sdktask.Options{Endpoints: sdkEndpoints(get), Roles: roles}, builtin.Services)
	sdk.Register(mux)
	jobtask.New(sdk, jobtask.Options{}).Register(mux)
	bedrocktask.New(sdk).Register(mux)
	apigwtask.New(awsCfg.Credentials, apigwtask.Options{Roles: roles}).Register(mux)
	if err := registerHTTP(mux, awsCfg, roles, o.ConnectionsFile); err != nil {
		return nil, nil, err
	}
	file := o.MockConfigFile
	if file == "" {
		file = get(EnvMockConfig)
	}
	if file == "" {
		return mux, mux, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, nil, fmt.Errorf("read mock configuration: %w", err)
	}
	cfg, err := mockconfig.Parse(data)
	if err != nil {
		return nil, nil, err
	}
	return mocktask.NewByTestCase(cfg, mux), mux, nil
}

// registerHTTP routes HTTP Tasks, their connections read from file when
// one is given, else from EventBridge and Secrets Manager.
func registerHTTP(mux *task.Mux, awsCfg aws.Config, roles *taskrole.Roles, file string) error {
	var conns httptask.Resolver = httptask.NewAWSConnections(awsCfg, roles)
	if file != "" {
		c, err := httptask.LoadConnections(file)
		if err != nil {
			return err
		}
		conns = c
	}
	httptask.New(httptask.Options{Connections: conns, Region: awsCfg.Region, Roles: roles}).Register(mux)
	return nil
}

// s3Source is the local folder standing in for S3 when one is given, else
// S3: Map readers read from it and result writers write to it.
func s3Source(awsCfg aws.Config, dir string) interface {
	s3reader.Source
	s3writer.Sink
} {
	if dir != "" {
		return s3reader.NewDir(dir)
	}
	return s3reader.FromConfig(awsCfg)
}

// sdkEndpoints applies Step Functions Local's endpoint variables to the
// aws-sdk integrations of the same services.
func sdkEndpoints(get func(string) string) map[string]string {
	return map[string]string{
		"lambda": get(EnvLambdaEndpoint), "sqs": get(EnvSQSEndpoint),
		"sns": get(EnvSNSEndpoint), "dynamodb": get(EnvDynamoDBEndpoint),
	}
}

// endpoint returns a client option that sets the base endpoint when url is set.
func endpoint[O any](url string, set func(*O, *string)) func(*O) {
	return func(o *O) {
		if url != "" {
			u := url
			set(o, &u)
		}
	}
}

func region(getenv func(string) string) string {
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if v := getenv(k); v != "" {
			return v
		}
	}
	return arn.DefaultRegion
}

func waitScale(o Options) float64 {
	if o.WaitScale > 0 {
		return o.WaitScale
	}
	if f, err := strconv.ParseFloat(o.Getenv(EnvWaitTimeScale), 64); err == nil && f > 0 {
		return f
	}
	return 1
}
