// Command echo is a Lambda handler that returns its event unchanged.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
)

func handle(_ context.Context, event json.RawMessage) (json.RawMessage, error) {
	if len(event) == 0 {
		return json.RawMessage("null"), nil
	}
	return event, nil
}

func main() { lambda.Start(handle) }
