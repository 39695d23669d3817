package dynamostore

import (
	"context"
	"encoding/binary"
	"fmt"
	"sort"
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

// eventsPerItem bounds how many events share one item: a flush writes its
// events as a few items (one write unit each when small) rather than one
// item per event, which dominates the cost of a transition otherwise.
const eventsPerItem = 50

// eventBytesPerItem bounds the encoded events of one item, below
// DynamoDB's 400 KB item limit even when they do not compress (an event
// carries at most a 256 KB payload, so one always fits).
const eventBytesPerItem = 300 << 10

// PutEvents stores events in items of up to eventsPerItem consecutive
// events and eventBytesPerItem bytes, keyed by the first id (deflated when
// large), 25 items to a BatchWriteItem call. A repeated flush writes the
// same items again.
func (s *Store) PutEvents(ctx context.Context, executionARN string, events []history.Event) error {
	events = append([]history.Event(nil), events...)
	sort.Slice(events, func(i, j int) bool { return events[i].ID < events[j].ID })
	var reqs []types.WriteRequest
	for start := 0; start < len(events); {
		first := start
		var blob []byte
		for start < len(events) && start-first < eventsPerItem {
			b := encodeEvent(events[start])
			if start > first && len(blob)+len(b) > eventBytesPerItem {
				break
			}
			blob = binary.AppendUvarint(blob, uint64(len(b)))
			blob = append(blob, b...)
			start++
		}
		group := events[first:start]
		it := key(execPK(executionARN), eventSK(group[0].ID))
		it.setPacked("evs", blob)
		it.setN("last", group[len(group)-1].ID)
		s.setTTL(it, group[0].Timestamp)
		reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: it}})
	}
	for start := 0; start < len(reqs); start += batchSize {
		if err := s.batchWrite(ctx, reqs[start:min(start+batchSize, len(reqs))]); err != nil {
			return fmt.Errorf("put events of %s: %w", executionARN, err)
		}
	}
	return nil
}

// decodeEventItem returns the events an item holds.
func decodeEventItem(it item) ([]history.Event, error) {
	_, plain := it["evs"]
	_, deflated := it["evs"+packedSuffix]
	if !plain && !deflated {
		b, err := it.packed("ev") // one event per item
		if err != nil {
			return nil, err
		}
		e, err := decodeEvent(b)
		return []history.Event{e}, err
	}
	blob, err := it.packed("evs")
	if err != nil {
		return nil, err
	}
	var out []history.Event
	for len(blob) > 0 {
		n, k := binary.Uvarint(blob)
		if k <= 0 || uint64(len(blob)-k) < n {
			return nil, fmt.Errorf("corrupt event batch")
		}
		e, err := decodeEvent(blob[k : k+int(n)])
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		blob = blob[k+int(n):]
	}
	return out, nil
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
	// An item holding id "from" starts at most eventsPerItem-1 ids earlier.
	items, err := s.queryAll(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :pk AND sk BETWEEN :from AND :to"),
		ExpressionAttributeValues: item{
			":pk": strAttr(execPK(executionARN)), ":from": strAttr(eventSK(from - eventsPerItem + 1)), ":to": strAttr(eventSK(to)),
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("get events of %s: %w", executionARN, err)
	}
	out := make([]history.Event, 0, to-from+1)
	seen := map[int64]bool{}
	for _, it := range items {
		evs, err := decodeEventItem(it)
		if err != nil {
			return nil, fmt.Errorf("get events of %s (%s): %w", executionARN, it.s(attrSK), err)
		}
		for _, e := range evs {
			if e.ID >= from && e.ID <= to && !seen[e.ID] {
				seen[e.ID] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

// PutPayload stores a content-addressed blob; writing it again is harmless
// and, under WithRetention, restarts its TTL.
func (s *Store) PutPayload(ctx context.Context, k string, data []byte) error {
	it := key("P#"+k, "P")
	it.setPacked("data", data)
	s.setTTL(it, s.now())
	return s.put(ctx, it, always, nil)
}

// GetPayload reads a blob; ErrNotFound if absent.
func (s *Store) GetPayload(ctx context.Context, k string) ([]byte, error) {
	it, err := s.get(ctx, "P#"+k, "P")
	if err != nil {
		return nil, err
	}
	return it.packed("data")
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
