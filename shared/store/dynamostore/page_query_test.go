package dynamostore

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/store"
)

// fakeQuery serves Query over a sorted list of items the way DynamoDB
// does: Limit counts items read, and a filter (here: attribute m = "y")
// applies after the limit.
type fakeQuery struct {
	API
	items []item
	calls int
}

func (f *fakeQuery) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	f.calls++
	start := 0
	if in.ExclusiveStartKey != nil {
		after := item(in.ExclusiveStartKey).s(attrSK)
		for start < len(f.items) && f.items[start].s(attrSK) <= after {
			start++
		}
	}
	end := min(start+int(*in.Limit), len(f.items))
	out := &dynamodb.QueryOutput{}
	for _, it := range f.items[start:end] {
		if in.FilterExpression == nil || it.s("m") == "y" {
			out.Items = append(out.Items, it)
		}
	}
	if end < len(f.items) || int(*in.Limit) == end-start {
		out.LastEvaluatedKey = keyOf(f.items[end-1], nil)
	}
	return out, nil
}

func TestQueryPage_FilteredPaging(t *testing.T) {
	f := &fakeQuery{}
	var want []string
	for i := range 500 {
		it := key("P", fmt.Sprintf("%04d", i))
		if i%7 == 0 || (i > 300 && i < 310) {
			it.setS("m", "y")
			want = append(want, it.s(attrSK))
		}
		f.items = append(f.items, it)
	}
	s := NewWithAPI(f, "t")
	for _, limit := range []int{1, 3, 10, 100} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			var got []string
			tok := ""
			f.calls = 0
			for page := 0; page < 1000; page++ {
				filter := "m = :y"
				items, next, err := s.queryPage(context.Background(), &dynamodb.QueryInput{FilterExpression: &filter},
					store.Page{Token: tok, Limit: limit})
				if err != nil {
					t.Fatal(err)
				}
				if len(items) > limit {
					t.Fatalf("page of %d items, limit %d", len(items), limit)
				}
				for _, it := range items {
					got = append(got, it.s(attrSK))
				}
				if tok = next; tok == "" {
					break
				}
			}
			// A page costs one read of filteredBatch items, not one per item.
			if bound := len(want)/limit + len(f.items)/filteredBatch + 2; f.calls > bound {
				t.Errorf("%d Query calls, want at most %d", f.calls, bound)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("paged %d items, want %d:\n got %v\nwant %v", len(got), len(want), got, want)
			}
		})
	}
}

func TestQueryPage_BadToken(t *testing.T) {
	s := NewWithAPI(&fakeQuery{}, "t")
	if _, _, err := s.queryPage(context.Background(), &dynamodb.QueryInput{}, store.Page{Token: "bogus"}); err != ErrBadToken {
		t.Fatalf("got %v, want ErrBadToken", err)
	}
}
