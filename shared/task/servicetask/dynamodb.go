package servicetask

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// DynamoDBAPI is the part of *dynamodb.Client the invoker uses.
type DynamoDBAPI interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, optFns ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
}

// itemResult is what the four item operations return, before shaping.
type itemResult struct {
	attributes, item map[string]types.AttributeValue
	consumed         *types.ConsumedCapacity
	collection       *types.ItemCollectionMetrics
	md               middleware.Metadata
}

type itemOp func(ctx context.Context, api DynamoDBAPI, creds aws.CredentialsProvider, attrs attrFields, params *jsonval.Object) (itemResult, error)

// dynamo adapts an item operation; optimized integrations add the SDK
// metadata fields to the response.
func dynamo(op itemOp) opFunc {
	return func(i *Invoker, ctx context.Context, c call, params *jsonval.Object) (jsonval.Value, error) {
		if i.c.DynamoDB == nil {
			return nil, errNoClient
		}
		attrs, rest, err := splitAttrs(params)
		if err != nil {
			return nil, err
		}
		r, err := op(ctx, i.c.DynamoDB, c.creds, attrs, rest)
		if err != nil {
			return nil, err
		}
		out := r.shape()
		awsresult.AddMetadata(out, r.md)
		return out, nil
	}
}

// shape orders members alphabetically, as AWS's responses show them.
func (r itemResult) shape() *jsonval.Object {
	obj := jsonval.NewObject(6)
	if r.attributes != nil {
		obj.Set("Attributes", fromAttrMap(r.attributes))
	}
	if r.consumed != nil {
		obj.Set("ConsumedCapacity", plain(r.consumed))
	}
	if r.item != nil {
		obj.Set("Item", fromAttrMap(r.item))
	}
	if r.collection != nil {
		m := jsonval.NewObject(2)
		m.Set("ItemCollectionKey", fromAttrMap(r.collection.ItemCollectionKey))
		m.Set("SizeEstimateRangeGB", plain(r.collection.SizeEstimateRangeGB))
		obj.Set("ItemCollectionMetrics", m)
	}
	return obj
}

// attrFields holds the Parameters that carry attribute values.
type attrFields map[string]map[string]types.AttributeValue

// splitAttrs converts the attribute-value Parameters and returns the others
// for decodeInto (whose JSON decoding cannot fill the SDK's union type).
func splitAttrs(params *jsonval.Object) (attrFields, *jsonval.Object, error) {
	attrs, rest := attrFields{}, params.Clone()
	for _, k := range []string{"Key", "Item", "ExpressionAttributeValues", "ExclusiveStartKey"} {
		v, ok := params.Get(k)
		if !ok {
			continue
		}
		rest.Delete(k)
		if v == nil {
			continue // null is absent: the service reports the missing member
		}
		m, err := toAttrMap(v, k)
		if err != nil {
			return nil, nil, err
		}
		attrs[k] = m
	}
	return attrs, rest, nil
}

// plain converts an SDK value without union members to JSON, dropping unset
// (null) members.
func plain(v any) jsonval.Value {
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	out, err := jsonval.Decode(b)
	if err != nil {
		return nil
	}
	return dropNulls(out)
}

func dropNulls(v jsonval.Value) jsonval.Value {
	switch t := v.(type) {
	case *jsonval.Object:
		o := jsonval.NewObject(t.Len())
		t.Range(func(k string, x jsonval.Value) bool {
			if x != nil {
				o.Set(k, dropNulls(x))
			}
			return true
		})
		return o
	case []any:
		l := make([]any, len(t))
		for i, x := range t {
			l[i] = dropNulls(x)
		}
		return l
	}
	return v
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
