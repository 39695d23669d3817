package dynamostore

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/store"
)

// defaultLimit is the page size when the caller sets none (AWS's default
// for list operations).
const defaultLimit = 100

// tokenPrefix versions the page token format, so a later format can reject
// old tokens instead of misreading them.
const tokenPrefix = "d1."

// ErrBadToken reports a page token this store did not hand out.
var ErrBadToken = errors.New("dynamostore: invalid page token")

// encodeToken turns a LastEvaluatedKey (all of whose attributes are
// strings in this table) into an opaque token; "" when there is none.
func encodeToken(lek map[string]types.AttributeValue) (string, error) {
	if len(lek) == 0 {
		return "", nil
	}
	flat := make(map[string]string, len(lek))
	for k, v := range lek {
		sv, ok := v.(*types.AttributeValueMemberS)
		if !ok {
			return "", fmt.Errorf("encode page token: key attribute %s is not a string", k)
		}
		flat[k] = sv.Value
	}
	b, err := json.Marshal(flat)
	if err != nil {
		return "", fmt.Errorf("encode page token: %w", err)
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString(b), nil
}

func decodeToken(tok string) (map[string]types.AttributeValue, error) {
	if tok == "" {
		return nil, nil
	}
	rest, ok := strings.CutPrefix(tok, tokenPrefix)
	if !ok {
		return nil, ErrBadToken
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return nil, ErrBadToken
	}
	var flat map[string]string
	if err := json.Unmarshal(b, &flat); err != nil || len(flat) == 0 {
		return nil, ErrBadToken
	}
	out := make(map[string]types.AttributeValue, len(flat))
	for k, v := range flat {
		out[k] = strAttr(v)
	}
	return out, nil
}

// queryPage runs in (a query without Limit or ExclusiveStartKey) for one
// page of p. With a filter, DynamoDB applies Limit before filtering, so it
// queries on until the page is full or the index ends, reading at least
// filteredBatch items a call; when a call matches more than the page
// needs, the page ends at its last item and the token is that item's key.
func (s *Store) queryPage(ctx context.Context, in *dynamodb.QueryInput, p store.Page) ([]item, string, error) {
	start, err := decodeToken(p.Token)
	if err != nil {
		return nil, "", err
	}
	limit := p.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	batch := limit
	if in.FilterExpression != nil {
		batch = max(limit, filteredBatch)
	}
	in.TableName = &s.table
	var out []item
	for {
		q := *in
		q.Limit = int32Ptr(batch)
		q.ExclusiveStartKey = start
		res, err := s.db.Query(ctx, &q)
		if err != nil {
			return nil, "", fmt.Errorf("query: %w", err)
		}
		start = res.LastEvaluatedKey
		if need := limit - len(out); len(res.Items) > need {
			out = append(out, itemsOf(res.Items[:need])...)
			start = keyOf(out[len(out)-1], in.IndexName)
		} else {
			out = append(out, itemsOf(res.Items)...)
		}
		if len(start) == 0 || len(out) >= limit {
			break
		}
	}
	tok, err := encodeToken(start)
	return out, tok, err
}

// filteredBatch is the least a filtered query reads per call, so that a
// sparse filter does not cost one call per item.
const filteredBatch = 100

// keyOf is the ExclusiveStartKey that resumes a query after it: the table
// key plus, on an index, the index key.
func keyOf(it item, index *string) map[string]types.AttributeValue {
	names := []string{attrPK, attrSK}
	switch {
	case index == nil:
	case *index == indexGSI1:
		names = append(names, attrGSI1PK, attrGSI1SK)
	case *index == indexGSI2:
		names = append(names, attrGSI2PK, attrGSI2SK)
	}
	k := make(map[string]types.AttributeValue, len(names))
	for _, n := range names {
		k[n] = it[n]
	}
	return k
}

func itemsOf(ms []map[string]types.AttributeValue) []item {
	out := make([]item, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}

// queryAll runs in to the end (for bounded result sets such as the events
// of one range).
func (s *Store) queryAll(ctx context.Context, in *dynamodb.QueryInput) ([]item, error) {
	in.TableName = &s.table
	var out []item
	for {
		res, err := s.db.Query(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("query: %w", err)
		}
		out = append(out, itemsOf(res.Items)...)
		if len(res.LastEvaluatedKey) == 0 {
			return out, nil
		}
		in.ExclusiveStartKey = res.LastEvaluatedKey
	}
}

func int32Ptr(n int) *int32 {
	v := int32(min(n, 1<<30))
	return &v
}
