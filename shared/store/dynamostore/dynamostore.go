// Package dynamostore is the DynamoDB adapter of the store port. Everything
// lives in one table with string keys pk/sk; every write is a single-item
// write (conditional where the port says so), never a transaction, so the
// adapter also runs on dynalite.
//
// Items (pk / sk):
//
//	SM#<arn>  / META       state machine            (gsi1: "SM" / arn)
//	SM#<arn>  / V#<n:010>  published version
//	SM#<arn>  / A#<name>   alias
//	ACT#<arn> / META       activity                 (gsi1: "ACT" / arn)
//	TAG#<arn> / TAGS       tags of any resource
//	EX#<arn>  / R          execution record         (gsi2: state machine arn / inverted start#arn)
//	EX#<arn>  / E#<id:020> one history event
//	P#<key>   / P          content-addressed payload
//	T#<token> / T          task token → execution
//
// gsi1 projects all attributes; gsi2 only the execution summary fields, so
// ListExecutions returns summaries and a step that keeps the status writes
// nothing to the index. Execution input/output/cause/state and events of
// 1 KB or more are stored deflated (attribute name + "Z"), since every
// step rewrites the record and writes are billed per KB. Finished
// execution records carry a `ttl` attribute (epoch seconds).
//
// Request costs: every Get/Create/Update/Delete/Put* is one request (a
// stale UpdateStateMachine adds one GetItem to tell conflict from absent);
// a listing page is one Query (a filtered ListExecutions page reads at
// least 100 items per Query and queries on while the page is not full);
// PutEvents is one BatchWriteItem per 25 events (plus retries of
// unprocessed items); GetEvents is one Query per 1 MB of events;
// AddChildEnd is a PutItem and an UpdateItem, ChildEnds a Query,
// RemoveChildEnds a BatchWriteItem per 25 reports, CloseChildEnds an
// UpdateItem and a Query (and an UpdateItem when reports are left).
package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/cache"
	"github.com/stepwise/stepwise/shared/store"
)

var _ store.Store = (*Store)(nil)

// API is the part of *dynamodb.Client the store uses.
type API interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
}

// Store is a store.Store over one DynamoDB table.
type Store struct {
	db        API
	table     string
	retention time.Duration
	now       func() time.Time

	inputs *cache.Bounded[string, string] // see input
}

// Option configures a Store.
type Option func(*Store)

// WithRetention gives history events, task tokens, large inputs and
// payloads a TTL: an event expires retention after its timestamp, an input
// retention after its execution started, a token or payload retention
// after it was written. Choose it longer than the longest execution plus
// the time histories must stay readable after they end (AWS: 1 year + 90
// days). Without it (the default) they never expire.
func WithRetention(d time.Duration) Option { return func(s *Store) { s.retention = d } }

// WithNow sets the clock used for token TTLs (default time.Now).
func WithNow(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// New returns a store over table, which must exist (see CreateTable).
func New(client *dynamodb.Client, table string, opts ...Option) *Store {
	return NewWithAPI(client, table, opts...)
}

// NewWithAPI is New over any implementation of API (tests, wrappers).
func NewWithAPI(db API, table string, opts ...Option) *Store {
	s := &Store{db: db, table: table, now: time.Now, inputs: &cache.Bounded[string, string]{Size: 128}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// setTTL sets the ttl attribute to from+retention when retention is set.
func (s *Store) setTTL(it item, from time.Time) {
	if s.retention > 0 && !from.IsZero() {
		it[attrTTL] = numAttr(from.Add(s.retention).Unix())
	}
}

// Attribute and index names.
const (
	attrPK     = "pk"
	attrSK     = "sk"
	attrGSI1PK = "gsi1pk"
	attrGSI1SK = "gsi1sk"
	attrGSI2PK = "gsi2pk"
	attrGSI2SK = "gsi2sk"
	attrTTL    = "ttl"
	indexGSI1  = "gsi1"
	indexGSI2  = "gsi2"
)

func key(pk, sk string) item {
	return item{attrPK: &types.AttributeValueMemberS{Value: pk}, attrSK: &types.AttributeValueMemberS{Value: sk}}
}

// get reads one item with a strongly consistent read; ErrNotFound if absent.
func (s *Store) get(ctx context.Context, pk, sk string) (item, error) {
	out, err := s.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: &s.table, Key: key(pk, sk), ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("get %s %s: %w", pk, sk, err)
	}
	if len(out.Item) == 0 {
		return nil, fmt.Errorf("get %s %s: %w", pk, sk, store.ErrNotFound)
	}
	return out.Item, nil
}

// cond is a condition expression with its placeholders.
type cond struct {
	expr   string
	names  map[string]string
	values item
}

// Conditions used by writes.
var (
	always  = cond{}
	absent  = cond{expr: "attribute_not_exists(pk)"}
	present = cond{expr: "attribute_exists(pk)"}
)

// put writes it under c. A failed condition is returned as onFail.
func (s *Store) put(ctx context.Context, it item, c cond, onFail error) error {
	in := &dynamodb.PutItemInput{TableName: &s.table, Item: it}
	if c.expr != "" {
		in.ConditionExpression = &c.expr
	}
	if len(c.names) > 0 {
		in.ExpressionAttributeNames = c.names
	}
	if len(c.values) > 0 {
		in.ExpressionAttributeValues = c.values
	}
	if _, err := s.db.PutItem(ctx, in); err != nil {
		if isConditionFailed(err) {
			err = onFail
		}
		return fmt.Errorf("put %s %s: %w", it.s(attrPK), it.s(attrSK), err)
	}
	return nil
}

// del deletes one item; deleting an absent item is not an error.
func (s *Store) del(ctx context.Context, pk, sk string) error {
	_, err := s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: &s.table, Key: key(pk, sk)})
	if err != nil {
		return fmt.Errorf("delete %s %s: %w", pk, sk, err)
	}
	return nil
}

func isConditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}

func isNotFound(err error) bool { return errors.Is(err, store.ErrNotFound) }
