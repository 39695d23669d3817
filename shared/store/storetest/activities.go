package storetest

import (
	"fmt"
	"maps"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

func sampleActivity(name string) store.Activity {
	return store.Activity{ARN: scope + "activity:" + name, Name: name, CreationDate: at(3),
		EncryptionConfiguration: `{"type":"AWS_OWNED_KEY"}`}
}

var activityTests = map[string]func(t *testing.T, s store.Store){
	"CreateGet": func(t *testing.T, s store.Store) {
		a := sampleActivity("act")
		mustNil(t, s.CreateActivity(ctx(), a), "create")
		got, err := s.GetActivity(ctx(), a.ARN)
		mustNil(t, err, "get")
		same(t, "round trip", got, a, normActivity)
		mustIs(t, s.CreateActivity(ctx(), a), store.ErrExists, "second create")
	},
	"GetNotFound": func(t *testing.T, s store.Store) {
		_, err := s.GetActivity(ctx(), scope+"activity:nope")
		mustIs(t, err, store.ErrNotFound, "get absent")
	},
	"Delete": func(t *testing.T, s store.Store) {
		a := sampleActivity("act")
		mustNil(t, s.CreateActivity(ctx(), a), "create")
		mustNil(t, s.DeleteActivity(ctx(), a.ARN), "delete")
		_, err := s.GetActivity(ctx(), a.ARN)
		mustIs(t, err, store.ErrNotFound, "get after delete")
		absentOK(t, s.DeleteActivity(ctx(), a.ARN), "delete again")
	},
	"ListPaged": func(t *testing.T, s store.Store) {
		var want []string
		for i := range 6 {
			a := sampleActivity(fmt.Sprintf("act%d", i))
			mustNil(t, s.CreateActivity(ctx(), a), "create")
			want = append(want, a.ARN)
		}
		key := func(a store.Activity) string { return a.ARN }
		for _, limit := range []int{0, 1, 4, 6} {
			got := pageAll(t, limit, func(p store.Page) ([]store.Activity, string, error) {
				return s.ListActivities(ctx(), p)
			})
			sameSet(t, fmt.Sprintf("limit %d", limit), arns(got, key), want)
		}
	},
}

var tagTests = map[string]func(t *testing.T, s store.Store){
	"EmptyWhenNone": func(t *testing.T, s store.Store) {
		tags, err := s.GetTags(ctx(), smARN("untagged"))
		mustNil(t, err, "get tags")
		if tags == nil || len(tags) != 0 {
			t.Fatalf("got %#v, want empty non-nil map", tags)
		}
	},
	"PutReplaces": func(t *testing.T, s store.Store) {
		res := smARN("sm")
		mustNil(t, s.PutTags(ctx(), res, map[string]string{"a": "1", "b": "2"}), "put")
		got, err := s.GetTags(ctx(), res)
		mustNil(t, err, "get")
		if !maps.Equal(got, map[string]string{"a": "1", "b": "2"}) {
			t.Fatalf("got %v", got)
		}
		mustNil(t, s.PutTags(ctx(), res, map[string]string{"a": "3"}), "put again")
		got, _ = s.GetTags(ctx(), res)
		if !maps.Equal(got, map[string]string{"a": "3"}) {
			t.Fatalf("after replace got %v, want map[a:3]", got)
		}
		mustNil(t, s.PutTags(ctx(), res, map[string]string{}), "put empty")
		got, err = s.GetTags(ctx(), res)
		mustNil(t, err, "get after clearing")
		if len(got) != 0 {
			t.Fatalf("after clearing got %v", got)
		}
	},
	"PerResource": func(t *testing.T, s store.Store) {
		mustNil(t, s.PutTags(ctx(), smARN("x"), map[string]string{"k": "x"}), "put x")
		mustNil(t, s.PutTags(ctx(), scope+"activity:x", map[string]string{"k": "act"}), "put act")
		got, _ := s.GetTags(ctx(), smARN("x"))
		if got["k"] != "x" || len(got) != 1 {
			t.Fatalf("tags of x: %v", got)
		}
	},
	"NoAliasing": func(t *testing.T, s store.Store) {
		in := map[string]string{"a": "1"}
		mustNil(t, s.PutTags(ctx(), smARN("sm"), in), "put")
		in["a"] = "changed"
		got, _ := s.GetTags(ctx(), smARN("sm"))
		got["b"] = "added"
		again, _ := s.GetTags(ctx(), smARN("sm"))
		if !maps.Equal(again, map[string]string{"a": "1"}) {
			t.Fatalf("store aliased caller maps: %v", again)
		}
	},
}
