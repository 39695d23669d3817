package interp

import (
	"errors"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// A distributed Map's items may be read page by page, so that a run of
// millions of items never holds them all: with Env.ReaderPage set, the
// reader is asked for its first page only, the Map forks with that page's
// children and a PagedRead, and the runner reads each next page as the
// run needs children, turning it into children with PageRead.

// PagedRead is the rest of a paged read: the reader's resource and input
// (without its Page), and where the next page starts.
type PagedRead struct {
	Resource string
	Input    jsonval.Value
	Cursor   jsonval.Value
	Size     int // items per page
	Items    int // items read so far
}

// PageRead delivers a next page's items to a forked distributed Map; the
// first item is item ItemBase of the read, and its first child is child
// ChildBase of the run. It records nothing: the Map answers ForkPage.
type PageRead struct {
	Items               []any
	ItemBase, ChildBase int
}

// ForkPage is the children of a page (PageRead), for the running fork, or
// the Failure that turning the page into children met: the fork then stops
// and joins with it (Joined.Failed).
type ForkPage struct {
	Children []Child
	Failure  *Failure
}

func (PageRead) isTrigger() {}
func (ForkPage) isAction()  {}

// PageRequest is a reader input's "Page": {"Size": n, "Cursor": c}.
func PageRequest(size int, cursor jsonval.Value) *jsonval.Object {
	return pageRequest(size, cursor)
}

func pageRequest(size int, cursor jsonval.Value) *jsonval.Object {
	p := jsonval.NewObject(2)
	p.Set("Size", jsonval.NumberFromInt(int64(size)))
	if cursor != nil {
		p.Set("Cursor", cursor)
	}
	return p
}

// readerPageSize is how many items a page holds (0: no paging): about
// Env.ReaderPage, a multiple of MaxItemsPerBatch so that batches do not
// straddle pages.
func (st *stepper) readerPageSize(input jsonval.Value) int {
	size := st.env.ReaderPage
	p := st.n.st.Processor
	if size <= 0 || p == nil || p.ProcessorMode != "DISTRIBUTED" {
		return 0
	}
	if st.n.st.ItemBatcher == nil {
		return size
	}
	// Only the item bound matters here; a batcher that cannot be evaluated
	// fails the Map after the read, as it does unpaged.
	per, err := st.batchLimit(fieldBatchItems, fieldBatchItemsAt, input)
	if err != nil || per <= 0 {
		return size
	}
	return max(1, size/int(per)) * int(per)
}

// mapPage turns a next page of a paged read into children.
func (st *stepper) mapPage(p PageRead) error {
	if st.rec.Phase != PhaseForked {
		return runtimeFailure("a page of items read in phase %d", st.rec.Phase)
	}
	input, err := st.forkInput()
	if err != nil {
		return err
	}
	selected, err := st.mapInputs(input, p.Items, p.ItemBase, true)
	if err != nil {
		return st.pageFailed(err)
	}
	children, err := st.mapChildren(selected, p.ChildBase, true)
	if err != nil {
		return st.pageFailed(err)
	}
	st.action = ForkPage{Children: children}
	return nil
}

// pageFailed hands a page's ASL failure to the runner rather than to the
// state's Retry and Catch: the Map is running, and fails with it when the
// fork has stopped.
func (st *stepper) pageFailed(err error) error {
	var f *Failure
	if !errors.As(err, &f) {
		return err
	}
	st.action = ForkPage{Failure: f}
	return nil
}
