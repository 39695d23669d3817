// Command stepper is the SQS-triggered Lambda that runs one state per message.
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/stepwise/stepwise/shared/stepbatch"
	"github.com/stepwise/stepwise/shared/wire"
)

func main() {
	svc, logger, err := wire.FromEnvironment(context.Background())
	if err != nil {
		log.Fatalf("stepwise stepper: %v", err)
	}
	lambda.Start(stepbatch.NewHandler(svc.Runner, logger))
}
