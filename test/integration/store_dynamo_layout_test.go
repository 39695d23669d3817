//go:build integration

package integration

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
)

// TestStore_DynamoListSummaries: ListExecutions returns the summary fields
// of each record (gsi2 projects only those), the heavy ones left empty.
func TestStore_DynamoListSummaries(t *testing.T) {
	client := newDynamoClient(t)
	s := dynamostore.New(client, newTable(t, client))
	ctx := context.Background()
	ex := store.Execution{
		ARN: reqExec, StateMachineARN: reqSM, ExecutedARN: reqSM + ":1", Name: "e", Type: "STANDARD",
		Status: "FAILED", Input: `{"i":1}`, Output: `{"o":1}`, Error: "E", Cause: "C",
		StartDate: time.Unix(10, 0).UTC(), StopDate: time.Unix(20, 0).UTC(), RedriveCount: 2,
		Version: 7, LastEventID: 9, State: []byte("state"), ExpiresAt: time.Unix(99, 0).UTC(),
	}
	if err := s.CreateExecution(ctx, ex); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: reqSM}, store.Page{})
	if err != nil || len(got) != 1 {
		t.Fatalf("list: %v, %v", got, err)
	}
	want := ex
	want.Input, want.Output, want.Error, want.Cause, want.State = "", "", "", "", nil
	want.Version, want.LastEventID, want.ExpiresAt = 0, 0, time.Time{}
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("summary:\n got %+v\nwant %+v", got[0], want)
	}
}

// TestStore_DynamoLargeRecord: a record whose input, output and state add
// up to more than DynamoDB's 400 KB item limit still round-trips, because
// large fields are stored deflated.
func TestStore_DynamoLargeRecord(t *testing.T) {
	client := newDynamoClient(t)
	table := newTable(t, client)
	s := dynamostore.New(client, table)
	ctx := context.Background()
	big := func(n int, seed uint64) string {
		r := rand.New(rand.NewPCG(seed, seed))
		var b strings.Builder
		b.WriteString(`[`)
		for b.Len() < n {
			fmt.Fprintf(&b, `{"id":%d,"name":"item-%d","ok":true},`, r.IntN(1000), r.IntN(100))
		}
		return strings.TrimSuffix(b.String(), ",") + `]`
	}
	ex := store.Execution{
		ARN: reqExec, StateMachineARN: reqSM, Status: "RUNNING", Version: 1, StartDate: time.Unix(1, 0).UTC(),
		Input: big(250<<10, 1), Output: big(250<<10, 2), State: []byte(big(200<<10, 3)),
	}
	if err := s.CreateExecution(ctx, ex); err != nil {
		t.Fatalf("create a %d KB record: %v", (len(ex.Input)+len(ex.Output)+len(ex.State))>>10, err)
	}
	got, err := s.GetExecution(ctx, ex.ARN)
	if err != nil || got.Input != ex.Input || got.Output != ex.Output || string(got.State) != string(ex.State) {
		t.Fatalf("large record did not round-trip (err %v)", err)
	}
	raw, err := client.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(table),
		Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "EX#" + reqExec}, "sk": &types.AttributeValueMemberS{Value: "R"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	size := 0
	for _, v := range raw.Item {
		if b, ok := v.(*types.AttributeValueMemberB); ok {
			size += len(b.Value)
		}
	}
	t.Logf("700 KB of fields stored as %d KB", size>>10)
}

// TestStore_DynamoLargeEvent: an event with a payload near AWS's 256 KB
// limit is stored (deflated) and read back unchanged.
func TestStore_DynamoLargeEvent(t *testing.T) {
	client := newDynamoClient(t)
	s := dynamostore.New(client, newTable(t, client))
	ctx := context.Background()
	payload := `{"items":[` + strings.Repeat(`{"k":"v","n":1.50},`, 13000) + `{}]}`
	e := history.Exited(history.StateExited("Task"), "Big", jsonval.MustDecode(payload))
	e.ID, e.PreviousEventID, e.Timestamp = 3, 2, time.Unix(5, 0).UTC()
	if err := s.PutEvents(ctx, reqExec, []history.Event{e}); err != nil {
		t.Fatalf("put a %d KB event: %v", len(payload)>>10, err)
	}
	got, err := s.GetEvents(ctx, reqExec, 1, 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("get: %d events, %v", len(got), err)
	}
	if g, w := jsonval.String(got[0].JSON()), jsonval.String(e.JSON()); g != w {
		t.Fatalf("large event changed (%d vs %d bytes rendered)", len(g), len(w))
	}
}

// TestStore_DynamoListTies: executions started in the same instant list by
// ARN, as memstore lists them.
func TestStore_DynamoListTies(t *testing.T) {
	client := newDynamoClient(t)
	s := dynamostore.New(client, newTable(t, client))
	ctx := context.Background()
	for _, name := range []string{"b", "c", "a"} {
		ex := store.Execution{ARN: reqExec + name, Name: name, StateMachineARN: reqSM, Status: "RUNNING", StartDate: time.Unix(7, 0)}
		if err := s.CreateExecution(ctx, ex); err != nil {
			t.Fatal(err)
		}
	}
	later := store.Execution{ARN: reqExec + "z", Name: "z", StateMachineARN: reqSM, Status: "RUNNING", StartDate: time.Unix(8, 0)}
	if err := s.CreateExecution(ctx, later); err != nil {
		t.Fatal(err)
	}
	got, _, err := s.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: reqSM}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, e := range got {
		order = append(order, strings.TrimPrefix(e.ARN, reqExec))
	}
	if fmt.Sprint(order) != "[z a b c]" {
		t.Fatalf("order %v, want [z a b c]", order)
	}
}

// TestStore_DynamoTTL: the ttl attribute (epoch seconds) of records with
// ExpiresAt, and of events and tokens under WithRetention.
func TestStore_DynamoTTL(t *testing.T) {
	client := newDynamoClient(t)
	table := newTable(t, client)
	now := time.Unix(1_800_000_000, 0)
	s := dynamostore.New(client, table, dynamostore.WithRetention(24*time.Hour), dynamostore.WithNow(func() time.Time { return now }))
	plain := dynamostore.New(client, table)
	ctx := context.Background()
	ev := history.New(history.ExecutionSucceeded)
	ev.ID, ev.Timestamp = 1, time.Unix(1_700_000_000, 0)
	steps := []error{
		s.CreateExecution(ctx, store.Execution{ARN: reqExec, StateMachineARN: reqSM, ExpiresAt: time.Unix(1_900_000_000, 500)}),
		s.CreateExecution(ctx, store.Execution{ARN: reqExec + "2", StateMachineARN: reqSM}),
		s.PutEvents(ctx, reqExec, []history.Event{ev}),
		s.PutToken(ctx, "tok", reqExec),
		plain.PutToken(ctx, "tok2", reqExec),
		s.CreateExecution(ctx, store.Execution{ARN: reqExec + "3", StateMachineARN: reqSM, StartDate: time.Unix(1_750_000_000, 0),
			Input: `"` + strings.Repeat("x", 2000) + `"`}), // a large input gets its own item
		s.PutPayload(ctx, "pay", []byte("data")),
		plain.PutPayload(ctx, "pay2", []byte("data")),
	}
	for i, err := range steps {
		if err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	cases := []struct{ pk, sk, want string }{
		{"EX#" + reqExec, "R", "1900000000"},
		{"EX#" + reqExec + "2", "R", ""},
		{"EX#" + reqExec, fmt.Sprintf("E#%020d", 1), "1700086400"},
		{"T#tok", "T", "1800086400"},
		{"T#tok2", "T", ""},
		{"EX#" + reqExec + "3", "IN#1750000000000000000", "1750086400"},
		{"P#pay", "P", "1800086400"},
		{"P#pay2", "P", ""},
	}
	for _, c := range cases {
		out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: &table, Key: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: c.pk}, "sk": &types.AttributeValueMemberS{Value: c.sk},
		}})
		if err != nil || len(out.Item) == 0 {
			t.Fatalf("%s %s: item missing (%v)", c.pk, c.sk, err)
		}
		got := ""
		if n, ok := out.Item["ttl"].(*types.AttributeValueMemberN); ok {
			got = n.Value
		}
		if got != c.want {
			t.Errorf("%s %s: ttl %q, want %q", c.pk, c.sk, got, c.want)
		}
	}
}

// TestStore_DynamoLargeIncompressibleEvents: several events near the
// 256 KB payload limit that do not compress, written in one PutEvents,
// spread over items that each fit DynamoDB's 400 KB.
func TestStore_DynamoLargeIncompressibleEvents(t *testing.T) {
	client := newDynamoClient(t)
	s := dynamostore.New(client, newTable(t, client))
	ctx := context.Background()
	var evs []history.Event
	for i := range 4 {
		e := history.Exited(history.StateExited("Task"), "Big", randomBlob(t, 180<<10))
		e.ID, e.PreviousEventID, e.Timestamp = int64(i+1), int64(i), time.Unix(5, 0).UTC()
		evs = append(evs, e)
	}
	if err := s.PutEvents(ctx, reqExec, evs); err != nil {
		t.Fatalf("put 4 events of 240 KB: %v", err)
	}
	got, err := s.GetEvents(ctx, reqExec, 1, 10)
	if err != nil || len(got) != len(evs) {
		t.Fatalf("get: %d events, %v", len(got), err)
	}
	for i := range evs {
		if g, w := jsonval.String(got[i].JSON()), jsonval.String(evs[i].JSON()); g != w {
			t.Fatalf("event %d changed", i+1)
		}
	}
}
