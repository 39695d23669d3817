// Command attempt is a Lambda handler that returns the task attempt's
// identity it finds in its client context (lambdatask.AttemptIDKey).
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"
)

func handle(ctx context.Context) (map[string]string, error) {
	id := ""
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		id = lc.ClientContext.Custom["stepwise-attempt-id"]
	}
	return map[string]string{"attemptId": id}, nil
}

func main() { lambda.Start(handle) }
