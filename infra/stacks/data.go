package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// Table key and index attribute names. The store adapter's item layout must
// agree with them.
const (
	AttrPK    = "pk"
	AttrSK    = "sk"
	AttrTTL   = "ttl"
	IndexGSI1 = "gsi1"
	IndexGSI2 = "gsi2"
)

// DataStackProps configures NewDataStack.
type DataStackProps struct {
	StackProps awscdk.StackProps
	Settings   Settings
}

// DataStack holds what outlives deployments of the service: the table.
type DataStack struct {
	Stack awscdk.Stack
	Table awsdynamodb.Table
}

// NewDataStack creates the single Stepwise table: on demand, encrypted with
// the AWS managed key, point-in-time recovery, TTL on "ttl", and two generic
// GSIs. It is retained on stack deletion unless Settings.RetainData is false.
func NewDataStack(scope constructs.Construct, id string, props DataStackProps) *DataStack {
	sp := props.StackProps
	sp.TerminationProtection = jsii.Bool(props.Settings.TerminationProtection)
	stack := awscdk.NewStack(scope, jsii.String(id), &sp)

	removal := awscdk.RemovalPolicy_RETAIN
	if !props.Settings.RetainData {
		removal = awscdk.RemovalPolicy_DESTROY
	}
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: stringKey(AttrPK),
		SortKey:      stringKey(AttrSK),
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		// AWS managed key: SSE is visible in the template (SSEEnabled) and no
		// key policy or KMS grants are needed for the functions.
		Encryption: awsdynamodb.TableEncryption_AWS_MANAGED,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		TimeToLiveAttribute: jsii.String(AttrTTL),
		RemovalPolicy:       removal,
		DeletionProtection:  jsii.Bool(props.Settings.TerminationProtection),
	})
	for _, gsi := range []string{IndexGSI1, IndexGSI2} {
		table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
			IndexName:      jsii.String(gsi),
			PartitionKey:   stringKey(gsi + AttrPK),
			SortKey:        stringKey(gsi + AttrSK),
			ProjectionType: awsdynamodb.ProjectionType_ALL,
		})
	}
	return &DataStack{Stack: stack, Table: table}
}

func stringKey(name string) *awsdynamodb.Attribute {
	return &awsdynamodb.Attribute{Name: jsii.String(name), Type: awsdynamodb.AttributeType_STRING}
}
