// Package stacks defines Stepwise's CloudFormation stacks: a long-lived data
// stack (the table) and a replaceable service stack (queues, functions, API).
package stacks

import (
	"fmt"
	"regexp"
	"strconv"
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
	for _, arn := range s.AllowedTaskResources {
		if err := checkTaskResource(arn, s.AllowAllTaskResources); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", CtxAllowedTaskResources, err))
		}
	}
	return errs
}

// checkTaskResource accepts Lambda function ARNs and patterns over them: the
// stepper is granted lambda:InvokeFunction and nothing else, so any other
// service's ARN would be a silent no-op. An entry that allows every
// function is refused unless allowAll says it is meant.
func checkTaskResource(arn string, allowAll bool) error {
	if everyFunction(arn) {
		if allowAll {
			return nil
		}
		return fmt.Errorf("%q allows every Lambda function: name the functions (e.g. arn:aws:lambda:us-east-1:123456789012:function:orders-*), or set %s=true to grant them all", arn, CtxAllowAllTaskResources)
	}
	if _, ok := lambdaName(arn); !ok {
		return fmt.Errorf("%q: want arn:<partition>:lambda:<region>:<account>:function:<name> (wildcards * and ? allowed)", arn)
	}
	return nil
}

// everyFunction reports whether a pattern allows every function (of its
// account and region, or beyond): "*", "arn:aws:*", "…:function:*",
// "…:function:*:*", ….
func everyFunction(arn string) bool {
	if name, ok := lambdaName(arn); ok {
		return strings.Contains(name, "*") && strings.Trim(name, "*?") == ""
	}
	return config.MatchPattern(arn, "arn:aws:lambda:us-east-1:123456789012:function:any-function")
}

// lambdaName returns the function name (without qualifier) of a Lambda
// function ARN or pattern.
func lambdaName(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function" || parts[6] == "" {
		return "", false
	}
	name, _, _ := strings.Cut(parts[6], ":")
	return name, true
}

type reader struct {
	get  func(string) any
	errs []string
}

func (r *reader) fail(key string, v any, want string) {
	r.errs = append(r.errs, fmt.Sprintf("%s %v: want %s", key, v, want))
}

func (r *reader) str(key string, dst *string) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		*dst = strings.TrimSpace(v)
	default:
		r.fail(key, v, "a string")
	}
}

func (r *reader) intIn(key string, dst *int, lo, hi int) {
	var n int
	switch v := r.get(key).(type) {
	case nil:
		return
	case float64: // JSON numbers from cdk.json
		if v != float64(int(v)) {
			r.fail(key, v, "a whole number")
			return
		}
		n = int(v)
	case string:
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			r.fail(key, v, "a whole number")
			return
		}
		n = i
	default:
		r.fail(key, v, "a whole number")
		return
	}
	if n < lo || n > hi {
		r.fail(key, n, fmt.Sprintf("a number from %d to %d", lo, hi))
		return
	}
	*dst = n
}

func (r *reader) boolean(key string, dst *bool) {
	switch v := r.get(key).(type) {
	case nil:
	case bool:
		*dst = v
	case string:
		b, err := strconv.ParseBool(strings.TrimSpace(v))
		if err != nil {
			r.fail(key, v, "true or false")
			return
		}
		*dst = b
	default:
		r.fail(key, v, "true or false")
	}
}

// limits applies a limits spec string over dst.
func (r *reader) limits(key string, dst *limits.Limits) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		l, err := dst.Parse(v)
		if err != nil {
			r.fail(key, v, fmt.Sprintf("a limits spec (%v)", err))
			return
		}
		*dst = l
	default:
		r.fail(key, v, `a limits spec string, e.g. "history-events=50000,express-duration=10m"`)
	}
}

// list accepts a JSON array of strings (cdk.json) or a comma-separated
// string (`-c allowedTaskResources=arn1,arn2`).
func (r *reader) list(key string, dst *[]string) {
	switch v := r.get(key).(type) {
	case nil:
	case string:
		*dst = config.SplitList(v)
	case []any:
		out := make([]string, 0, len(v))
		for _, item := range v {
			s, ok := item.(string)
			if !ok {
				r.fail(key, v, "a list of strings")
				return
			}
			out = append(out, config.SplitList(s)...)
		}
		*dst = out
	default:
		r.fail(key, v, "a list of strings or a comma-separated string")
	}
}
