// Package stacks defines Stepwise's CloudFormation stacks: a long-lived data
// stack (the table) and a replaceable service stack (queues, functions, API).
package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/limits"
)

// CDK context keys (cdk.json "context" or `cdk -c key=value`).
const (
	CtxStage                 = "stage"
	CtxRetentionDays         = "retentionDays"
	CtxAPIMemoryMB           = "apiMemoryMb"
	CtxStepperMemoryMB       = "stepperMemoryMb"
	CtxLogLevel              = "logLevel"
	CtxAllowedTaskResources  = "allowedTaskResources"
	CtxAllowAllTaskResources = "allowAllTaskResources"
	CtxStepperMaxConcurrency = "stepperMaxConcurrency"
	CtxStepperBatchSize      = "stepperBatchSize"
	CtxStepperTimeoutSeconds = "stepperTimeoutSeconds"
	CtxTerminationProtection = "terminationProtection"
	CtxRetainData            = "retainData"
	CtxExecutionTTLDays      = "executionTtlDays"
	CtxAPIThrottleRate       = "apiThrottleRate"
	CtxAPIThrottleBurst      = "apiThrottleBurst"
	CtxAPIEndpoint           = "apiEndpoint"
	CtxLambdaArchitecture    = "lambdaArchitecture"
	CtxAlarmTopicArn         = "alarmTopicArn"
	CtxLimits                = "limits"
	CtxItemReaderS3          = "itemReaderS3"
	CtxResultWriterS3        = "resultWriterS3"
	CtxHTTPConnections       = "httpConnections"
)

// Lambda architectures (context lambdaArchitecture), named as Lambda names
// them. The bootstraps must be built for the same one (make lambdas
// LAMBDA_GOARCH=…).
const (
	ArchARM64 = "arm64"
	ArchX8664 = "x86_64" // for emulators on x86 hosts, e.g. LocalStack
)

// API endpoint kinds (context apiEndpoint).
const (
	// EndpointHTTPAPI is an API Gateway HTTP API (SigV4 signing name
	// execute-api), with throttling and access logs.
	EndpointHTTPAPI = "httpApi"
	// EndpointFunctionURL is a Lambda function URL (SigV4 signing name
	// lambda). It exists for LocalStack's free image, which has no API
	// Gateway v2; it has no stage throttling or access logs.
	EndpointFunctionURL = "functionUrl"
)

// Settings are the deployment choices read from CDK context.
type Settings struct {
	Stage                 string
	RetentionDays         int // log retention; one of CloudWatch Logs' allowed values
	APIMemoryMB           int
	StepperMemoryMB       int
	LogLevel              string
	AllowedTaskResources  []string // Lambda function ARNs or IAM patterns; none by default
	AllowAllTaskResources bool     // accept entries that allow every function ("*", …:function:*)
	StepperMaxConcurrency int
	StepperBatchSize      int
	StepperTimeoutSeconds int
	TerminationProtection bool
	RetainData            bool // the table survives stack deletion
	ExecutionTTLDays      int
	APIThrottleRate       int // steady requests per second
	APIThrottleBurst      int
	APIEndpoint           string // EndpointHTTPAPI or EndpointFunctionURL
	LambdaArchitecture    string // ArchARM64 or ArchX8664
	AlarmTopicArn         string // SNS topic the DLQ alarm notifies; none by default
	// Limits are the execution quotas the functions enforce: AWS's by
	// default, overridden by a limits spec ("history-events=50000,…").
	Limits limits.Limits
	// AllowedServiceActions are the "<action>=<resource>" grants Task
	// states need beyond Lambda (CtxAllowedServiceActions); none by default.
	AllowedServiceActions []string
	// ItemReaderS3 and ResultWriterS3 are the S3 locations ("bucket" or
	// "bucket/prefix") Map item readers may read and result writers may
	// write; none by default.
	ItemReaderS3, ResultWriterS3 []string
	// HTTPConnections are the EventBridge connection ARNs HTTP Tasks may
	// use ('*' allowed in names and ids); none by default.
	HTTPConnections []string
	// TaskRoles are the role ARNs (patterns allowed) Task Credentials may
	// name (CtxTaskRoles); none by default.
	TaskRoles []string
	// TestStateRoles are the role ARNs (patterns allowed) TestState's
	// roleArn may name (CtxTestStateRoles); none by default.
	TestStateRoles []string
}

// DefaultSettings are the values used for context keys that are not set.
func DefaultSettings() Settings {
	return Settings{
		Stage:                 config.DefaultStage,
		RetentionDays:         30,
		APIMemoryMB:           512,
		StepperMemoryMB:       1024,
		LogLevel:              config.DefaultLogLevel,
		StepperMaxConcurrency: 10,
		StepperBatchSize:      10,
		StepperTimeoutSeconds: 120,
		RetainData:            true,
		ExecutionTTLDays:      config.DefaultExecutionTTLDays,
		APIThrottleRate:       100,
		APIThrottleBurst:      200,
		APIEndpoint:           EndpointHTTPAPI,
		LambdaArchitecture:    ArchARM64,
		Limits:                limits.Default(),
	}
}

var stagePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]{0,31}$`)

// SettingsFromContext reads Settings through get (the app node's
// TryGetContext). Values from cdk.json arrive typed; values from `-c` arrive
// as strings; both are accepted. All problems are reported together.
func SettingsFromContext(get func(key string) any) (Settings, error) {
	s := DefaultSettings()
	r := reader{get: get}
	r.str(CtxStage, &s.Stage)
	r.intIn(CtxRetentionDays, &s.RetentionDays, 1, 3653)
	r.intIn(CtxAPIMemoryMB, &s.APIMemoryMB, 128, 10240)
	r.intIn(CtxStepperMemoryMB, &s.StepperMemoryMB, 128, 10240)
	r.str(CtxLogLevel, &s.LogLevel)
	r.list(CtxAllowedTaskResources, &s.AllowedTaskResources)
	r.boolean(CtxAllowAllTaskResources, &s.AllowAllTaskResources)
	r.intIn(CtxStepperMaxConcurrency, &s.StepperMaxConcurrency, 2, 1000) // SQS event source limits
	r.intIn(CtxStepperBatchSize, &s.StepperBatchSize, 1, 10)             // >10 needs a batching window
	r.intIn(CtxStepperTimeoutSeconds, &s.StepperTimeoutSeconds, 1, 900)
	r.boolean(CtxTerminationProtection, &s.TerminationProtection)
	r.boolean(CtxRetainData, &s.RetainData)
	r.intIn(CtxExecutionTTLDays, &s.ExecutionTTLDays, 0, 36500)
	r.intIn(CtxAPIThrottleRate, &s.APIThrottleRate, 1, 10000)
	r.intIn(CtxAPIThrottleBurst, &s.APIThrottleBurst, 1, 5000)
	r.str(CtxAPIEndpoint, &s.APIEndpoint)
	r.str(CtxLambdaArchitecture, &s.LambdaArchitecture)
	r.str(CtxAlarmTopicArn, &s.AlarmTopicArn)
	r.limits(CtxLimits, &s.Limits)
	r.list(CtxAllowedServiceActions, &s.AllowedServiceActions)
	r.list(CtxItemReaderS3, &s.ItemReaderS3)
	r.list(CtxResultWriterS3, &s.ResultWriterS3)
	r.list(CtxHTTPConnections, &s.HTTPConnections)
	r.list(CtxTaskRoles, &s.TaskRoles)
	r.list(CtxTestStateRoles, &s.TestStateRoles)
	r.errs = append(r.errs, s.validate()...)
	if len(r.errs) > 0 {
		return Settings{}, fmt.Errorf("invalid CDK context: %s", strings.Join(r.errs, "; "))
	}
	return s, nil
}

func (s Settings) validate() []string {
	var errs []string
	if !stagePattern.MatchString(s.Stage) {
		errs = append(errs, fmt.Sprintf("%s %q: want a letter then up to 31 letters, digits or '-'", CtxStage, s.Stage))
	}
	if _, ok := retentionDays[s.RetentionDays]; !ok {
		errs = append(errs, fmt.Sprintf("%s %d: not a CloudWatch Logs retention (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, …)", CtxRetentionDays, s.RetentionDays))
	}
	if _, err := config.ParseLogLevel(s.LogLevel); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", CtxLogLevel, err))
	}
	if s.APIEndpoint != EndpointHTTPAPI && s.APIEndpoint != EndpointFunctionURL {
		errs = append(errs, fmt.Sprintf("%s %q: want %q or %q", CtxAPIEndpoint, s.APIEndpoint, EndpointHTTPAPI, EndpointFunctionURL))
	}
	if s.LambdaArchitecture != ArchARM64 && s.LambdaArchitecture != ArchX8664 {
		errs = append(errs, fmt.Sprintf("%s %q: want %q or %q", CtxLambdaArchitecture, s.LambdaArchitecture, ArchARM64, ArchX8664))
	}
	if p := strings.Split(s.AlarmTopicArn, ":"); s.AlarmTopicArn != "" && (len(p) != 6 || p[0] != "arn" || p[2] != "sns") {
		errs = append(errs, fmt.Sprintf("%s %q: want arn:<partition>:sns:<region>:<account>:<topic>", CtxAlarmTopicArn, s.AlarmTopicArn))
	}
	errs = append(errs, checkServiceGrants(s.AllowedServiceActions, s.AllowAllTaskResources)...)
	errs = append(errs, checkS3Locations(CtxItemReaderS3, s.ItemReaderS3)...)
	errs = append(errs, checkS3Locations(CtxResultWriterS3, s.ResultWriterS3)...)
	errs = append(errs, checkHTTPConnections(s.HTTPConnections)...)
	errs = append(errs, checkTaskRoles(CtxTaskRoles, s.TaskRoles, s.AllowAllTaskResources)...)
	errs = append(errs, checkTaskRoles(CtxTestStateRoles, s.TestStateRoles, s.AllowAllTaskResources)...)
	for _, arn := range s.AllowedTaskResources {
		if err := checkTaskResource(arn, s.AllowAllTaskResources); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", CtxAllowedTaskResources, err))
		}
	}
	return errs
}
