package runner

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/parallel"
	"github.com/stepwise/stepwise/shared/store"
)

// A map run's running children are slots of its fork, not frames: a
// child's name, ARN and token all derive from the run and the item index,
// so a slot is the index and its item count. A step of the parent then
// rewrites a few bytes per running child rather than a frame, and a
// child's end is a report in the parent's inbox, so that the ends of many
// children are applied in one commit (see childends.go).

// slotRef names a slot started by this tx, checked after the commit.
type slotRef struct {
	run   *mapRun
	index int
}

// mapToken is the token child i of run reports its end to. It carries the
// index, which finds the slot; the rest makes it unguessable.
func (t *tx) mapToken(run *mapRun, i int) string {
	key := t.mapChildKey(run, i, liveAttempt(run))
	return mapTokenPrefix + strconv.Itoa(i) + "-" + childName(key+"|token")
}

// mapTokenPrefix starts a slot's token. Records written before slots hold
// tokens "mr-<uuid>" on frames, which end as callbacks do.
const mapTokenPrefix = "mrs-"

// mapTokenIndex reads the item index of a slot's token.
func mapTokenIndex(token string) (int, bool) {
	rest, ok := strings.CutPrefix(token, mapTokenPrefix)
	if !ok {
		return 0, false
	}
	digits, _, ok := strings.Cut(rest, "-")
	i, err := strconv.Atoi(digits)
	if !ok || err != nil || len(digits) > 9 {
		return 0, false
	}
	return i, true
}

// slotOf finds the running slot that token reports to.
func (t *tx) slotOf(token string) (*frame, *mapRun, int, bool) {
	i, ok := mapTokenIndex(token)
	if !ok {
		return nil, nil, 0, false
	}
	for _, run := range t.st.MapRuns {
		parent, found := t.st.Frames[run.Frame]
		if run.Status != MapRunRunning || !found || parent.Fork == nil || parent.Fork.MapRun != run.ARN {
			continue
		}
		if _, running := parent.Fork.Slots[i]; running && t.mapToken(run, i) == token {
			return parent, run, i, true
		}
	}
	return nil, nil, 0, false
}

// childEnded applies a child end report: the child's outcome, read
// from its record, ends its slot. A duplicate, or a report of a slot not
// committed yet (checkSlots reports it again), needs no commit.
func (t *tx) childEnded(ctx context.Context, token string) (bool, error) {
	parent, run, i, ok := t.slotOf(token)
	if !ok {
		return false, nil
	}
	res, ended, err := t.childOutcome(ctx, t.r.mapChildARN(run, t.mapChildName(run, i)))
	if err != nil || !ended {
		return false, err
	}
	return true, t.endSlot(ctx, parent, i, res)
}

// endSlot ends child i of a map run's fork with res.
func (t *tx) endSlot(ctx context.Context, parent *frame, i int, res interp.ChildResult) error {
	fs := parent.Fork
	items := fs.Slots[i]
	delete(fs.Slots, i)
	return t.childDone(ctx, parent, i, items, res)
}

// stopSlots notes every running child of a map run's fork for stopping
// after the commit, and empties its slots.
func (t *tx) stopSlots(fs *forkState) {
	run := t.mapRun(fs.MapRun)
	if run == nil {
		return
	}
	for i := range fs.Slots {
		t.stopMapRun = append(t.stopMapRun, t.r.mapChildARN(run, t.mapChildName(run, i)))
	}
	fs.Slots = nil
}

// allSlots are the running slots of every map run, for a redelivered
// trigger whose commit may have died before checkSlots.
func (t *tx) allSlots() []slotRef {
	var refs []slotRef
	for _, run := range t.st.MapRuns {
		parent, ok := t.st.Frames[run.Frame]
		if run.Status != MapRunRunning || !ok || parent.Fork == nil {
			continue
		}
		for i := range parent.Fork.Slots {
			refs = append(refs, slotRef{run: run, index: i})
		}
	}
	return refs
}

// checkSlots reports the children of slots that ended before the slot was
// committed: their own report found no slot and was dropped.
func (t *tx) checkSlots(ctx context.Context, refs []slotRef) error {
	for _, ref := range refs {
		arn := t.r.mapChildARN(ref.run, t.mapChildName(ref.run, ref.index))
		ex, err := t.r.opts.Store.GetExecution(ctx, arn)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return fmt.Errorf("load map run child %s: %w", arn, err)
		}
		if ex.Status == StatusRunning {
			continue
		}
		if err := t.r.reportChildEnd(ctx, t.ex.ARN, t.mapToken(ref.run, ref.index), ex, true); err != nil {
			return err
		}
	}
	return nil
}

// collectMapRun reads a map run's results from its children's records,
// several at a time; an item whose child never started (the run failed
// first) has a zero result.
func (t *tx) collectMapRun(ctx context.Context, fs *forkState) ([]interp.ChildResult, error) {
	run := t.mapRun(fs.MapRun)
	if run == nil {
		return nil, fmt.Errorf("map run %s of %s is not recorded", fs.MapRun, t.ex.ARN)
	}
	attempt, err := t.childAttempts(ctx, run)
	if err != nil {
		return nil, err
	}
	out := make([]interp.ChildResult, fs.Total)
	errs := make([]error, collectReaders)
	parallel.Do(collectReaders, func(w int) {
		for i := w; i < fs.Total && errs[w] == nil; i += collectReaders {
			out[i], errs[w] = t.mapChildResult(ctx, run, i, attempt(i))
		}
	})
	return out, errors.Join(errs...)
}

// collectReaders is how many child records collectMapRun reads at once.
const collectReaders = 16

func (t *tx) mapChildResult(ctx context.Context, run *mapRun, i, attempt int) (interp.ChildResult, error) {
	arn := t.r.mapChildARN(run, t.mapChildNameAt(run, i, attempt))
	ex, err := t.r.getChild(ctx, arn)
	if errors.Is(err, store.ErrNotFound) {
		return interp.ChildResult{}, nil
	}
	if err != nil {
		return interp.ChildResult{}, fmt.Errorf("load map run child %s: %w", arn, err)
	}
	if ex.Status == StatusRunning {
		return interp.ChildResult{}, nil // being stopped as its run failed
	}
	out, failed, errName, cause := mapChildOutcome(ex)
	return interp.ChildResult{Output: out, Failed: failed, Error: errName, Cause: cause}, nil
}
