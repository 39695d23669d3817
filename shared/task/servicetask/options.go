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

func sqsOptions(o *sqs.Options) {
	o.Retryer = aws.NopRetryer{}
	o.APIOptions = withoutValidation(o.APIOptions)
}

func snsOptions(o *sns.Options) {
	o.Retryer = aws.NopRetryer{}
	o.APIOptions = withoutValidation(o.APIOptions)
}

func eventsOptions(o *eventbridge.Options) {
	o.Retryer = aws.NopRetryer{}
	o.APIOptions = withoutValidation(o.APIOptions)
}

func dynamoOptions(o *dynamodb.Options) {
	o.Retryer = aws.NopRetryer{}
	o.APIOptions = withoutValidation(o.APIOptions)
}

// withoutValidation appends to a clipped copy: the slice may be shared with
// the client and with concurrent calls.
func withoutValidation(opts []func(*middleware.Stack) error) []func(*middleware.Stack) error {
	return append(slices.Clip(opts), func(s *middleware.Stack) error {
		_, _ = s.Initialize.Remove("OperationInputValidation") // absent on operations without required members
		return nil
	})
}
