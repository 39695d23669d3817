package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/store"
)

func activityPK(arn string) string { return "ACT#" + arn }

func activityItem(a store.Activity) item {
	it := key(activityPK(a.ARN), skMeta)
	it[attrGSI1PK] = strAttr(gsiActivity)
	it[attrGSI1SK] = strAttr(a.ARN)
	it.setS("arn", a.ARN)
	it.setS("name", a.Name)
	it.setT("created", a.CreationDate)
	it.setS("encryption", a.EncryptionConfiguration)
	return it
}

func activityFromItem(it item) store.Activity {
	return store.Activity{ARN: it.s("arn"), Name: it.s("name"), CreationDate: it.t("created"),
		EncryptionConfiguration: it.s("encryption")}
}

// CreateActivity stores a; ErrExists if its ARN is taken.
func (s *Store) CreateActivity(ctx context.Context, a store.Activity) error {
	return s.put(ctx, activityItem(a), absent, store.ErrExists)
}

// GetActivity loads an activity; ErrNotFound if absent.
func (s *Store) GetActivity(ctx context.Context, arn string) (store.Activity, error) {
	it, err := s.get(ctx, activityPK(arn), skMeta)
	if err != nil {
		return store.Activity{}, err
	}
	return activityFromItem(it), nil
}

// DeleteActivity deletes an activity; deleting an absent one is not an error.
func (s *Store) DeleteActivity(ctx context.Context, arn string) error {
	return s.del(ctx, activityPK(arn), skMeta)
}

// ListActivities lists activities in ARN order.
func (s *Store) ListActivities(ctx context.Context, p store.Page) ([]store.Activity, string, error) {
	items, next, err := s.listGSI1(ctx, gsiActivity, p)
	if err != nil {
		return nil, "", fmt.Errorf("list activities: %w", err)
	}
	out := make([]store.Activity, len(items))
	for i, it := range items {
		out[i] = activityFromItem(it)
	}
	return out, next, nil
}

func tagsPK(arn string) string { return "TAG#" + arn }

const skTags = "TAGS"

// GetTags returns the tags of any resource; an empty map when it has none.
func (s *Store) GetTags(ctx context.Context, arn string) (map[string]string, error) {
	tags := map[string]string{}
	it, err := s.get(ctx, tagsPK(arn), skTags)
	if err != nil {
		if isNotFound(err) {
			return tags, nil
		}
		return nil, err
	}
	if m, ok := it["tags"].(*types.AttributeValueMemberM); ok {
		for k, v := range m.Value {
			if sv, ok := v.(*types.AttributeValueMemberS); ok {
				tags[k] = sv.Value
			}
		}
	}
	return tags, nil
}

// PutTags replaces the whole tag set of a resource; an empty set deletes
// the item.
func (s *Store) PutTags(ctx context.Context, arn string, tags map[string]string) error {
	if len(tags) == 0 {
		return s.del(ctx, tagsPK(arn), skTags)
	}
	m := make(map[string]types.AttributeValue, len(tags))
	for k, v := range tags {
		m[k] = strAttr(v)
	}
	it := key(tagsPK(arn), skTags)
	it["tags"] = &types.AttributeValueMemberM{Value: m}
	if err := s.put(ctx, it, always, nil); err != nil {
		return fmt.Errorf("put tags: %w", err)
	}
	return nil
}
