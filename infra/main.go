// Command infra is the Stepwise CDK app; cdk.json runs it with `go run ./infra`
// from the repository root. See infra/README.md for the context keys.
package main

import (
	"fmt"
	"os"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/stepwise/stepwise/infra/stacks"
)

func main() {
	err := run(awscdk.NewApp(nil), stacks.DefaultAssetDir)
	jsii.Close() // not deferred: os.Exit below would skip it
	if err != nil {
		fmt.Fprintln(os.Stderr, "stepwise infra:", err)
		os.Exit(1)
	}
}

// run adds the stacks to app and synthesizes it. Context comes from the app
// (cdk.json and -c, passed in by the CDK CLI); assets from assetDir.
func run(app awscdk.App, assetDir string) error {
	set, err := stacks.SettingsFromContext(func(key string) any {
		return app.Node().TryGetContext(jsii.String(key))
	})
	if err != nil {
		return err
	}
	awscdk.Tags_Of(app).Add(jsii.String("stepwise:stage"), jsii.String(set.Stage), nil)
	// Env-agnostic stacks: synth needs no credentials; deploy uses the CLI's
	// account and region.
	prefix := "Stepwise-" + set.Stage
	data := stacks.NewDataStack(app, prefix+"-Data", stacks.DataStackProps{
		StackProps: awscdk.StackProps{Description: jsii.String("Stepwise data: the table")},
		Settings:   set,
	})
	_, err = stacks.NewServiceStack(app, prefix+"-Service", stacks.ServiceStackProps{
		StackProps: awscdk.StackProps{Description: jsii.String("Stepwise service: queues, functions, API")},
		Data:       data,
		Settings:   set,
		AssetDir:   assetDir,
	})
	if err != nil {
		return err
	}
	app.Synth(nil)
	return nil
}
