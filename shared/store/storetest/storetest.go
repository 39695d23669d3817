// Package storetest is the contract suite for the store port. Every adapter
// (memstore, dynamostore) runs it; it tests only what store.Store promises,
// never how an adapter keeps its data.
//
// Semantics pinned here beyond the interface comments:
//   - Times round-trip to the millisecond (the suite uses UTC, ms-truncated times).
//   - Returned values never alias the store: mutating them (or the values
//     passed in) changes nothing stored.
//   - PutTags replaces the whole tag set of a resource; GetTags of an
//     untagged or unknown resource is an empty, non-nil map.
//   - Listings page with opaque tokens: every item appears exactly once,
//     no page exceeds Page.Limit, and the last page returns token "".
//   - ListVersions and ListExecutions are newest first.
//   - Deleting something absent returns nil or ErrNotFound (both accepted).
package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/store"
)

// Run runs the whole suite; newStore must return a fresh, empty store.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	t.Helper()
	groups := []struct {
		name  string
		tests map[string]func(t *testing.T, s store.Store)
	}{
		{"StateMachines", stateMachineTests},
		{"Versions", versionTests},
		{"Aliases", aliasTests},
		{"Activities", activityTests},
		{"Tags", tagTests},
		{"Executions", executionTests},
		{"ListExecutions", listExecutionTests},
		{"Events", eventTests},
		{"Payloads", payloadTests},
		{"Tokens", tokenTests},
		{"ChildEnds", childEndTests},
		{"ActivityTasks", activityTaskTests},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, name := range sortedKeys(g.tests) {
				fn := g.tests[name]
				t.Run(name, func(t *testing.T) { fn(t, newStore(t)) })
			}
		})
	}
}

// base is a fixed, millisecond-precise instant all suite times derive from.
var base = time.Date(2026, 3, 14, 15, 9, 26, 535_000_000, time.UTC)

func at(sec int) time.Time { return base.Add(time.Duration(sec) * time.Second) }

const (
	scope   = "arn:aws:states:us-east-1:123456789012:"
	roleARN = "arn:aws:iam::123456789012:role/StatesRole"
	defA    = `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`
	defB    = `{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}`
)

func smARN(name string) string { return scope + "stateMachine:" + name }

func ctx() context.Context { return context.Background() }
