package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/jsii-runtime-go"

	"github.com/stepwise/stepwise/shared/config"
)

// newDLQAlarm fires as soon as one step message is dead-lettered: each one is
// an execution that stopped moving. It notifies topicArn when one is given.
func newDLQAlarm(stack awscdk.Stack, dlq awssqs.Queue, topicArn string) awscloudwatch.Alarm {
	metric := dlq.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{
		Period:    awscdk.Duration_Minutes(jsii.Number(1)),
		Statistic: jsii.String("Maximum"),
	})
	alarm := awscloudwatch.NewAlarm(stack, jsii.String("DeadLetterQueueAlarm"), &awscloudwatch.AlarmProps{
		AlarmDescription:   jsii.String("Stepwise step messages in the dead-letter queue: executions are stuck"),
		Metric:             metric,
		Threshold:          jsii.Number(0),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_THRESHOLD,
		EvaluationPeriods:  jsii.Number(1),
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})
	if topicArn != "" {
		topic := awssns.Topic_FromTopicArn(stack, jsii.String("AlarmTopic"), jsii.String(topicArn))
		alarm.AddAlarmAction(awscloudwatchactions.NewSnsAction(topic))
		alarm.AddOkAction(awscloudwatchactions.NewSnsAction(topic))
	}
	return alarm
}

// executionMetric is a metric the runner emits through embedded metric
// format logs, named as AWS Step Functions names it.
func executionMetric(stage, name, statistic string) awscloudwatch.Metric {
	return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
		Namespace:  jsii.String(config.DefaultMetricsNamespace),
		MetricName: jsii.String(name),
		DimensionsMap: &map[string]*string{
			config.MetricDimensionStage: jsii.String(stage),
		},
		Statistic: jsii.String(statistic),
		Period:    awscdk.Duration_Minutes(jsii.Number(5)),
	})
}

func newDashboard(stack awscdk.Stack, s *ServiceStack, set Settings) awscloudwatch.Dashboard {
	counts := []awscloudwatch.IMetric{}
	for _, name := range []string{config.MetricExecutionsStarted, config.MetricExecutionsSucceeded,
		config.MetricExecutionsFailed, config.MetricExecutionsTimedOut, config.MetricExecutionsAborted} {
		counts = append(counts, executionMetric(set.Stage, name, "Sum"))
	}
	times := []awscloudwatch.IMetric{
		executionMetric(set.Stage, config.MetricExecutionTime, "p50"),
		executionMetric(set.Stage, config.MetricExecutionTime, "p99"),
	}
	d := awscloudwatch.NewDashboard(stack, jsii.String("Dashboard"), &awscloudwatch.DashboardProps{})
	d.AddWidgets(
		graph("Executions", counts...),
		graph("ExecutionTime (ms)", times...),
		graph("Step queue", s.Queue.MetricApproximateNumberOfMessagesVisible(nil),
			s.Queue.MetricApproximateAgeOfOldestMessage(nil), s.DLQ.MetricApproximateNumberOfMessagesVisible(nil)),
	)
	row := []awscloudwatch.IWidget{
		graph("Stepper", s.Stepper.MetricInvocations(nil), s.Stepper.MetricErrors(nil), s.Stepper.MetricThrottles(nil)),
		graph("API function", s.API.MetricInvocations(nil), s.API.MetricErrors(nil), s.API.MetricDuration(nil)),
	}
	if s.HTTPAPI != nil {
		row = append(row, graph("HTTP API", s.HTTPAPI.MetricCount(nil), s.HTTPAPI.MetricClientError(nil), s.HTTPAPI.MetricServerError(nil)))
	}
	d.AddWidgets(row...)
	return d
}

func graph(title string, metrics ...awscloudwatch.IMetric) awscloudwatch.GraphWidget {
	return awscloudwatch.NewGraphWidget(&awscloudwatch.GraphWidgetProps{
		Title: jsii.String(title),
		Left:  &metrics,
		Width: jsii.Number(8),
	})
}
