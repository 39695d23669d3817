package stacks

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// DefaultAssetDir is where `make lambdas` puts build/<name>/bootstrap,
// relative to the repository root that `cdk` runs `go run ./infra` from.
const DefaultAssetDir = "build"

// goFunction describes one prebuilt Go Lambda function.
type goFunction struct {
	Name          string // asset folder under the asset dir, and construct id prefix
	AssetDir      string
	Architecture  string // ArchARM64 or ArchX8664
	MemoryMB      int
	TimeoutSec    int
	RetentionDays int
	Env           map[string]string
}

// CheckAssets fails with what to run when a prebuilt bootstrap is missing:
// synthesizing without the binaries would deploy an empty or stale function.
func CheckAssets(assetDir string, names ...string) error {
	var errs []error
	for _, name := range names {
		path := filepath.Join(assetDir, name, "bootstrap")
		if st, err := os.Stat(path); err != nil || st.IsDir() {
			errs = append(errs, fmt.Errorf("missing Lambda asset %s", path))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("%w\nrun `make lambdas` first (it builds build/<name>/bootstrap for linux/arm64)", err)
	}
	return nil
}

func architecture(name string) awslambda.Architecture {
	if name == ArchX8664 {
		return awslambda.Architecture_X86_64()
	}
	return awslambda.Architecture_ARM_64()
}

// newGoFunction makes a provided.al2023 (by default arm64) function from the prebuilt
// bootstrap. It gets its own role and log group, and the role may write only
// to that log group: the AWSLambdaBasicExecutionRole managed policy would
// grant logs:* on "*".
func newGoFunction(scope constructs.Construct, f goFunction) awslambda.Function {
	role := awsiam.NewRole(scope, jsii.String(f.Name+"Role"), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
		Description: jsii.String("Stepwise " + f.Name + " function"),
	})
	logs := awslogs.NewLogGroup(scope, jsii.String(f.Name+"Logs"), &awslogs.LogGroupProps{
		Retention:     retention(f.RetentionDays),
		RemovalPolicy: awscdk.RemovalPolicy_DESTROY, // operational logs; the table holds the history
	})
	logs.GrantWrite(role)
	env := make(map[string]*string, len(f.Env))
	for k, v := range f.Env {
		env[k] = jsii.String(v)
	}
	fn := awslambda.NewFunction(scope, jsii.String(f.Name+"Function"), &awslambda.FunctionProps{
		Code:         awslambda.Code_FromAsset(jsii.String(filepath.Join(f.AssetDir, f.Name)), nil),
		Handler:      jsii.String("bootstrap"),
		Runtime:      awslambda.Runtime_PROVIDED_AL2023(),
		Architecture: architecture(f.Architecture),
		MemorySize:   jsii.Number(float64(f.MemoryMB)),
		Timeout:      awscdk.Duration_Seconds(jsii.Number(float64(f.TimeoutSec))),
		Role:         role,
		LogGroup:     logs,
		Environment:  &env,
		Description:  jsii.String("Stepwise " + f.Name),
	})
	return fn
}

// retentionDays maps a day count to CloudWatch Logs' allowed retentions.
var retentionDays = map[int]awslogs.RetentionDays{
	1: awslogs.RetentionDays_ONE_DAY, 3: awslogs.RetentionDays_THREE_DAYS,
	5: awslogs.RetentionDays_FIVE_DAYS, 7: awslogs.RetentionDays_ONE_WEEK,
	14: awslogs.RetentionDays_TWO_WEEKS, 30: awslogs.RetentionDays_ONE_MONTH,
	60: awslogs.RetentionDays_TWO_MONTHS, 90: awslogs.RetentionDays_THREE_MONTHS,
	120: awslogs.RetentionDays_FOUR_MONTHS, 150: awslogs.RetentionDays_FIVE_MONTHS,
	180: awslogs.RetentionDays_SIX_MONTHS, 365: awslogs.RetentionDays_ONE_YEAR,
	400: awslogs.RetentionDays_THIRTEEN_MONTHS, 545: awslogs.RetentionDays_EIGHTEEN_MONTHS,
	731: awslogs.RetentionDays_TWO_YEARS, 1096: awslogs.RetentionDays_THREE_YEARS,
	1827: awslogs.RetentionDays_FIVE_YEARS, 2192: awslogs.RetentionDays_SIX_YEARS,
	2557: awslogs.RetentionDays_SEVEN_YEARS, 2922: awslogs.RetentionDays_EIGHT_YEARS,
	3288: awslogs.RetentionDays_NINE_YEARS, 3653: awslogs.RetentionDays_TEN_YEARS,
}

func retention(days int) awslogs.RetentionDays {
	if r, ok := retentionDays[days]; ok {
		return r
	}
	return awslogs.RetentionDays_ONE_MONTH // unreachable after Settings validation
}
