package runner

import (
	"context"
	"errors"
	"fmt"
)

// Map run limits, as AWS's.
const (
	// maxMapRunConcurrency is the most children a map run runs at once,
	// and its concurrency when the Map sets none.
	maxMapRunConcurrency = 10000
)

// mapRunConcurrency is a map run's concurrency for a MaxConcurrency.
func mapRunConcurrency(n int) int {
	if n <= 0 || n > maxMapRunConcurrency {
		return maxMapRunConcurrency
	}
	return n
}

// stopMapChild notes that the child execution of a frame going away (its
// run failed, or its parent ended) is to be stopped after the commit.
func (t *tx) stopMapChild(f *frame) {
	if f != nil && f.MapChild && f.Child != "" {
		t.stopMapRun = append(t.stopMapRun, f.Child)
	}
}

// stopMapChildren stops the children noted by stopMapChild. A child that
// has ended meanwhile is left as it is; its report finds no frame.
func (t *tx) stopMapChildren(ctx context.Context) error {
	for _, arn := range t.stopMapRun {
		if _, err := t.r.Stop(ctx, arn, "", ""); err != nil && !errors.Is(err, ErrExecutionDoesNotExist) {
			return fmt.Errorf("stop map run child %s: %w", arn, err)
		}
	}
	t.stopMapRun = nil
	return nil
}
