package dynamostore

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A parent's inbox of child ends is items beside its record: one small
// item per report (a write unit each; one set of them all would bill
// every update for the whole set) and a bell item holding the report
// that raised it. Reading the reports is a Query; removing them a
// BatchWriteItem per 25.
const (
	skChildEnd = "CE#" // + the report
	skBell     = "CEBELL"
	attrBell   = "by"
)

// AddChildEnd puts report's item, then raises the bell unless it is up:
// one PutItem and one UpdateItem, which returns who raised it.
func (s *Store) AddChildEnd(ctx context.Context, parentARN, report string) (bool, error) {
	it := key(execPK(parentARN), skChildEnd+report)
	s.setTTL(it, s.now())
	if err := s.put(ctx, it, always, nil); err != nil {
		return false, fmt.Errorf("add child end to %s: %w", parentARN, err)
	}
	return s.raiseBell(ctx, parentARN, report, it[attrTTL])
}

// ChildEnds queries the reports (strongly consistent).
func (s *Store) ChildEnds(ctx context.Context, parentARN string, limit int) ([]string, bool, error) {
	out, err := s.db.Query(ctx, &dynamodb.QueryInput{
		TableName: &s.table, ConsistentRead: aws.Bool(true), Limit: aws.Int32(int32(limit + 1)),
		KeyConditionExpression:    aws.String("pk = :pk AND begins_with(sk, :pre)"),
		ExpressionAttributeValues: item{":pk": strAttr(execPK(parentARN)), ":pre": strAttr(skChildEnd)},
		ProjectionExpression:      aws.String("sk"),
	})
	if err != nil {
		return nil, false, fmt.Errorf("read child ends of %s: %w", parentARN, err)
	}
	var reports []string
	for _, it := range out.Items {
		reports = append(reports, strings.TrimPrefix(item(it).s(attrSK), skChildEnd))
	}
	more := len(reports) > limit || out.LastEvaluatedKey != nil
	return reports[:min(len(reports), limit)], more, nil
}

// CloseChildEnds lowers the bell (an UpdateItem), queries for a report
// left, and if one is, raises the bell for by (another UpdateItem). A
// report added after the lowering rings itself; one added before it is
// found by the query.
func (s *Store) CloseChildEnds(ctx context.Context, parentARN, by string) (bool, error) {
	_, err := s.db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(execPK(parentARN), skBell),
		UpdateExpression:         aws.String("REMOVE #b"),
		ExpressionAttributeNames: map[string]string{"#b": attrBell},
	})
	if err != nil {
		return false, fmt.Errorf("lower the bell of %s: %w", parentARN, err)
	}
	left, _, err := s.ChildEnds(ctx, parentARN, 1)
	if err != nil || len(left) == 0 {
		return false, err
	}
	return s.raiseBell(ctx, parentARN, by, nil)
}

// raiseBell raises parentARN's bell for by unless it is up, and reports
// whether by raised it.
func (s *Store) raiseBell(ctx context.Context, parentARN, by string, ttl types.AttributeValue) (bool, error) {
	in := &dynamodb.UpdateItemInput{
		TableName: &s.table, Key: key(execPK(parentARN), skBell),
		UpdateExpression:          aws.String("SET #b = if_not_exists(#b, :r)"),
		ExpressionAttributeNames:  map[string]string{"#b": attrBell},
		ExpressionAttributeValues: item{":r": strAttr(by)},
		ReturnValues:              types.ReturnValueUpdatedNew,
	}
	if ttl != nil { // the bell expires with the reports
		in.UpdateExpression = aws.String("SET #b = if_not_exists(#b, :r), #t = :t")
		in.ExpressionAttributeNames["#t"], in.ExpressionAttributeValues[":t"] = attrTTL, ttl
	}
	out, err := s.db.UpdateItem(ctx, in)
	if err != nil {
		return false, fmt.Errorf("raise the bell of %s: %w", parentARN, err)
	}
	return item(out.Attributes).s(attrBell) == by, nil
}

// RemoveChildEnds deletes the reports' items, 25 to a BatchWriteItem.
func (s *Store) RemoveChildEnds(ctx context.Context, parentARN string, reports []string) error {
	for start := 0; start < len(reports); start += batchSize {
		var reqs []types.WriteRequest
		for _, r := range reports[start:min(start+batchSize, len(reports))] {
			reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key(execPK(parentARN), skChildEnd+r)}})
		}
		if err := s.batchWrite(ctx, reqs); err != nil {
			return fmt.Errorf("remove child ends of %s: %w", parentARN, err)
		}
	}
	return nil
}
