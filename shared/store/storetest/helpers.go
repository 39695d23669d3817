package storetest

import (
	"errors"
	"fmt"
	"sort"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// mustNil fails the test now when err is not nil.
func mustNil(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: unexpected error: %v", what, err)
	}
}

// mustIs fails the test now unless errors.Is(err, want).
func mustIs(t *testing.T, err, want error, what string) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("%s: got error %v, want errors.Is(err, %v)", what, err, want)
	}
}

// absentOK accepts nil or ErrNotFound, for deletes of absent items.
func absentOK(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("%s: got %v, want nil or ErrNotFound", what, err)
	}
}

// lister fetches one page of some listing.
type lister[T any] func(p store.Page) ([]T, string, error)

// pageAll walks a listing with the given limit, checking the paging rules,
// and returns every item in order.
func pageAll[T any](t *testing.T, limit int, list lister[T]) []T {
	t.Helper()
	var all []T
	token := ""
	seen := map[string]bool{}
	for i := 0; ; i++ {
		if i > 1000 {
			t.Fatalf("paging did not end after %d pages", i)
		}
		items, next, err := list(store.Page{Token: token, Limit: limit})
		mustNil(t, err, fmt.Sprintf("list page %d", i))
		if limit > 0 && len(items) > limit {
			t.Fatalf("page %d has %d items, limit %d", i, len(items), limit)
		}
		all = append(all, items...)
		if next == "" {
			return all
		}
		if seen[next] {
			t.Fatalf("page token %q repeated", next)
		}
		seen[next] = true
		token = next
	}
}

// sameSet checks that got holds each of want exactly once (any order).
func sameSet(t *testing.T, what string, got, want []string) {
	t.Helper()
	count := map[string]int{}
	for _, g := range got {
		count[g]++
	}
	for _, w := range want {
		if count[w] != 1 {
			t.Errorf("%s: %q seen %d times, want once (got %v)", what, w, count[w], got)
		}
		delete(count, w)
	}
	for g := range count {
		t.Errorf("%s: unexpected item %q", what, g)
	}
}

// sameSeq checks got equals want in order.
func sameSeq(t *testing.T, what string, got, want []string) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s:\n got %v\nwant %v", what, got, want)
	}
}

func arns[T any](items []T, key func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = key(it)
	}
	return out
}
