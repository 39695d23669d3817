// Command api is the Step Functions API Lambda behind API Gateway.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stepwise/stepwise/shared/wire"
)

func main() {
	svc, _, err := wire.FromEnvironment(context.Background())
	if err != nil {
		log.Fatalf("stepwise api: %v", err)
	}
	lambda.Start(NewHandler(svc.API))
}
