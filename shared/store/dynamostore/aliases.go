package dynamostore

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/store"
)

func aliasKey(arn string) (pk, sk string, err error) {
	sm, name, ok := splitQualified(arn)
	if !ok {
		return "", "", fmt.Errorf("alias %s: %w", arn, store.ErrNotFound)
	}
	return smPK(sm), "A#" + name, nil
}

func aliasItem(a store.Alias) item {
	it := key(smPK(a.StateMachineARN), "A#"+a.Name)
	it.setS("arn", a.ARN)
	it.setS("sm", a.StateMachineARN)
	it.setS("name", a.Name)
	it.setS("desc", a.Description)
	it.setT("created", a.CreationDate)
	it.setT("updated", a.UpdateDate)
	if len(a.Routes) > 0 {
		routes := make([]types.AttributeValue, len(a.Routes))
		for i, r := range a.Routes {
			routes[i] = &types.AttributeValueMemberM{Value: item{
				"version": strAttr(r.VersionARN), "weight": numAttr(int64(r.Weight)),
			}}
		}
		it["routes"] = &types.AttributeValueMemberL{Value: routes}
	}
	return it
}

func aliasFromItem(it item) store.Alias {
	a := store.Alias{
		ARN: it.s("arn"), StateMachineARN: it.s("sm"), Name: it.s("name"),
		Description: it.s("desc"), CreationDate: it.t("created"), UpdateDate: it.t("updated"),
	}
	if l, ok := it["routes"].(*types.AttributeValueMemberL); ok {
		for _, v := range l.Value {
			if m, ok := v.(*types.AttributeValueMemberM); ok {
				r := item(m.Value)
				a.Routes = append(a.Routes, store.Route{VersionARN: r.s("version"), Weight: int(r.n("weight"))})
			}
		}
	}
	return a
}

// CreateAlias stores a; ErrExists if the name is taken.
func (s *Store) CreateAlias(ctx context.Context, a store.Alias) error {
	return s.put(ctx, aliasItem(a), absent, store.ErrExists)
}

// GetAlias loads an alias by its ARN; ErrNotFound if absent.
func (s *Store) GetAlias(ctx context.Context, arn string) (store.Alias, error) {
	pk, sk, err := aliasKey(arn)
	if err != nil {
		return store.Alias{}, err
	}
	it, err := s.get(ctx, pk, sk)
	if err != nil {
		return store.Alias{}, err
	}
	return aliasFromItem(it), nil
}

// UpdateAlias replaces an existing alias; ErrNotFound if absent.
func (s *Store) UpdateAlias(ctx context.Context, a store.Alias) error {
	return s.put(ctx, aliasItem(a), present, store.ErrNotFound)
}

// ListAliases lists the aliases of a state machine in name order.
func (s *Store) ListAliases(ctx context.Context, stateMachineARN string, p store.Page) ([]store.Alias, string, error) {
	items, next, err := s.listChildren(ctx, stateMachineARN, "A#", true, p)
	if err != nil {
		return nil, "", fmt.Errorf("list aliases of %s: %w", stateMachineARN, err)
	}
	out := make([]store.Alias, len(items))
	for i, it := range items {
		out[i] = aliasFromItem(it)
	}
	return out, next, nil
}

// DeleteAlias deletes an alias; deleting an absent one is not an error.
func (s *Store) DeleteAlias(ctx context.Context, arn string) error {
	pk, sk, err := aliasKey(arn)
	if err != nil {
		return nil
	}
	return s.del(ctx, pk, sk)
}
