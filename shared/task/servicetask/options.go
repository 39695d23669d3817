package servicetask

import (
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
)

// Per-call client options. SDK retries are off: a retried send could
// deliver twice, and the state's Retry field governs retries as in Step
// Functions. Client-side input validation is off too, so that a missing
// member reaches the service and fails with the service's own error, as in
// Step Functions (SQS.AmazonSQSException "…must contain the parameter…").
// Calls sign with creds, the role of the Task's Credentials, when set.

func sqsOptions(creds aws.CredentialsProvider) func(*sqs.Options) {
	return func(o *sqs.Options) {
		o.Retryer = aws.NopRetryer{}
		o.APIOptions = withoutValidation(o.APIOptions)
		if creds != nil {
			o.Credentials = creds
		}
	}
}

func snsOptions(creds aws.CredentialsProvider) func(*sns.Options) {
	return func(o *sns.Options) {
		o.Retryer = aws.NopRetryer{}
		o.APIOptions = withoutValidation(o.APIOptions)
		if creds != nil {
			o.Credentials = creds
		}
	}
}

func eventsOptions(creds aws.CredentialsProvider) func(*eventbridge.Options) {
	return func(o *eventbridge.Options) {
		o.Retryer = aws.NopRetryer{}
		o.APIOptions = withoutValidation(o.APIOptions)
		if creds != nil {
			o.Credentials = creds
		}
	}
}

func dynamoOptions(creds aws.CredentialsProvider) func(*dynamodb.Options) {
	return func(o *dynamodb.Options) {
		o.Retryer = aws.NopRetryer{}
		o.APIOptions = withoutValidation(o.APIOptions)
		if creds != nil {
			o.Credentials = creds
		}
	}
}

// withoutValidation appends to a clipped copy: the slice may be shared with
// the client and with concurrent calls.
func withoutValidation(opts []func(*middleware.Stack) error) []func(*middleware.Stack) error {
	return append(slices.Clip(opts), func(s *middleware.Stack) error {
		_, _ = s.Initialize.Remove("OperationInputValidation") // absent on operations without required members
		return nil
	})
}
