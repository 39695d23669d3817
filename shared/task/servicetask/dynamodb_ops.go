package servicetask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Each operation rejects attribute-value Parameters its request lacks: the
// remaining Parameters go through decodeInto, which checks every name.

func getItem(ctx context.Context, api DynamoDBAPI, creds aws.CredentialsProvider, a attrFields, rest *jsonval.Object) (itemResult, error) {
	var in dynamodb.GetItemInput
	if err := decodeWith(rest, a, &in, "Key"); err != nil {
		return itemResult{}, err
	}
	in.Key = a["Key"]
	out, err := api.GetItem(ctx, &in, dynamoOptions(creds))
	if err != nil {
		return itemResult{}, err
	}
	return itemResult{item: out.Item, consumed: out.ConsumedCapacity, md: out.ResultMetadata}, nil
}

func putItem(ctx context.Context, api DynamoDBAPI, creds aws.CredentialsProvider, a attrFields, rest *jsonval.Object) (itemResult, error) {
	var in dynamodb.PutItemInput
	if err := decodeWith(rest, a, &in, "Item", "ExpressionAttributeValues"); err != nil {
		return itemResult{}, err
	}
	in.Item, in.ExpressionAttributeValues = a["Item"], a["ExpressionAttributeValues"]
	out, err := api.PutItem(ctx, &in, dynamoOptions(creds))
	if err != nil {
		return itemResult{}, err
	}
	return itemResult{attributes: out.Attributes, consumed: out.ConsumedCapacity,
		collection: out.ItemCollectionMetrics, md: out.ResultMetadata}, nil
}

func updateItem(ctx context.Context, api DynamoDBAPI, creds aws.CredentialsProvider, a attrFields, rest *jsonval.Object) (itemResult, error) {
	var in dynamodb.UpdateItemInput
	if err := decodeWith(rest, a, &in, "Key", "ExpressionAttributeValues"); err != nil {
		return itemResult{}, err
	}
	in.Key, in.ExpressionAttributeValues = a["Key"], a["ExpressionAttributeValues"]
	out, err := api.UpdateItem(ctx, &in, dynamoOptions(creds))
	if err != nil {
		return itemResult{}, err
	}
	return itemResult{attributes: out.Attributes, consumed: out.ConsumedCapacity,
		collection: out.ItemCollectionMetrics, md: out.ResultMetadata}, nil
}

func deleteItem(ctx context.Context, api DynamoDBAPI, creds aws.CredentialsProvider, a attrFields, rest *jsonval.Object) (itemResult, error) {
	var in dynamodb.DeleteItemInput
	if err := decodeWith(rest, a, &in, "Key", "ExpressionAttributeValues"); err != nil {
		return itemResult{}, err
	}
	in.Key, in.ExpressionAttributeValues = a["Key"], a["ExpressionAttributeValues"]
	out, err := api.DeleteItem(ctx, &in, dynamoOptions(creds))
	if err != nil {
		return itemResult{}, err
	}
	return itemResult{attributes: out.Attributes, consumed: out.ConsumedCapacity,
		collection: out.ItemCollectionMetrics, md: out.ResultMetadata}, nil
}

// decodeWith decodes rest into dst after checking that every attribute
// field given is one the request has.
func decodeWith(rest *jsonval.Object, a attrFields, dst any, allowed ...string) error {
	for k := range a {
		if !contains(allowed, k) {
			return paramErrorf("The field '%s' is not supported by Step Functions", k)
		}
	}
	return decodeInto(rest, dst)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
