package dynamostore

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/store"
)

// batchSize is BatchWriteItem's item limit.
const batchSize = 25

// maxBatchAttempts bounds the retries of unprocessed (throttled) items.
const maxBatchAttempts = 8

// eventSK zero-pads the id so that events sort numerically.
func eventSK(id int64) string { return fmt.Sprintf("E#%020d", max(id, 0)) }

// PutEvents stores events, one item each (deflated when large), 25 to a
// BatchWriteItem call.
// Writing an id again overwrites it, so a repeated flush is harmless.
func (s *Store) PutEvents(ctx context.Context, executionARN string, events []history.Event) error {
	for start := 0; start < len(events); start += batchSize {
		chunk := events[start:min(start+batchSize, len(events))]
		// One batch may not name a key twice: the last event with an id wins.
		byID := map[int64]int{}
		var reqs []types.WriteRequest
		for _, e := range chunk {
			it := key(execPK(executionARN), eventSK(e.ID))
			it.setPacked("ev", encodeEvent(e))
			s.setTTL(it, e.Timestamp)
			req := types.WriteRequest{PutRequest: &types.PutRequest{Item: it}}
			if i, dup := byID[e.ID]; dup {
				reqs[i] = req
				continue
			}
			byID[e.ID] = len(reqs)
			reqs = append(reqs, req)
		}
		if err := s.batchWrite(ctx, reqs); err != nil {
			return fmt.Errorf("put events of %s: %w", executionARN, err)
		}
	}
	return nil
}

// batchWrite writes up to 25 items, retrying unprocessed ones with backoff.
func (s *Store) batchWrite(ctx context.Context, reqs []types.WriteRequest) error {
	pending := map[string][]types.WriteRequest{s.table: reqs}
	for attempt := 0; len(pending[s.table]) > 0; attempt++ {
		if attempt == maxBatchAttempts {
			return fmt.Errorf("batch write: %d items unprocessed after %d attempts", len(pending[s.table]), attempt)
		}
		if attempt > 0 {
			if err := sleep(ctx, time.Duration(25<<attempt)*time.Millisecond); err != nil {
				return err
			}
		}
		out, err := s.db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: pending})
		if err != nil {
			return fmt.Errorf("batch write: %w", err)
		}
		pending = out.UnprocessedItems
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// GetEvents returns the stored events with ids in [from, to], ascending;
// none (and no error) for an unknown execution.
func (s *Store) GetEvents(ctx context.Context, executionARN string, from, to int64) ([]history.Event, error) {
	if to < from || to < 0 {
		return nil, nil
	}
	items, err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :pk AND sk BETWEEN :from AND :to"),
		ExpressionAttributeValues: item{
			":pk": strAttr(execPK(executionARN)), ":from": strAttr(eventSK(from)), ":to": strAttr(eventSK(to)),
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("get events of %s: %w", executionARN, err)
	}
	out := make([]history.Event, 0, len(items))
	for _, it := range items {
		var e history.Event
		b, err := it.packed("ev")
		if err == nil {
			e, err = decodeEvent(b)
		}
		if err != nil {
			return nil, fmt.Errorf("get events of %s (%s): %w", executionARN, it.s(attrSK), err)
		}
		out = append(out, e)
	}
	return out, nil
}

// PutPayload stores a content-addressed blob; writing it again is harmless.
func (s *Store) PutPayload(ctx context.Context, k string, data []byte) error {
	it := key("P#"+k, "P")
	it.setB("data", data)
	return s.put(ctx, it, always, nil)
}

// GetPayload reads a blob; ErrNotFound if absent.
func (s *Store) GetPayload(ctx context.Context, k string) ([]byte, error) {
	it, err := s.get(ctx, "P#"+k, "P")
	if err != nil {
		return nil, err
	}
	return it.b("data"), nil
}

// PutToken maps a task token to its execution.
func (s *Store) PutToken(ctx context.Context, token, executionARN string) error {
	it := key("T#"+token, "T")
	it.setS("ex", executionARN)
	s.setTTL(it, s.now())
	return s.put(ctx, it, always, nil)
}

// GetToken resolves a task token; ErrNotFound if unknown.
func (s *Store) GetToken(ctx context.Context, token string) (string, error) {
	it, err := s.get(ctx, "T#"+token, "T")
	if err != nil {
		return "", err
	}
	return it.s("ex"), nil
}

var _ store.Executions = (*Store)(nil)
