// Command slow is a Lambda handler that sleeps {"sleepMillis": N}
// milliseconds (honouring the invocation deadline) and then returns its
// event.
package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

func handle(ctx context.Context, event json.RawMessage) (json.RawMessage, error) {
	var in struct {
		SleepMillis int64 `json:"sleepMillis"`
	}
	_ = json.Unmarshal(event, &in) // non-object events just don't sleep
	select {
	case <-time.After(time.Duration(in.SleepMillis) * time.Millisecond):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return event, nil
}

func main() { lambda.Start(handle) }
