package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TableSchema describes the table CreateTable makes, for infrastructure
// code that declares it elsewhere (CDK): key, index and TTL attribute names.
var TableSchema = struct {
	PartitionKey, SortKey string
	GSI1, GSI2            [3]string // index name, partition key, sort key
	GSI2Include           []string  // gsi2 projects these (INCLUDE); gsi1 projects ALL
	TTLAttribute          string
}{
	GSI2Include:  executionSummary,
	PartitionKey: attrPK, SortKey: attrSK,
	GSI1:         [3]string{indexGSI1, attrGSI1PK, attrGSI1SK},
	GSI2:         [3]string{indexGSI2, attrGSI2PK, attrGSI2SK},
	TTLAttribute: attrTTL,
}

// CreateTable creates the store's table (on-demand, both GSIs) unless it
// exists, waits until it is active, and enables TTL on `ttl` as a best
// effort (emulators such as dynalite lack UpdateTimeToLive).
func CreateTable(ctx context.Context, client *dynamodb.Client, name string) error {
	_, err := client.CreateTable(ctx, tableInput(name))
	var inUse *types.ResourceInUseException
	if err != nil && !errors.As(err, &inUse) {
		return fmt.Errorf("create table %s: %w", name, err)
	}
	waiter := dynamodb.NewTableExistsWaiter(client, func(o *dynamodb.TableExistsWaiterOptions) {
		o.MinDelay = 100 * time.Millisecond
		o.MaxDelay = 2 * time.Second
	})
	if err := waiter.Wait(ctx, &dynamodb.DescribeTableInput{TableName: &name}, 5*time.Minute); err != nil {
		return fmt.Errorf("wait for table %s: %w", name, err)
	}
	_, _ = client.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName: &name,
		TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: aws.String(attrTTL), Enabled: aws.Bool(true),
		},
	})
	return nil
}

func tableInput(name string) *dynamodb.CreateTableInput {
	attr := func(n string) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: types.ScalarAttributeTypeS}
	}
	return &dynamodb.CreateTableInput{
		TableName:   &name,
		BillingMode: types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{
			attr(attrPK), attr(attrSK), attr(attrGSI1PK), attr(attrGSI1SK), attr(attrGSI2PK), attr(attrGSI2SK),
		},
		KeySchema: keySchema(attrPK, attrSK),
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{
			gsi(indexGSI1, attrGSI1PK, attrGSI1SK, nil),
			gsi(indexGSI2, attrGSI2PK, attrGSI2SK, executionSummary),
		},
	}
}

func keySchema(pk, sk string) []types.KeySchemaElement {
	return []types.KeySchemaElement{
		{AttributeName: aws.String(pk), KeyType: types.KeyTypeHash},
		{AttributeName: aws.String(sk), KeyType: types.KeyTypeRange},
	}
}

// gsi projects the attributes include, or all attributes when nil.
func gsi(name, pk, sk string, include []string) types.GlobalSecondaryIndex {
	proj := &types.Projection{ProjectionType: types.ProjectionTypeAll}
	if include != nil {
		proj = &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: include}
	}
	return types.GlobalSecondaryIndex{IndexName: aws.String(name), KeySchema: keySchema(pk, sk), Projection: proj}
}
