package itemreader

import (
	"errors"
	"fmt"
	"io"
)

// Items collects what a read produces, within two bounds: the
// definition's MaxItems (the read just stops there) and the deployment's
// limit (the read fails past it). A paged read also stops after Page items
// and notes where the next page starts.
type Items struct {
	List []any
	// Max is ReaderConfig.MaxItems: 0 reads everything.
	Max int
	// Limit is the most items a read may hold (limits.ReaderItems): a
	// whole read's, or one page's (pages are held one at a time).
	Limit int
	// Base counts the items earlier pages read; Max and Limit count them.
	Base int
	// Page stops the read after that many items; 0 reads on.
	Page int
	// Offset is set by the readers: the byte just past the last item they
	// took, from the start of what they read.
	Offset int64
	// Headers is set by ReadCSV: the header it used (FIRST_ROW's).
	Headers []string
}

// ErrTooMany is wrapped by the error of a read that passed Items.Limit.
var ErrTooMany = errors.New("too many items")

// ErrTooLarge is wrapped by the error of a read that passed its byte limit.
var ErrTooLarge = errors.New("too much data")

// Add appends one item; it fails when the read passes Limit.
func (it *Items) Add(v any) error {
	held := len(it.List)
	if it.Page == 0 {
		held += it.Base
	}
	if it.Limit > 0 && held >= it.Limit {
		return fmt.Errorf("the read returned more than %d items, the most one Map reads (limit reader-items): %w", it.Limit, ErrTooMany)
	}
	it.List = append(it.List, v)
	return nil
}

// Full reports whether MaxItems or the page is reached: the read should stop.
func (it *Items) Full() bool { return it.Done() || (it.Page > 0 && len(it.List) >= it.Page) }

// Done reports whether MaxItems is reached: no page follows.
func (it *Items) Done() bool { return it.Max > 0 && it.Base+len(it.List) >= it.Max }

// Budget is the bytes one read may still take, shared by the objects it
// reads (a manifest's data files), so that no read holds more than its
// limit.
type Budget struct{ left, max int64 }

// NewBudget allows n bytes.
func NewBudget(n int64) *Budget { return &Budget{left: n, max: n} }

// Reader reads from r, failing with ErrTooLarge once the budget is spent.
func (b *Budget) Reader(r io.Reader) io.Reader { return &limited{r: r, b: b} }

type limited struct {
	r io.Reader
	b *Budget
}

func (l *limited) Read(p []byte) (int, error) {
	if l.b.left < 0 {
		return 0, l.b.exceeded()
	}
	if int64(len(p)) > l.b.left+1 {
		p = p[:l.b.left+1]
	}
	n, err := l.r.Read(p)
	l.b.left -= int64(n)
	if l.b.left < 0 {
		return n, l.b.exceeded()
	}
	return n, err
}

func (b *Budget) exceeded() error {
	return fmt.Errorf("the read took more than %d bytes (limit reader-bytes): %w", b.max, ErrTooLarge)
}
