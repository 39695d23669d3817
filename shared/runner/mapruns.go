package runner

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// MapChildMachine is the state machine a map run's child execution runs:
// the Map's item processor, as DescribeStateMachineForExecution shows it.
type MapChildMachine struct {
	Definition, RoleARN string
	// Label is the Map's Label, or the id the run was given without one.
	Label string
	// MapRun is the run that started the child.
	MapRun MapRun
}

// MapChildReader is what the API reads of a map run's child execution.
type MapChildReader interface {
	// MapChildMachine describes the machine of a child execution (one with
	// a MapRunARN); store.ErrNotFound when its map run is gone.
	MapChildMachine(ctx context.Context, ex store.Execution) (MapChildMachine, error)
}

var _ MapChildReader = (*Runner)(nil)

// MapChildMachine reads the child's machine from its map run's record in
// the parent's state: an Express child keeps no state of its own.
func (r *Runner) MapChildMachine(ctx context.Context, ex store.Execution) (MapChildMachine, error) {
	parentARN, err := r.opts.Store.GetPayload(ctx, mapRunIndexKey(ex.MapRunARN))
	if err != nil {
		return MapChildMachine{}, err
	}
	parent, err := r.opts.Store.GetExecution(ctx, string(parentARN))
	if err != nil {
		return MapChildMachine{}, err
	}
	st, err := decodeState(parent.State)
	if err != nil {
		return MapChildMachine{}, fmt.Errorf("load execution %s: %w", parent.ARN, err)
	}
	for _, run := range st.MapRuns {
		if run.ARN != ex.MapRunARN {
			continue
		}
		def, err := r.payload(ctx, run.DefKey)
		if err != nil {
			return MapChildMachine{}, fmt.Errorf("load definition of map run %s: %w", run.ARN, err)
		}
		// The run's machine is <machine>/<label>; a machine name has no '/'.
		_, label, _ := strings.Cut(run.SMName, "/")
		return MapChildMachine{Definition: string(def), RoleARN: st.RoleARN, Label: label, MapRun: run.view(parent.ARN, r)}, nil
	}
	return MapChildMachine{}, fmt.Errorf("map run %s: %w", ex.MapRunARN, store.ErrNotFound)
}
