package stacks

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/stepwise/stepwise/shared/store/dynamostore"
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
// the AWS managed key, point-in-time recovery, TTL on "ttl", and the two
// GSIs the store adapter declares (dynamostore.TableSchema): gsi2 projects
// only execution summaries, so that a step, which rewrites the execution
// record without changing its summary, writes nothing to the index. It is retained on stack deletion unless Settings.RetainData is false.
func NewDataStack(scope constructs.Construct, id string, props DataStackProps) *DataStack {
	sp := props.StackProps
	sp.TerminationProtection = jsii.Bool(props.Settings.TerminationProtection)
	stack := awscdk.NewStack(scope, jsii.String(id), &sp)

	schema := dynamostore.TableSchema
	removal := awscdk.RemovalPolicy_RETAIN
	if !props.Settings.RetainData {
		removal = awscdk.RemovalPolicy_DESTROY
	}
	table := awsdynamodb.NewTable(stack, jsii.String("Table"), &awsdynamodb.TableProps{
		PartitionKey: stringKey(schema.PartitionKey),
		SortKey:      stringKey(schema.SortKey),
		BillingMode:  awsdynamodb.BillingMode_PAY_PER_REQUEST,
		// AWS managed key: SSE is visible in the template (SSEEnabled) and no
		// key policy or KMS grants are needed for the functions.
		Encryption: awsdynamodb.TableEncryption_AWS_MANAGED,
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		TimeToLiveAttribute: jsii.String(schema.TTLAttribute),
		RemovalPolicy:       removal,
		DeletionProtection:  jsii.Bool(props.Settings.TerminationProtection),
	})
	table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
		IndexName:      jsii.String(schema.GSI1[0]),
		PartitionKey:   stringKey(schema.GSI1[1]),
		SortKey:        stringKey(schema.GSI1[2]),
		ProjectionType: awsdynamodb.ProjectionType_ALL,
	})
	table.AddGlobalSecondaryIndex(&awsdynamodb.GlobalSecondaryIndexProps{
		IndexName:        jsii.String(schema.GSI2[0]),
		PartitionKey:     stringKey(schema.GSI2[1]),
		SortKey:          stringKey(schema.GSI2[2]),
		ProjectionType:   awsdynamodb.ProjectionType_INCLUDE,
		NonKeyAttributes: jsii.Strings(schema.GSI2Include...),
	})
	return &DataStack{Stack: stack, Table: table}
}

func stringKey(name string) *awsdynamodb.Attribute {
	return &awsdynamodb.Attribute{Name: jsii.String(name), Type: awsdynamodb.AttributeType_STRING}
}
