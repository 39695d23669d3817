// Command add is a Lambda handler that returns {"sum": a+b} for {"a", "b"}.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type operands struct {
	A float64 `json:"a"`
	B float64 `json:"b"`
}

type sum struct {
	Sum float64 `json:"sum"`
}

func handle(_ context.Context, in operands) (sum, error) { return sum{Sum: in.A + in.B}, nil }

func main() { lambda.Start(handle) }
