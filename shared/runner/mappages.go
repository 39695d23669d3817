package runner

import (
	"context"
	"fmt"
	"math"
	"strconv"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// A map run whose items come from an ItemReader reads them a page at a
// time (Options.ReaderPage, interp's pages.go): the fork starts with the
// first page's children, and the next page is read when the run has
// started every child it has and may start more. Only a page is ever held,
// so the run's memory does not grow with its item count; its children are
// stored by chunk as they are read.

// readerJSON is the rest of a paged read (interp.PagedRead).
type readerJSON struct {
	Resource string `json:"resource"`
	Input    jv     `json:"input"`
	Cursor   jv     `json:"cursor"`
	Size     int    `json:"size"`
	Items    int    `json:"items"` // items read so far
}

func readerFrom(p *interp.PagedRead) *readerJSON {
	return &readerJSON{Resource: p.Resource, Input: jv{p.Input}, Cursor: jv{p.Cursor}, Size: p.Size, Items: p.Items}
}

// readPage reads the next page of a map run's items into children. A page
// that cannot be read or turned into children stops the run, which fails
// the Map with that failure.
func (t *tx) readPage(ctx context.Context, parent *frame) error {
	fs, rd := parent.Fork, parent.Fork.Reader
	in, ok := rd.Input.V.(*jsonval.Object)
	if !ok {
		return fmt.Errorf("map run %s: reader input is %s", fs.MapRun, jsonval.TypeName(rd.Input.V))
	}
	req := in.Clone()
	req.Set("Page", interp.PageRequest(rd.Size, rd.Cursor.V))
	res, err := t.call(ctx, parent, interp.Task{State: parent.Rec.State, Resource: rd.Resource, Input: req})
	if err != nil {
		return fmt.Errorf("read a page of map run %s: %w", fs.MapRun, err)
	}
	if res.Failed {
		return t.stopReading(ctx, parent, &interp.Failure{Name: asl.ErrorItemReaderFailed, Cause: res.Cause})
	}
	items, cursor, ok := pageOutput(res.Output)
	if !ok {
		cause := "The item reader returned " + jsonval.TypeName(res.Output) + ", not a page of items."
		return t.stopReading(ctx, parent, &interp.Failure{Name: asl.ErrorItemReaderFailed, Cause: cause})
	}
	page, err := t.stepPage(ctx, parent, interp.PageRead{Items: items, ItemBase: rd.Items, ChildBase: fs.Total})
	if err != nil {
		return err
	}
	if page.Failure != nil {
		return t.stopReading(ctx, parent, page.Failure)
	}
	return t.addPage(ctx, parent, page.Children, len(items), cursor)
}

// addPage adds a page's children to the fork and its run.
func (t *tx) addPage(ctx context.Context, parent *frame, children []interp.Child, items int, cursor jsonval.Value) error {
	fs := parent.Fork
	if err := t.storeChildren(ctx, parent, children); err != nil {
		return err
	}
	fs.Total += len(children)
	fs.Reader.Items += items
	fs.Reader.Cursor = jv{cursor}
	run := t.mapRun(fs.MapRun)
	run.countItems(children)
	run.Counts.Total += int64(len(children))
	if cursor == nil {
		fs.Reader = nil
		fs.Tolerated = runTolerance(run, int(run.Items.Total))
	}
	return nil
}

// pageOutput reads a paged reader's output: its items and, when more
// follow, the next page's cursor.
func pageOutput(v jsonval.Value) ([]any, jsonval.Value, bool) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil, nil, false
	}
	iv, _ := o.Get("Items")
	items, ok := iv.([]any)
	if !ok {
		return nil, nil, false
	}
	cursor, _ := o.Get("Cursor")
	return items, cursor, true
}

// stepPage asks the Map's state for a page's children. The Map's record is
// only read: a stashed one stays stashed.
func (t *tx) stepPage(ctx context.Context, parent *frame, p interp.PageRead) (interp.ForkPage, error) {
	rec, key := parent.Rec, parent.RecKey
	defer func() { parent.Rec, parent.RecKey = rec, key }()
	if err := t.unstash(ctx, parent); err != nil {
		return interp.ForkPage{}, err
	}
	dec, err := t.m.Step(parent.Rec, p, t.env(parent))
	if err != nil {
		return interp.ForkPage{}, fmt.Errorf("page of map run %s: %w", parent.Fork.MapRun, err)
	}
	page, ok := dec.Action.(interp.ForkPage)
	if !ok {
		return interp.ForkPage{}, fmt.Errorf("page of map run %s: the Map answered %T", parent.Fork.MapRun, dec.Action)
	}
	return page, nil
}

// stopReading stops a map run on its own failure and joins its Map.
func (t *tx) stopReading(ctx context.Context, parent *frame, f *interp.Failure) error {
	parent.Fork.Failure = &resultJSON{Set: true, Failed: true, Error: f.Name, Cause: f.Cause}
	t.abortChildren(parent)
	return t.endFork(ctx, parent)
}

// readingTolerance is how many failed children a run tolerates while its
// items are still read: its count; a percentage waits for the total.
func readingTolerance(run *mapRun) int {
	switch {
	case run.TolCount > 0:
		return int(run.TolCount)
	case run.TolPct > 0:
		return math.MaxInt
	}
	return 0
}

// pagedChunkKey is the key of children chunk c of a paged fork holding n
// children: a chunk still filling is written under a key of its own each
// time it grows, so that every key keeps one content (payloads are cached
// as immutable).
func pagedChunkKey(fs *forkState, c, n int) string {
	key := chunkKey(fs, "children", c)
	if n < chunkSize {
		key += "~" + strconv.Itoa(n)
	}
	return key
}
