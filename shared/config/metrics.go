package config

// Metric names as AWS Step Functions names them, so that dashboards and
// alarms written for Step Functions read the same. The runner emits them as
// embedded metric format logs in the namespace EnvMetricsNamespace names
// (DefaultMetricsNamespace unless set), with the dimension MetricDimensionStage;
// infra plots them.
const (
	MetricExecutionsStarted   = "ExecutionsStarted"
	MetricExecutionsSucceeded = "ExecutionsSucceeded"
	MetricExecutionsFailed    = "ExecutionsFailed"
	MetricExecutionsAborted   = "ExecutionsAborted"
	MetricExecutionsTimedOut  = "ExecutionsTimedOut"
	MetricExecutionThrottled  = "ExecutionThrottled"
	MetricExecutionTime       = "ExecutionTime" // milliseconds

	// MetricDimensionStage carries the stage name so that stages sharing an
	// account and region keep separate series.
	MetricDimensionStage = "Stage"
)
