package runner

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/stepwise/stepwise/shared/store"
)

// ErrMapRunNotRunning: UpdateMapRun of a map run that has ended.
var ErrMapRunNotRunning = errors.New("runner: map run is not running")

// MapRunUpdate is an UpdateMapRun request; nil fields stay as they are.
type MapRunUpdate struct {
	MaxConcurrency             *int
	ToleratedFailurePercentage *float64
	ToleratedFailureCount      *int64
}

// MapRunUpdater is what UpdateMapRun needs from the runner.
type MapRunUpdater interface {
	UpdateMapRun(ctx context.Context, mapRunARN string, u MapRunUpdate) error
}

var _ MapRunUpdater = (*Runner)(nil)

// UpdateMapRun changes a running map run's concurrency and tolerated
// failures, as AWS's UpdateMapRun: more concurrency starts more children
// at once, and a tolerance the failures already exceed fails the run.
func (r *Runner) UpdateMapRun(ctx context.Context, mapRunARN string, u MapRunUpdate) error {
	parent, err := r.opts.Store.GetPayload(ctx, mapRunIndexKey(mapRunARN))
	if err != nil {
		return fmt.Errorf("find map run %s: %w", mapRunARN, err)
	}
	return r.retryConflicts(func() error {
		t, err := r.load(ctx, string(parent), nil)
		if err != nil {
			return err
		}
		run := t.mapRun(mapRunARN)
		if run == nil {
			return fmt.Errorf("map run %s: %w", mapRunARN, store.ErrNotFound)
		}
		f, ok := t.st.Frames[run.Frame]
		if run.Status != MapRunRunning || !ok || f.Fork == nil || t.ex.Status != StatusRunning {
			return ErrMapRunNotRunning
		}
		if err := t.updateMapRun(ctx, f, run, u); err != nil {
			return err
		}
		return t.commit(ctx, "maprun-update:"+mapRunARN+":"+t.now.String())
	})
}

// updateMapRun applies u to the run of frame parent.
func (t *tx) updateMapRun(ctx context.Context, parent *frame, run *mapRun, u MapRunUpdate) error {
	fs := parent.Fork
	if u.MaxConcurrency != nil {
		fs.MaxConc = mapRunConcurrency(*u.MaxConcurrency)
		run.MaxConc = *u.MaxConcurrency
	}
	if u.ToleratedFailureCount != nil {
		run.TolCount = *u.ToleratedFailureCount
	}
	if u.ToleratedFailurePercentage != nil {
		run.TolPct = *u.ToleratedFailurePercentage
	}
	if u.ToleratedFailureCount != nil || u.ToleratedFailurePercentage != nil {
		fs.Tolerated = runTolerance(run, fs.Total)
		if fs.Reader != nil {
			fs.Tolerated = readingTolerance(run)
		}
	}
	if fs.Failed > fs.Tolerated {
		t.abortChildren(parent)
		return t.endFork(ctx, parent)
	}
	return t.advance(ctx, parent)
}

// runTolerance is how many failed children a run tolerates: the lower of
// its count and its percentage of the children (0 when neither is set).
func runTolerance(run *mapRun, total int) int {
	n := -1
	if run.TolCount > 0 {
		n = int(run.TolCount)
	}
	if run.TolPct > 0 {
		byPct := int(math.Floor(run.TolPct / 100 * float64(total)))
		if n < 0 || byPct < n {
			n = byPct
		}
	}
	return max(n, 0)
}
