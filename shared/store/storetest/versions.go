package storetest

import (
	"fmt"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

func sampleVersion(sm string, n int) store.Version {
	return store.Version{
		ARN: fmt.Sprintf("%s:%d", smARN(sm), n), StateMachineARN: smARN(sm), Number: n,
		RevisionID: fmt.Sprintf("rev-%d", n), Definition: defA, RoleARN: roleARN,
		Description: fmt.Sprintf("v%d", n), CreationDate: at(n), EncryptionConfiguration: `{"type":"AWS_OWNED_KEY"}`,
	}
}

var versionTests = map[string]func(t *testing.T, s store.Store){
	"CreateGet": func(t *testing.T, s store.Store) {
		v := sampleVersion("sm", 1)
		mustNil(t, s.CreateVersion(ctx(), v), "create")
		got, err := s.GetVersion(ctx(), v.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, v, normVersion)
	},
	"CreateExists": func(t *testing.T, s store.Store) {
		v := sampleVersion("sm", 1)
		mustNil(t, s.CreateVersion(ctx(), v), "create")
		v2 := v
		v2.Definition = defB
		mustIs(t, s.CreateVersion(ctx(), v2), store.ErrExists, "second create")
		got, _ := s.GetVersion(ctx(), v.ARN)
		same(t, "unchanged", got, v, normVersion)
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetVersion(ctx(), smARN("sm")+":9")
		mustIs(t, err, store.ErrNotFound, "get absent")
	},
	"Delete": func(t *testing.T, s store.Store) {
		v := sampleVersion("sm", 1)
		mustNil(t, s.CreateVersion(ctx(), v), "create")
		mustNil(t, s.DeleteVersion(ctx(), v.ARN), "delete")
		_, err := s.GetVersion(ctx(), v.ARN)
		mustIs(t, err, store.ErrNotFound, "get after delete")
		absentOK(t, s.DeleteVersion(ctx(), v.ARN), "delete again")
	},
	"ListNewestFirstPaged": func(t *testing.T, s store.Store) {
		var want []string
		for n := 1; n <= 12; n++ {
			mustNil(t, s.CreateVersion(ctx(), sampleVersion("sm", n)), "create")
			want = append([]string{sampleVersion("sm", n).ARN}, want...)
		}
		mustNil(t, s.CreateVersion(ctx(), sampleVersion("other", 1)), "create other")
		key := func(v store.Version) string { return v.ARN }
		for _, limit := range []int{0, 1, 5, 12, 50} {
			got := pageAll(t, limit, func(p store.Page) ([]store.Version, string, error) {
				return s.ListVersions(ctx(), smARN("sm"), p)
			})
			sameSeq(t, fmt.Sprintf("limit %d", limit), arns(got, key), want)
		}
	},
	"ListUnknownStateMachine": func(t *testing.T, s store.Store) {
		items, next, err := s.ListVersions(ctx(), smARN("none"), store.Page{})
		mustNil(t, err, "list")
		if len(items) != 0 || next != "" {
			t.Fatalf("got %d items, token %q", len(items), next)
		}
	},
}

func sampleAlias(sm, name string) store.Alias {
	return store.Alias{
		ARN: smARN(sm) + ":" + name, StateMachineARN: smARN(sm), Name: name, Description: "alias " + name,
		Routes: []store.Route{
			{VersionARN: smARN(sm) + ":1", Weight: 90},
			{VersionARN: smARN(sm) + ":2", Weight: 10},
		},
		CreationDate: at(1), UpdateDate: at(1),
	}
}

var aliasTests = map[string]func(t *testing.T, s store.Store){
	"CreateGet": func(t *testing.T, s store.Store) {
		a := sampleAlias("sm", "prod")
		mustNil(t, s.CreateAlias(ctx(), a), "create")
		got, err := s.GetAlias(ctx(), a.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, a, normAlias)
	},
	"CreateExists": func(t *testing.T, s store.Store) {
		a := sampleAlias("sm", "prod")
		mustNil(t, s.CreateAlias(ctx(), a), "create")
		mustIs(t, s.CreateAlias(ctx(), a), store.ErrExists, "second create")
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetAlias(ctx(), smARN("sm")+":nope")
		mustIs(t, err, store.ErrNotFound, "get absent")
	},
	"Update": func(t *testing.T, s store.Store) {
		a := sampleAlias("sm", "prod")
		mustNil(t, s.CreateAlias(ctx(), a), "create")
		a.Description, a.UpdateDate = "changed", at(9)
		a.Routes = []store.Route{{VersionARN: smARN("sm") + ":3", Weight: 100}}
		mustNil(t, s.UpdateAlias(ctx(), a), "update")
		got, _ := s.GetAlias(ctx(), a.ARN)
		same(t, "after update", got, a, normAlias)
		mustIs(t, s.UpdateAlias(ctx(), sampleAlias("sm", "ghost")), store.ErrNotFound, "update absent")
		_, err := s.GetAlias(ctx(), smARN("sm")+":ghost")
		mustIs(t, err, store.ErrNotFound, "update absent must not create")
	},
	"Delete": func(t *testing.T, s store.Store) {
		a := sampleAlias("sm", "prod")
		mustNil(t, s.CreateAlias(ctx(), a), "create")
		mustNil(t, s.DeleteAlias(ctx(), a.ARN), "delete")
		_, err := s.GetAlias(ctx(), a.ARN)
		mustIs(t, err, store.ErrNotFound, "get after delete")
		absentOK(t, s.DeleteAlias(ctx(), a.ARN), "delete again")
	},
	"ListPaged": func(t *testing.T, s store.Store) {
		var want []string
		for i := range 5 {
			a := sampleAlias("sm", fmt.Sprintf("a%d", i))
			mustNil(t, s.CreateAlias(ctx(), a), "create")
			want = append(want, a.ARN)
		}
		mustNil(t, s.CreateAlias(ctx(), sampleAlias("other", "a0")), "create other")
		key := func(a store.Alias) string { return a.ARN }
		for _, limit := range []int{0, 2, 5} {
			got := pageAll(t, limit, func(p store.Page) ([]store.Alias, string, error) {
				return s.ListAliases(ctx(), smARN("sm"), p)
			})
			sameSet(t, fmt.Sprintf("limit %d", limit), arns(got, key), want)
		}
	},
	"NoAliasing": func(t *testing.T, s store.Store) {
		a := sampleAlias("sm", "prod")
		in := a
		in.Routes = append([]store.Route(nil), a.Routes...)
		mustNil(t, s.CreateAlias(ctx(), in), "create")
		in.Routes[0].Weight = 1
		got, _ := s.GetAlias(ctx(), a.ARN)
		got.Routes[1].Weight = 2
		again, _ := s.GetAlias(ctx(), a.ARN)
		same(t, "after mutating input and output", again, a, normAlias)
	},
}
