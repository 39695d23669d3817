//go:build integration

package integration

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
)

// countingAPI counts DynamoDB requests by operation.
type countingAPI struct {
	api *dynamodb.Client
	mu  sync.Mutex
	n   map[string]int
}

func (c *countingAPI) count(op string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[op]++
}

// take returns the counts so far, as "Op×n" sorted, and resets them.
func (c *countingAPI) take() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var parts []string
	for op, n := range c.n {
		parts = append(parts, fmt.Sprintf("%s×%d", op, n))
	}
	sort.Strings(parts)
	c.n = map[string]int{}
	return strings.Join(parts, " ")
}

func (c *countingAPI) GetItem(ctx context.Context, in *dynamodb.GetItemInput, o ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.count("GetItem")
	return c.api.GetItem(ctx, in, o...)
}

func (c *countingAPI) PutItem(ctx context.Context, in *dynamodb.PutItemInput, o ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	c.count("PutItem")
	return c.api.PutItem(ctx, in, o...)
}

func (c *countingAPI) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	c.count("UpdateItem")
	return c.api.UpdateItem(ctx, in, o...)
}

func (c *countingAPI) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.count("DeleteItem")
	return c.api.DeleteItem(ctx, in, o...)
}

func (c *countingAPI) Query(ctx context.Context, in *dynamodb.QueryInput, o ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.count("Query")
	return c.api.Query(ctx, in, o...)
}

func (c *countingAPI) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, o ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	c.count("BatchWriteItem")
	return c.api.BatchWriteItem(ctx, in, o...)
}

const (
	reqSM   = "arn:aws:states:us-east-1:123456789012:stateMachine:counted"
	reqExec = "arn:aws:states:us-east-1:123456789012:execution:counted:e"
)

func events(from, to int64) []history.Event {
	var out []history.Event
	for id := from; id <= to; id++ {
		e := history.Entered(history.StateEntered("Pass"), "P", jsonval.MustDecode(`{"a":1}`))
		e.ID, e.PreviousEventID, e.Timestamp = id, id-1, time.Unix(id, 0).UTC()
		out = append(out, e)
	}
	return out
}

// TestStore_DynamoRequestCounts pins how many DynamoDB requests each store
// operation costs, and logs the table (go test -v).
func TestStore_DynamoRequestCounts(t *testing.T) {
	client := newDynamoClient(t)
	api := &countingAPI{api: client, n: map[string]int{}}
	s := dynamostore.NewWithAPI(api, newTable(t, client))
	ctx := context.Background()
	sm := store.StateMachine{ARN: reqSM, Name: "counted", RevisionID: "r1", CreationDate: time.Unix(1, 0)}
	ex := store.Execution{ARN: reqExec, StateMachineARN: reqSM, Status: "RUNNING", Version: 1, StartDate: time.Unix(2, 0)}
	next := ex
	next.Version = 2
	steps := []struct {
		op   string
		run  func() error
		want string
	}{
		{"CreateStateMachine", func() error { return s.CreateStateMachine(ctx, sm) }, "PutItem×1"},
		{"GetStateMachine", func() error { _, err := s.GetStateMachine(ctx, reqSM); return err }, "GetItem×1"},
		{"UpdateStateMachine", func() error { return s.UpdateStateMachine(ctx, sm, "r1") }, "PutItem×1"},
		{"UpdateStateMachine (stale)", func() error { return ignore(s.UpdateStateMachine(ctx, sm, "r0"), store.ErrConflict) }, "GetItem×1 PutItem×1"},
		{"ListStateMachines", func() error { _, _, err := s.ListStateMachines(ctx, store.Page{}); return err }, "Query×1"},
		{"CreateVersion", func() error {
			return s.CreateVersion(ctx, store.Version{ARN: reqSM + ":1", StateMachineARN: reqSM, Number: 1})
		}, "PutItem×1"},
		{"ListVersions", func() error { _, _, err := s.ListVersions(ctx, reqSM, store.Page{}); return err }, "Query×1"},
		{"PutTags", func() error { return s.PutTags(ctx, reqSM, map[string]string{"k": "v"}) }, "PutItem×1"},
		{"GetTags", func() error { _, err := s.GetTags(ctx, reqSM); return err }, "GetItem×1"},
		{"CreateExecution", func() error { return s.CreateExecution(ctx, ex) }, "PutItem×1"},
		{"GetExecution", func() error { _, err := s.GetExecution(ctx, reqExec); return err }, "GetItem×1"},
		{"UpdateExecution", func() error { return s.UpdateExecution(ctx, next, 1) }, "PutItem×1"},
		{"UpdateExecution (stale)", func() error { return ignore(s.UpdateExecution(ctx, next, 1), store.ErrConflict) }, "PutItem×1"},
		{"ListExecutions", func() error {
			_, _, err := s.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: reqSM}, store.Page{})
			return err
		}, "Query×1"},
		{"ListExecutions (status filter)", func() error {
			_, _, err := s.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: reqSM, Status: "FAILED"}, store.Page{})
			return err
		}, "Query×1"},
		{"PutEvents (1)", func() error { return s.PutEvents(ctx, reqExec, events(1, 1)) }, "BatchWriteItem×1"},
		{"PutEvents (25)", func() error { return s.PutEvents(ctx, reqExec, events(2, 26)) }, "BatchWriteItem×1"},
		{"PutEvents (26)", func() error { return s.PutEvents(ctx, reqExec, events(27, 52)) }, "BatchWriteItem×1"}, // one item holds up to 50 events
		{"GetEvents (52)", func() error { _, err := s.GetEvents(ctx, reqExec, 1, 52); return err }, "Query×1"},
		{"PutPayload", func() error { return s.PutPayload(ctx, "sha256:x", []byte("{}")) }, "PutItem×1"},
		{"GetPayload", func() error { _, err := s.GetPayload(ctx, "sha256:x"); return err }, "GetItem×1"},
		{"PutToken", func() error { return s.PutToken(ctx, "tok", reqExec) }, "PutItem×1"},
		{"GetToken", func() error { _, err := s.GetToken(ctx, "tok"); return err }, "GetItem×1"},
		{"DeleteStateMachine", func() error { return s.DeleteStateMachine(ctx, reqSM) }, "DeleteItem×1"},
	}
	for _, st := range steps {
		api.take()
		if err := st.run(); err != nil {
			t.Fatalf("%s: %v", st.op, err)
		}
		got := api.take()
		t.Logf("%-32s %s", st.op, got)
		if got != st.want {
			t.Errorf("%s made %s, want %s", st.op, got, st.want)
		}
	}
}

// ignore treats the expected error as success.
func ignore(err, want error) error {
	if err != nil && errors.Is(err, want) {
		return nil
	}
	if err == nil {
		return fmt.Errorf("succeeded, want %v", want)
	}
	return err
}
