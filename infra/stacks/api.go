package stacks

import (
	"encoding/json"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigateway"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/jsii-runtime-go"
)

// newHTTPAPI fronts the API function with an HTTP API whose only route,
// $default, requires SigV4 (AWS_IAM): Step Functions clients already sign, so
// pointing them at this endpoint with signing name execute-api is enough.
func newHTTPAPI(stack awscdk.Stack, fn awslambda.Function, set Settings) (awsapigatewayv2.HttpApi, awsapigatewayv2.HttpStage) {
	integration := awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String("ApiIntegration"), fn,
		&awsapigatewayv2integrations.HttpLambdaIntegrationProps{
			PayloadFormatVersion: awsapigatewayv2.PayloadFormatVersion_VERSION_2_0(),
		})
	api := awsapigatewayv2.NewHttpApi(stack, jsii.String("HttpApi"), &awsapigatewayv2.HttpApiProps{
		Description:        jsii.String("Stepwise (" + set.Stage + "): AWS Step Functions API"),
		DefaultIntegration: integration,
		DefaultAuthorizer:  awsapigatewayv2authorizers.NewHttpIamAuthorizer(),
		// The default stage is made below, with throttling and access logs.
		CreateDefaultStage: jsii.Bool(false),
	})
	logs := awslogs.NewLogGroup(stack, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     retention(set.RetentionDays),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY,
	})
	stage := awsapigatewayv2.NewHttpStage(stack, jsii.String("DefaultStage"), &awsapigatewayv2.HttpStageProps{
		HttpApi:    api,
		StageName:  jsii.String("$default"),
		AutoDeploy: jsii.Bool(true),
		Throttle: &awsapigatewayv2.ThrottleSettings{
			RateLimit:  jsii.Number(float64(set.APIThrottleRate)),
			BurstLimit: jsii.Number(float64(set.APIThrottleBurst)),
		},
		AccessLogSettings: &accessLogs{
			destination: awsapigatewayv2.NewLogGroupLogDestination(logs),
			format:      awsapigateway.AccessLogFormat_Custom(jsii.String(accessLogFormat())),
		},
	})
	return api, stage
}

// accessLogs implements the jsii interface IAccessLogSettings in Go.
type accessLogs struct {
	destination awsapigatewayv2.IAccessLogDestination
	format      awsapigateway.AccessLogFormat
}

func (a accessLogs) Destination() awsapigatewayv2.IAccessLogDestination { return a.destination }
func (a accessLogs) Format() awsapigateway.AccessLogFormat              { return a.format }

// accessLogFormat is one JSON object per request, with HTTP API context
// variables only. The caller's ARN comes from the SigV4 identity; the
// operation is in the X-Amz-Target header, which HTTP APIs cannot log, so the
// API function logs it with the request id.
func accessLogFormat() string {
	b, _ := json.Marshal(map[string]string{
		"requestId":          "$context.requestId",
		"requestTime":        "$context.requestTimeEpoch",
		"sourceIp":           "$context.identity.sourceIp",
		"userArn":            "$context.identity.userArn",
		"httpMethod":         "$context.httpMethod",
		"path":               "$context.path",
		"routeKey":           "$context.routeKey",
		"status":             "$context.status",
		"responseLength":     "$context.responseLength",
		"integrationLatency": "$context.integrationLatency",
		"integrationError":   "$context.integrationErrorMessage",
		"error":              "$context.error.message",
	})
	return string(b)
}
