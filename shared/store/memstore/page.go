package memstore

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/store"
)

// defaultLimit is the page size when the caller sets none (AWS's default
// for list operations is 100).
const defaultLimit = 100

// tokenPrefix versions the token format, so a future change can still
// reject (rather than misread) old tokens.
const tokenPrefix = "m1."

// ErrBadToken reports a page token this store did not hand out.
var ErrBadToken = fmt.Errorf("memstore: invalid page token")

// page returns the items whose sort keys come after the cursor in p.Token,
// at most p.Limit of them, and the token for the next page. keyed must be
// sorted by key ascending; keys are unique.
func page[T any](keyed []keyedItem[T], p store.Page) ([]T, string, error) {
	start := 0
	if p.Token != "" {
		after, err := decodeToken(p.Token)
		if err != nil {
			return nil, "", err
		}
		start = sort.Search(len(keyed), func(i int) bool { return keyed[i].key > after })
	}
	limit := p.Limit
	if limit <= 0 {
		limit = defaultLimit
	}
	end := min(start+limit, len(keyed))
	out := make([]T, 0, end-start)
	for _, k := range keyed[start:end] {
		out = append(out, k.item)
	}
	next := ""
	if end < len(keyed) {
		next = tokenPrefix + base64.RawURLEncoding.EncodeToString([]byte(keyed[end-1].key))
	}
	return out, next, nil
}

func decodeToken(tok string) (string, error) {
	rest, ok := strings.CutPrefix(tok, tokenPrefix)
	if !ok {
		return "", ErrBadToken
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	if err != nil {
		return "", ErrBadToken
	}
	return string(b), nil
}

type keyedItem[T any] struct {
	key  string
	item T
}

func sortKeyed[T any](items []keyedItem[T]) {
	sort.Slice(items, func(i, j int) bool { return items[i].key < items[j].key })
}
