package stacks

import (
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
)

// Function asset names: build/<name>/bootstrap, built from functions/<name>.
const (
	FunctionAPI     = "api"
	FunctionStepper = "stepper"
)

const (
	apiTimeoutSec   = 29                    // HTTP API integrations time out at 30 s
	maxReceiveCount = queue.MaxReceiveCount // deliveries of a step before it goes to the DLQ
)

// ServiceStackProps configures NewServiceStack.
type ServiceStackProps struct {
	StackProps awscdk.StackProps
	Data       *DataStack
	Settings   Settings
	AssetDir   string // holds <name>/bootstrap; DefaultAssetDir when empty
}

// ServiceStack holds the replaceable part: queues, functions, API, alarms.
type ServiceStack struct {
	Stack       awscdk.Stack
	Queue       awssqs.Queue
	DLQ         awssqs.Queue
	API         awslambda.Function
	Stepper     awslambda.Function
	HTTPAPI     awsapigatewayv2.HttpApi   // nil with EndpointFunctionURL
	Stage       awsapigatewayv2.HttpStage // nil with EndpointFunctionURL
	FunctionURL awslambda.FunctionUrl     // nil with EndpointHTTPAPI
	DLQAlarm    awscloudwatch.Alarm
	Dashboard   awscloudwatch.Dashboard
}

// NewServiceStack creates the step queue and its DLQ, the API and stepper
// functions with least-privilege grants, the IAM-authorized HTTP API, the
// DLQ alarm and the dashboard. It fails if the prebuilt assets are missing.
func NewServiceStack(scope constructs.Construct, id string, props ServiceStackProps) (*ServiceStack, error) {
	if props.Data == nil {
		return nil, fmt.Errorf("service stack %s: no data stack given", id)
	}
	if props.AssetDir == "" {
		props.AssetDir = DefaultAssetDir
	}
	if err := CheckAssets(props.AssetDir, FunctionAPI, FunctionStepper); err != nil {
		return nil, fmt.Errorf("service stack %s: %w", id, err)
	}
	s := &ServiceStack{Stack: awscdk.NewStack(scope, jsii.String(id), &props.StackProps)}
	set := props.Settings
	s.DLQ, s.Queue = newQueues(s.Stack, set)
	s.API, s.Stepper = newFunctions(s, props)
	grantAccess(s, props.Data, set)
	s.Stepper.AddEventSource(awslambdaeventsources.NewSqsEventSource(s.Queue, &awslambdaeventsources.SqsEventSourceProps{
		BatchSize:               jsii.Number(float64(set.StepperBatchSize)),
		MaxConcurrency:          jsii.Number(float64(set.StepperMaxConcurrency)),
		ReportBatchItemFailures: jsii.Bool(true), // one bad step must not redeliver its batch
	}))
	s.DLQAlarm = newDLQAlarm(s.Stack, s.DLQ, set.AlarmTopicArn)
	addEndpoint(s, set)
	s.Dashboard = newDashboard(s.Stack, s, set)
	output(s.Stack, "TableName", props.Data.Table.TableName(), "Stepwise table")
	output(s.Stack, "QueueUrl", s.Queue.QueueUrl(), "Step queue")
	output(s.Stack, "DeadLetterQueueUrl", s.DLQ.QueueUrl(), "Steps that failed every delivery")
	// The roles of taskRoles and testStateRoles must trust these in their
	// trust policies.
	output(s.Stack, "StepperRoleArn", s.Stepper.Role().RoleArn(), "Stepper role (runs Tasks; trusted by taskRoles)")
	output(s.Stack, "ApiRoleArn", s.API.Role().RoleArn(), "API role (runs TestState's Tasks; trusted by taskRoles and testStateRoles)")
	return s, nil
}

// newFunctions makes the API and stepper functions with the same
// environment; only memory and timeout differ.
func newFunctions(s *ServiceStack, props ServiceStackProps) (api, stepper awslambda.Function) {
	set := props.Settings
	base := goFunction{AssetDir: props.AssetDir, Architecture: set.LambdaArchitecture,
		RetentionDays: set.RetentionDays, Env: functionEnv(props.Data, s, set).Env()}
	a, st := base, base
	a.Name, a.MemoryMB, a.TimeoutSec = FunctionAPI, set.APIMemoryMB, apiTimeoutSec
	st.Name, st.MemoryMB, st.TimeoutSec = FunctionStepper, set.StepperMemoryMB, set.StepperTimeoutSeconds
	return newGoFunction(s.Stack, a), newGoFunction(s.Stack, st)
}

// addEndpoint puts the API function behind the HTTP API or a function URL,
// both requiring SigV4, and outputs its URL as ApiUrl.
func addEndpoint(s *ServiceStack, set Settings) {
	if set.APIEndpoint == EndpointFunctionURL {
		s.FunctionURL = s.API.AddFunctionUrl(&awslambda.FunctionUrlOptions{AuthType: awslambda.FunctionUrlAuthType_AWS_IAM})
		output(s.Stack, "ApiUrl", s.FunctionURL.Url(), "Stepwise endpoint (SigV4, signing name lambda)")
		return
	}
	s.HTTPAPI, s.Stage = newHTTPAPI(s.Stack, s.API, set)
	output(s.Stack, "ApiUrl", s.Stage.Url(), "Stepwise endpoint (SigV4, signing name execute-api)")
}

// newQueues makes the step queue and its DLQ. The step queue's visibility
// timeout is six times the stepper's timeout, as AWS advises for Lambda event
// sources, so a message is not redelivered while a batch is still running.
func newQueues(stack awscdk.Stack, set Settings) (dlq, queue awssqs.Queue) {
	dlq = awssqs.NewQueue(stack, jsii.String("DeadLetterQueue"), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)), // the SQS maximum, time to inspect
	})
	queue = awssqs.NewQueue(stack, jsii.String("StepQueue"), &awssqs.QueueProps{
		Encryption:        awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:        jsii.Bool(true),
		VisibilityTimeout: awscdk.Duration_Seconds(jsii.Number(float64(6 * set.StepperTimeoutSeconds))),
		DeadLetterQueue:   &awssqs.DeadLetterQueue{Queue: dlq, MaxReceiveCount: jsii.Number(maxReceiveCount)},
	})
	return dlq, queue
}

// functionEnv is the configuration both functions load with config.FromEnv;
// building it as a config.Config keeps infra and functions on the same names.
func functionEnv(data *DataStack, s *ServiceStack, set Settings) config.Config {
	level, _ := config.ParseLogLevel(set.LogLevel) // validated in SettingsFromContext
	return config.Config{
		Table:                *data.Table.TableName(),
		QueueURL:             *s.Queue.QueueUrl(),
		DLQURL:               *s.DLQ.QueueUrl(),
		Stage:                set.Stage,
		LogLevel:             level,
		ExecutionTTLDays:     set.ExecutionTTLDays,
		Region:               *awscdk.Aws_REGION(),
		Account:              *awscdk.Aws_ACCOUNT_ID(),
		AllowedTaskResources: set.AllowedTaskResources,
		MetricsNamespace:     config.DefaultMetricsNamespace,
		Limits:               set.Limits,
	}
}

// grantAccess gives each function exactly what it uses: on the table and
// its indexes the DynamoDB actions the store adapter calls (not
// GrantReadWriteData's BatchGetItem, Scan, …), sending to the
// step queue, and for the stepper invoking the allowed functions. The
// event source grants the stepper's receive/delete on the step queue itself.
func grantAccess(s *ServiceStack, data *DataStack, set Settings) {
	for _, fn := range []awslambda.Function{s.API, s.Stepper} {
		data.Table.Grant(fn, *jsii.Strings(dynamostore.IAMActions...)...)
		s.Queue.GrantSendMessages(fn)
	}
	grantMapS3(s, set)
	grantHTTPConnections(s, set)
	grantServiceActions(s, set)
	grantTaskRoles(s, set, *awscdk.Aws_PARTITION())
	if len(set.AllowedTaskResources) == 0 {
		return // no task resources: no lambda:InvokeFunction at all
	}
	awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee:      s.Stepper,
		Actions:      jsii.Strings("lambda:InvokeFunction"),
		ResourceArns: jsii.Strings(invokeResources(set.AllowedTaskResources, *awscdk.Aws_PARTITION())...),
	})
}

// invokeResources adds the qualified form (versions and aliases) of each
// unqualified function ARN, as Lambda's own grantInvoke does. A forced
// entry that is not a function ARN ("*", "arn:aws:*") becomes every
// function of the partition: lambda:InvokeFunction acts on nothing else,
// and no policy names Resource "*".
func invokeResources(allowed []string, partition string) []string {
	var out []string
	add := func(arn string) {
		if !slices.Contains(out, arn) {
			out = append(out, arn)
		}
	}
	for _, arn := range allowed {
		if _, ok := lambdaName(arn); !ok {
			add("arn:" + partition + ":lambda:*:*:function:*")
			continue
		}
		add(arn)
		if strings.Count(arn, ":") == 6 && !strings.HasSuffix(arn, "*") {
			add(arn + ":*")
		}
	}
	return out
}

func output(stack awscdk.Stack, id string, value *string, description string) {
	awscdk.NewCfnOutput(stack, jsii.String(id), &awscdk.CfnOutputProps{
		Value:       value,
		Description: jsii.String(description),
	})
}
