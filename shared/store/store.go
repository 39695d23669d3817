// Package store is the persistence port: state machine definitions (with
// versions, aliases, tags and activities) and executions (their record,
// history events and task tokens). Adapters: memstore (embedded mode and
// tests) and dynamostore (DynamoDB). Every write is a single-item write,
// conditional where it says so; no transactions.
package store

import "errors"

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrNotFound: the item does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrExists: a conditional create found the item already there.
	ErrExists = errors.New("store: already exists")
	// ErrConflict: a conditional update found another version (stale writer).
	ErrConflict = errors.New("store: version conflict")
)

// Page asks for one page of a listing.
type Page struct {
	Token string // opaque, from the previous page; "" for the first
	Limit int    // 0 = adapter default
}
