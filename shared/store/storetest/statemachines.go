package storetest

import (
	"fmt"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

func sampleSM(name string) store.StateMachine {
	return store.StateMachine{
		ARN: smARN(name), Name: name, Type: "STANDARD", Definition: defA, RoleARN: roleARN,
		Description: "desc " + name, RevisionID: "rev-1", CreationDate: at(0), UpdateDate: at(0),
		LoggingConfiguration:    `{"level":"OFF","includeExecutionData":false}`,
		EncryptionConfiguration: `{"type":"CUSTOMER_MANAGED_KMS_KEY","kmsKeyId":"alias/k"}`,
		TracingConfiguration:    `{"enabled":false}`, NextVersion: 1,
	}
}

var stateMachineTests = map[string]func(t *testing.T, s store.Store){
	"CreateGet": func(t *testing.T, s store.Store) {
		sm := sampleSM("sm1")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
		got, err := s.GetStateMachine(ctx(), sm.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, sm, normSM)
	},
	"CreateExists": func(t *testing.T, s store.Store) {
		sm := sampleSM("sm1")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
		other := sm
		other.Definition = defB
		mustIs(t, s.CreateStateMachine(ctx(), other), store.ErrExists, "second create")
		got, err := s.GetStateMachine(ctx(), sm.ARN)
		mustNil(t, err, "get")
		same(t, "unchanged by failed create", got, sm, normSM)
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetStateMachine(ctx(), smARN("nope"))
		mustIs(t, err, store.ErrNotFound, "get absent")
	},
	"UpdateRevision": func(t *testing.T, s store.Store) {
		sm := sampleSM("sm1")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
		next := sm
		next.Definition, next.RevisionID, next.UpdateDate, next.NextVersion = defB, "rev-2", at(5), 2
		mustNil(t, s.UpdateStateMachine(ctx(), next, "rev-1"), "update")
		got, err := s.GetStateMachine(ctx(), sm.ARN)
		mustNil(t, err, "get")
		same(t, "after update", got, next, normSM)

		stale := sm
		stale.RevisionID = "rev-3"
		mustIs(t, s.UpdateStateMachine(ctx(), stale, "rev-1"), store.ErrConflict, "stale update")
		got, _ = s.GetStateMachine(ctx(), sm.ARN)
		same(t, "unchanged by stale update", got, next, normSM)
	},
	"UpdateAbsent": func(t *testing.T, s store.Store) {
		err := s.UpdateStateMachine(ctx(), sampleSM("ghost"), "rev-1")
		if err == nil {
			t.Fatal("update of absent state machine succeeded")
		}
		if _, err := s.GetStateMachine(ctx(), smARN("ghost")); err == nil {
			t.Fatal("update of absent state machine created it")
		}
	},
	"Delete": func(t *testing.T, s store.Store) {
		sm := sampleSM("sm1")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
		mustNil(t, s.DeleteStateMachine(ctx(), sm.ARN), "delete")
		_, err := s.GetStateMachine(ctx(), sm.ARN)
		mustIs(t, err, store.ErrNotFound, "get after delete")
		absentOK(t, s.DeleteStateMachine(ctx(), sm.ARN), "delete again")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "re-create after delete")
	},
	"ListPaged": func(t *testing.T, s store.Store) {
		var want []string
		for i := range 7 {
			sm := sampleSM(fmt.Sprintf("sm%02d", i))
			mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
			want = append(want, sm.ARN)
		}
		key := func(sm store.StateMachine) string { return sm.ARN }
		for _, limit := range []int{0, 1, 3, 7, 100} {
			got := pageAll(t, limit, func(p store.Page) ([]store.StateMachine, string, error) {
				return s.ListStateMachines(ctx(), p)
			})
			sameSet(t, fmt.Sprintf("limit %d", limit), arns(got, key), want)
		}
	},
	"ListEmpty": func(t *testing.T, s store.Store) {
		items, next, err := s.ListStateMachines(ctx(), store.Page{Limit: 10})
		mustNil(t, err, "list")
		if len(items) != 0 || next != "" {
			t.Fatalf("empty store listed %d items, token %q", len(items), next)
		}
	},
	"NoAliasing": func(t *testing.T, s store.Store) {
		sm := sampleSM("sm1")
		mustNil(t, s.CreateStateMachine(ctx(), sm), "create")
		list, _, err := s.ListStateMachines(ctx(), store.Page{})
		mustNil(t, err, "list")
		list[0].Definition = "mutated"
		got, _ := s.GetStateMachine(ctx(), sm.ARN)
		same(t, "after mutating a listed copy", got, sm, normSM)
	},
}
