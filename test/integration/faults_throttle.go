//go:build integration

package integration

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/middleware"
)

// Throttle fails every Every-th request attempt of the SDK clients it is
// installed in with the service's throttling error, before the request is
// sent (the service refused it: nothing happened). It sits below the SDK's
// retryer, where a real throttle surfaces, so the clients' retry policy is
// part of what is tested.
type Throttle struct {
	Every    int64
	calls    atomic.Int64
	Injected atomic.Int64
}

func (t *Throttle) refuse() bool {
	if t.calls.Add(1)%t.Every != 0 {
		return false
	}
	t.Injected.Add(1)
	return true
}

// retryer is the SDK's standard retry policy with the back-off capped
// at 50 ms, so that the suite stays fast; the retry quota is kept.
func retryer() aws.Retryer {
	return retry.AddWithMaxBackoffDelay(retry.NewStandard(), 50*time.Millisecond)
}

// Dynamo installs the throttle in a DynamoDB client.
func (t *Throttle) Dynamo(o *dynamodb.Options) {
	o.Retryer = retryer()
	o.APIOptions = append(o.APIOptions, t.middleware(func() error {
		return &types.ProvisionedThroughputExceededException{
			Message: aws.String("The level of configured provisioned throughput for the table was exceeded."),
		}
	}))
}

// SQS installs the throttle in an SQS client.
func (t *Throttle) SQS(o *sqs.Options) {
	o.Retryer = retryer()
	o.APIOptions = append(o.APIOptions, t.middleware(func() error {
		return &smithy.GenericAPIError{Code: "RequestThrottled", Message: "Rate exceeded", Fault: smithy.FaultServer}
	}))
}

// middleware runs last in the finalize step, after the retryer, so that
// every attempt passes through it.
func (t *Throttle) middleware(refusal func() error) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Finalize.Add(middleware.FinalizeMiddlewareFunc("InjectThrottle",
			func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
				if t.refuse() {
					return middleware.FinalizeOutput{}, middleware.Metadata{}, refusal()
				}
				return next.HandleFinalize(ctx, in)
			}), middleware.After)
	}
}
