package dynamostore

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/store"
)

const (
	skMeta       = "META"
	gsiStateMach = "SM"
	gsiActivity  = "ACT"
)

func smPK(arn string) string { return "SM#" + arn }

func smItem(sm store.StateMachine) item {
	it := key(smPK(sm.ARN), skMeta)
	it[attrGSI1PK] = strAttr(gsiStateMach)
	it[attrGSI1SK] = strAttr(sm.ARN)
	it.setS("arn", sm.ARN)
	it.setS("name", sm.Name)
	it.setS("type", sm.Type)
	it.setS("def", sm.Definition)
	it.setS("role", sm.RoleARN)
	it.setS("desc", sm.Description)
	it.setS("rev", sm.RevisionID)
	it.setT("created", sm.CreationDate)
	it.setT("updated", sm.UpdateDate)
	it.setS("logging", sm.LoggingConfiguration)
	it.setS("tracing", sm.TracingConfiguration)
	it.setS("encryption", sm.EncryptionConfiguration)
	it.setN("nextVersion", int64(sm.NextVersion))
	return it
}

func smFromItem(it item) store.StateMachine {
	return store.StateMachine{
		ARN: it.s("arn"), Name: it.s("name"), Type: it.s("type"), Definition: it.s("def"),
		RoleARN: it.s("role"), Description: it.s("desc"), RevisionID: it.s("rev"),
		CreationDate: it.t("created"), UpdateDate: it.t("updated"),
		LoggingConfiguration: it.s("logging"), TracingConfiguration: it.s("tracing"),
		EncryptionConfiguration: it.s("encryption"),
		NextVersion:             int(it.n("nextVersion")),
	}
}

// CreateStateMachine stores sm; ErrExists if its ARN is taken.
func (s *Store) CreateStateMachine(ctx context.Context, sm store.StateMachine) error {
	return s.put(ctx, smItem(sm), absent, store.ErrExists)
}

// GetStateMachine loads a state machine; ErrNotFound if absent.
func (s *Store) GetStateMachine(ctx context.Context, arn string) (store.StateMachine, error) {
	it, err := s.get(ctx, smPK(arn), skMeta)
	if err != nil {
		return store.StateMachine{}, err
	}
	return smFromItem(it), nil
}

// UpdateStateMachine replaces sm if its stored revision is
// expectedRevision: ErrConflict if another revision is stored, ErrNotFound
// if none is (found out by one extra read, on failure only).
func (s *Store) UpdateStateMachine(ctx context.Context, sm store.StateMachine, expectedRevision string) error {
	c := cond{expr: present.expr + " AND #rev = :rev", names: map[string]string{"#rev": "rev"},
		values: item{":rev": strAttr(expectedRevision)}}
	err := s.put(ctx, smItem(sm), c, store.ErrConflict)
	if errors.Is(err, store.ErrConflict) {
		if _, gerr := s.get(ctx, smPK(sm.ARN), skMeta); errors.Is(gerr, store.ErrNotFound) {
			return gerr
		}
	}
	return err
}

// DeleteStateMachine deletes the state machine item; its versions and
// aliases are deleted by the caller, one by one, as AWS does.
func (s *Store) DeleteStateMachine(ctx context.Context, arn string) error {
	return s.del(ctx, smPK(arn), skMeta)
}

// ListStateMachines lists state machines in ARN order.
func (s *Store) ListStateMachines(ctx context.Context, p store.Page) ([]store.StateMachine, string, error) {
	items, next, err := s.listGSI1(ctx, gsiStateMach, p)
	if err != nil {
		return nil, "", fmt.Errorf("list state machines: %w", err)
	}
	out := make([]store.StateMachine, len(items))
	for i, it := range items {
		out[i] = smFromItem(it)
	}
	return out, next, nil
}

// listGSI1 pages through one partition of gsi1 (all state machines, or all
// activities), in ARN order.
func (s *Store) listGSI1(ctx context.Context, partition string, p store.Page) ([]item, string, error) {
	return s.queryPage(ctx, &dynamodb.QueryInput{
		IndexName:                 aws.String(indexGSI1),
		KeyConditionExpression:    aws.String("gsi1pk = :p"),
		ExpressionAttributeValues: item{":p": strAttr(partition)},
	}, p)
}
