package dynamostore

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/store"
)

// splitQualified splits "<state machine arn>:<qualifier>" (a version or
// alias ARN) at its last colon.
func splitQualified(arn string) (sm, qualifier string, ok bool) {
	i := strings.LastIndexByte(arn, ':')
	if i <= 0 || i == len(arn)-1 {
		return "", "", false
	}
	return arn[:i], arn[i+1:], true
}

// versionSK zero-pads the number so that versions sort numerically.
func versionSK(n int) string { return fmt.Sprintf("V#%010d", n) }

func versionKey(arn string) (pk, sk string, err error) {
	sm, q, ok := splitQualified(arn)
	n, perr := strconv.Atoi(q)
	if !ok || perr != nil || n < 0 {
		return "", "", fmt.Errorf("version %s: %w", arn, store.ErrNotFound)
	}
	return smPK(sm), versionSK(n), nil
}

func versionItem(v store.Version) item {
	it := key(smPK(v.StateMachineARN), versionSK(v.Number))
	it.setS("arn", v.ARN)
	it.setS("sm", v.StateMachineARN)
	it.setN("number", int64(v.Number))
	it.setS("rev", v.RevisionID)
	it.setS("def", v.Definition)
	it.setS("role", v.RoleARN)
	it.setS("desc", v.Description)
	it.setT("created", v.CreationDate)
	it.setS("encryption", v.EncryptionConfiguration)
	return it
}

func versionFromItem(it item) store.Version {
	return store.Version{
		ARN: it.s("arn"), StateMachineARN: it.s("sm"), Number: int(it.n("number")),
		RevisionID: it.s("rev"), Definition: it.s("def"), RoleARN: it.s("role"),
		Description: it.s("desc"), CreationDate: it.t("created"), EncryptionConfiguration: it.s("encryption"),
	}
}

// CreateVersion stores v; ErrExists if its number is taken.
func (s *Store) CreateVersion(ctx context.Context, v store.Version) error {
	return s.put(ctx, versionItem(v), absent, store.ErrExists)
}

// GetVersion loads a version by its ARN; ErrNotFound if absent.
func (s *Store) GetVersion(ctx context.Context, arn string) (store.Version, error) {
	pk, sk, err := versionKey(arn)
	if err != nil {
		return store.Version{}, err
	}
	it, err := s.get(ctx, pk, sk)
	if err != nil {
		return store.Version{}, err
	}
	return versionFromItem(it), nil
}

// ListVersions lists the versions of a state machine, newest first.
func (s *Store) ListVersions(ctx context.Context, stateMachineARN string, p store.Page) ([]store.Version, string, error) {
	items, next, err := s.listChildren(ctx, stateMachineARN, "V#", false, p)
	if err != nil {
		return nil, "", fmt.Errorf("list versions of %s: %w", stateMachineARN, err)
	}
	out := make([]store.Version, len(items))
	for i, it := range items {
		out[i] = versionFromItem(it)
	}
	return out, next, nil
}

// DeleteVersion deletes a version; deleting an absent one is not an error.
func (s *Store) DeleteVersion(ctx context.Context, arn string) error {
	pk, sk, err := versionKey(arn)
	if err != nil {
		return nil
	}
	return s.del(ctx, pk, sk)
}

// listChildren pages through the items of one kind (sort key prefix)
// under a state machine.
func (s *Store) listChildren(ctx context.Context, smARN, prefix string, forward bool, p store.Page) ([]item, string, error) {
	return s.queryPage(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("pk = :pk AND begins_with(sk, :pre)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": strAttr(smPK(smARN)), ":pre": strAttr(prefix),
		},
		ScanIndexForward: aws.Bool(forward),
		ConsistentRead:   aws.Bool(true),
	}, p)
}
