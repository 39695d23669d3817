//go:build integration

package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go/middleware"
)

// counter counts SDK requests by operation, and DynamoDB capacity units as
// the service reports them (ReturnConsumedCapacity TOTAL on every call).
type counter struct {
	mu       sync.Mutex
	requests map[string]int
	wcu, rcu float64
	// sqsEntries counts messages in SendMessageBatch/DeleteMessageBatch.
	sqsEntries map[string]int
}

func newCounter() *counter {
	return &counter{requests: map[string]int{}, sqsEntries: map[string]int{}}
}

func (c *counter) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests, c.sqsEntries, c.wcu, c.rcu = map[string]int{}, map[string]int{}, 0, 0
}

// counted is the counting middleware of one client: each request counts
// under prefix and its operation, with the entries before reports in its
// parameters (SQS batches); after sees each successful result (DynamoDB
// capacity). Both may be nil.
func (c *counter) counted(prefix string, before func(params any) int, after func(result any)) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		return s.Initialize.Add(middleware.InitializeMiddlewareFunc("CountRequests",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (middleware.InitializeOutput, middleware.Metadata, error) {
				entries := 0
				if before != nil {
					entries = before(in.Parameters)
				}
				out, md, err := next.HandleInitialize(ctx, in)
				c.add(prefix+awsmiddleware.GetOperationName(ctx), entries)
				if err == nil && after != nil {
					after(out.Result)
				}
				return out, md, err
			}), middleware.Before)
	}
}

// Dynamo installs the counter in a DynamoDB client, asking every call for
// its consumed capacity.
func (c *counter) Dynamo(o *dynamodb.Options) {
	o.APIOptions = append(o.APIOptions, c.counted("dynamodb:", func(p any) int { askCapacity(p); return 0 }, c.capacity))
}

// SQS installs the counter in an SQS client.
func (c *counter) SQS(o *sqs.Options) {
	o.APIOptions = append(o.APIOptions, c.counted("sqs:", batchEntries, nil))
}

// batchEntries counts the messages of a SendMessageBatch or
// DeleteMessageBatch.
func batchEntries(params any) int {
	switch p := params.(type) {
	case *sqs.SendMessageBatchInput:
		return len(p.Entries)
	case *sqs.DeleteMessageBatchInput:
		return len(p.Entries)
	}
	return 0
}

func (c *counter) add(op string, entries int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.requests[op]++
	c.sqsEntries[op] += entries
}

func askCapacity(params any) {
	total := types.ReturnConsumedCapacityTotal
	switch p := params.(type) {
	case *dynamodb.GetItemInput:
		p.ReturnConsumedCapacity = total
	case *dynamodb.PutItemInput:
		p.ReturnConsumedCapacity = total
	case *dynamodb.UpdateItemInput:
		p.ReturnConsumedCapacity = total
	case *dynamodb.DeleteItemInput:
		p.ReturnConsumedCapacity = total
	case *dynamodb.QueryInput:
		p.ReturnConsumedCapacity = total
	case *dynamodb.BatchWriteItemInput:
		p.ReturnConsumedCapacity = total
	}
}

func (c *counter) capacity(result any) {
	var ccs []types.ConsumedCapacity
	switch r := result.(type) {
	case *dynamodb.GetItemOutput:
		ccs = one(r.ConsumedCapacity)
	case *dynamodb.PutItemOutput:
		ccs = one(r.ConsumedCapacity)
	case *dynamodb.UpdateItemOutput:
		ccs = one(r.ConsumedCapacity)
	case *dynamodb.DeleteItemOutput:
		ccs = one(r.ConsumedCapacity)
	case *dynamodb.QueryOutput:
		ccs = one(r.ConsumedCapacity)
	case *dynamodb.BatchWriteItemOutput:
		ccs = r.ConsumedCapacity
	}
	_, isRead := result.(*dynamodb.GetItemOutput)
	_, isQuery := result.(*dynamodb.QueryOutput)
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, cc := range ccs {
		if cc.CapacityUnits == nil {
			continue
		}
		if isRead || isQuery {
			c.rcu += *cc.CapacityUnits
		} else {
			c.wcu += *cc.CapacityUnits
		}
	}
}

func one(cc *types.ConsumedCapacity) []types.ConsumedCapacity {
	if cc == nil {
		return nil
	}
	return []types.ConsumedCapacity{*cc}
}

// snapshot is the counts so far.
type snapshot struct {
	requests   map[string]int
	sqsEntries map[string]int
	wcu, rcu   float64
}

func (c *counter) snapshot() snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := snapshot{requests: map[string]int{}, sqsEntries: map[string]int{}, wcu: c.wcu, rcu: c.rcu}
	for k, v := range c.requests {
		s.requests[k] = v
	}
	for k, v := range c.sqsEntries {
		s.sqsEntries[k] = v
	}
	return s
}

func (s snapshot) sum(prefix string, ops ...string) int {
	n := 0
	for k, v := range s.requests {
		if !strings.HasPrefix(k, prefix) {
			continue
		}
		if len(ops) == 0 {
			n += v
			continue
		}
		for _, op := range ops {
			if k == prefix+op {
				n += v
			}
		}
	}
	return n
}

func (s snapshot) String() string {
	var parts []string
	for k, v := range s.requests {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}
