package runner

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

// MapRunReader is what the Step Functions API reads of map runs.
type MapRunReader interface {
	// MapRuns lists the map runs of an execution, oldest first.
	MapRuns(ctx context.Context, executionARN string) ([]MapRun, error)
	// MapRun describes one; store.ErrNotFound when there is none.
	MapRun(ctx context.Context, mapRunARN string) (MapRun, error)
}

var _ MapRunReader = (*Runner)(nil)

// MapRuns lists the map runs of an execution.
func (r *Runner) MapRuns(ctx context.Context, executionARN string) ([]MapRun, error) {
	ex, err := r.opts.Store.GetExecution(ctx, executionARN)
	if err != nil {
		return nil, err
	}
	if len(ex.State) == 0 {
		return nil, nil
	}
	st, err := decodeState(ex.State)
	if err != nil {
		return nil, fmt.Errorf("load execution %s: %w", executionARN, err)
	}
	runs := make([]MapRun, len(st.MapRuns))
	for i, run := range st.MapRuns {
		runs[i] = run.view(ex.ARN, r)
	}
	return runs, nil
}

// MapRun describes a map run, found through its index payload.
func (r *Runner) MapRun(ctx context.Context, mapRunARN string) (MapRun, error) {
	parent, err := r.opts.Store.GetPayload(ctx, mapRunIndexKey(mapRunARN))
	if err != nil {
		return MapRun{}, err
	}
	runs, err := r.MapRuns(ctx, string(parent))
	if err != nil {
		return MapRun{}, err
	}
	for _, run := range runs {
		if run.ARN == mapRunARN {
			return run, nil
		}
	}
	return MapRun{}, fmt.Errorf("map run %s: %w", mapRunARN, errors.Join(store.ErrNotFound))
}
