//go:build integration

package integration

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
	"github.com/stepwise/stepwise/shared/store/storetest"
	"github.com/stepwise/stepwise/test/harness"
)

// newDynamoClient starts dynalite and returns a client of it.
func newDynamoClient(t *testing.T) *dynamodb.Client {
	t.Helper()
	endpoint := harness.StartDynamo(t)
	return dynamodb.NewFromConfig(harness.AWSConfig(t), harness.DynamoEndpoint(endpoint))
}

var tableSeq atomic.Int64

// newTable creates a fresh table for one test.
func newTable(t *testing.T, client *dynamodb.Client) string {
	t.Helper()
	name := fmt.Sprintf("stepwise-test-%d", tableSeq.Add(1))
	if err := dynamostore.CreateTable(context.Background(), client, name); err != nil {
		t.Fatalf("create table: %v", err)
	}
	return name
}

func TestStore_DynamoContract(t *testing.T) {
	client := newDynamoClient(t)
	storetest.Run(t, func(t *testing.T) store.Store {
		return dynamostore.New(client, newTable(t, client))
	})
}

func TestStore_DynamoCreateTableIdempotent(t *testing.T) {
	client := newDynamoClient(t)
	name := newTable(t, client)
	if err := dynamostore.CreateTable(context.Background(), client, name); err != nil {
		t.Fatalf("second CreateTable of an existing table: %v", err)
	}
}
