// Package config is the one home of Stepwise's environment variable names and
// of loading them. The CDK app (infra) sets these variables on the Lambda
// functions; the functions read them back with FromEnv. Neither side spells a
// name itself.
package config

// Environment variable names. Every STEPWISE_* name used anywhere in the
// repository is declared here.
const (
	// EnvTable names the DynamoDB table holding definitions, executions,
	// events and payloads. Required.
	EnvTable = "STEPWISE_TABLE"
	// EnvQueueURL is the URL of the step queue. Required.
	EnvQueueURL = "STEPWISE_QUEUE_URL"
	// EnvDLQURL is the URL of the step queue's dead-letter queue. Optional:
	// only tooling that inspects or redrives failed steps needs it.
	EnvDLQURL = "STEPWISE_DLQ_URL"
	// EnvStage is the deployment stage name (dev, prod, …). Optional.
	EnvStage = "STEPWISE_STAGE"
	// EnvLogLevel is a log/slog level name (debug, info, warn, error). Optional.
	EnvLogLevel = "STEPWISE_LOG_LEVEL"
	// EnvExecutionTTLDays is how many days a finished execution is kept
	// before DynamoDB's TTL removes it; 0 keeps executions forever. Optional.
	EnvExecutionTTLDays = "STEPWISE_EXECUTION_TTL_DAYS"
	// EnvRegion and EnvAccount are the region and account used in the ARNs
	// Stepwise builds. The account is required because Lambda does not expose
	// it; the region falls back to EnvAWSRegion.
	EnvRegion  = "STEPWISE_REGION"
	EnvAccount = "STEPWISE_ACCOUNT"
	// EnvAllowedTaskResources is a comma-separated list of task resource
	// ARNs or IAM-style patterns (* and ?) the stepper may invoke. Empty
	// means none. IAM enforces the same list; the runtime check gives a
	// clear error instead of an AccessDenied.
	EnvAllowedTaskResources = "STEPWISE_ALLOWED_TASK_RESOURCES"
	// EnvLimits overrides AWS's execution quotas that Stepwise enforces, as a
	// limits spec: "history-events=50000,express-duration=10m" (see
	// shared/limits). Optional: unset keeps AWS's quotas.
	EnvLimits = "STEPWISE_LIMITS"
	// EnvMetricsNamespace is the CloudWatch namespace of the embedded
	// metric format logs. Optional.
	EnvMetricsNamespace = "STEPWISE_METRICS_NAMESPACE"

	// EnvAWSRegion is set by the Lambda runtime and the AWS SDKs; it is the
	// fallback for EnvRegion and is never set by Stepwise itself.
	EnvAWSRegion = "AWS_REGION"
)

// Defaults for optional values.
const (
	DefaultStage            = "dev"
	DefaultLogLevel         = "info"
	DefaultExecutionTTLDays = 90
	DefaultMetricsNamespace = "Stepwise"
)
