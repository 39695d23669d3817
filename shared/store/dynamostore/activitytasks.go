package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/store"
)

// Activity tasks are items "AT#<activity ARN>" / "<scheduled time>#<token>":
// a Query finds the oldest, and a conditional delete claims it, so two
// pollers never get the same task.

func activityTaskPK(activityARN string) string { return "AT#" + activityARN }

// PushActivityTask stores a task.
func (s *Store) PushActivityTask(ctx context.Context, activityARN string, t store.ActivityTask) error {
	it := key(activityTaskPK(activityARN), fmt.Sprintf("%020d#%s", t.Scheduled.UnixNano(), t.Token))
	it.setS("token", t.Token)
	it.setPackedS("input", t.Input)
	s.setTTL(it, t.Scheduled)
	return s.put(ctx, it, always, nil)
}

// ClaimActivityTask deletes and returns the oldest task, retrying when
// another poller claimed it first.
func (s *Store) ClaimActivityTask(ctx context.Context, activityARN string) (store.ActivityTask, error) {
	for attempt := 0; attempt < 5; attempt++ {
		out, err := s.db.Query(ctx, &dynamodb.QueryInput{
			TableName:                 &s.table,
			KeyConditionExpression:    aws.String("pk = :pk"),
			ExpressionAttributeValues: item{":pk": strAttr(activityTaskPK(activityARN))},
			Limit:                     aws.Int32(1),
			ConsistentRead:            aws.Bool(true),
		})
		if err != nil {
			return store.ActivityTask{}, fmt.Errorf("query activity tasks of %s: %w", activityARN, err)
		}
		if len(out.Items) == 0 {
			return store.ActivityTask{}, fmt.Errorf("activity %s has no task: %w", activityARN, store.ErrNotFound)
		}
		it := item(out.Items[0])
		_, err = s.db.DeleteItem(ctx, &dynamodb.DeleteItemInput{
			TableName: &s.table, Key: key(it.s(attrPK), it.s(attrSK)),
			ConditionExpression: aws.String("attribute_exists(pk)"),
		})
		if isConditionFailed(err) {
			continue // claimed by another poller
		}
		if err != nil {
			return store.ActivityTask{}, fmt.Errorf("claim activity task of %s: %w", activityARN, err)
		}
		input, err := it.packedS("input")
		if err != nil {
			return store.ActivityTask{}, err
		}
		return store.ActivityTask{Token: it.s("token"), Input: input}, nil
	}
	return store.ActivityTask{}, fmt.Errorf("activity %s: every task was claimed by others: %w", activityARN, store.ErrNotFound)
}
