// Command stepper is the SQS-triggered Lambda that runs one state per message.
package main

import (
	"context"
	"log"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/wire"
)

func main() {
	cfg, err := config.FromEnv(os.Getenv)
	if err != nil {
		log.Fatalf("stepwise stepper: configuration: %v", err)
	}
	awsCfg, err := awsconfig.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatalf("stepwise stepper: AWS configuration: %v", err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{Level: cfg.LogLevel}))
	svc := wire.FromAWS(awsCfg, cfg, logger)
	lambda.Start(NewHandler(svc.Runner, logger))
}
