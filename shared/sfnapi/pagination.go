package sfnapi

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Page tokens are "v1." + base64url(JSON cursor). The cursor names the
// listing it belongs to (Scope), so a token cannot be replayed against
// another listing, and the version prefix lets the format change later.
const tokenVersion = "v1."

// maxNextToken is AWS's length limit of nextToken.
const maxNextToken = 1024

type cursor struct {
	Scope  string `json:"s"`
	Store  string `json:"t,omitempty"` // the store's own token
	Offset int    `json:"o,omitempty"` // for listings computed in memory
}

func encodeToken(c cursor) string {
	b, _ := json.Marshal(c)
	return tokenVersion + base64.RawURLEncoding.EncodeToString(b)
}

// decodeToken reads a token of the listing scope; "" is the first page.
func decodeToken(tok, scope string) (cursor, error) {
	if tok == "" {
		return cursor{Scope: scope}, nil
	}
	if len(tok) > maxNextToken {
		return cursor{}, errTooLong("nextToken", maxNextToken)
	}
	rest, ok := strings.CutPrefix(tok, tokenVersion)
	if !ok {
		return cursor{}, errInvalidToken()
	}
	b, err := base64.RawURLEncoding.DecodeString(rest)
	var c cursor
	if err != nil || json.Unmarshal(b, &c) != nil || c.Scope != scope || c.Offset < 0 {
		return cursor{}, errInvalidToken()
	}
	return c, nil
}

// defaultPage is AWS's page size when maxResults is 0 or absent.
const defaultPage = 100

// pageSize checks maxResults (0..max) and returns the effective size.
func pageSize(maxResults, max int) (int, error) {
	if maxResults < 0 || maxResults > max {
		return 0, errRange("maxResults", maxResults, 0, max)
	}
	if maxResults == 0 {
		return min(defaultPage, max), nil
	}
	return maxResults, nil
}

// storeNext wraps a store token into an API token ("" stays "").
func storeNext(storeToken, scope string) string {
	if storeToken == "" {
		return ""
	}
	return encodeToken(cursor{Scope: scope, Store: storeToken})
}

// offsetPage slices items from the cursor's offset and returns the page
// and the next token.
func offsetPage[T any](items []T, c cursor, size int) ([]T, string) {
	start := min(c.Offset, len(items))
	end := min(start+size, len(items))
	next := ""
	if end < len(items) {
		next = encodeToken(cursor{Scope: c.Scope, Offset: end})
	}
	return items[start:end], next
}
