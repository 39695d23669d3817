package runner

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

// refusingStore refuses the first n reads of every record.
type refusingStore struct {
	store.Store
	n     int
	reads map[string]int
}

func (s *refusingStore) GetExecution(ctx context.Context, arn string) (store.Execution, error) {
	s.reads[arn]++
	if s.reads[arn] <= s.n {
		return store.Execution{}, errors.New("ProvisionedThroughputExceededException")
	}
	return s.Store.GetExecution(ctx, arn)
}

// TestGetChild_TriesAgain: a child's record refused by the store is read
// again, up to childReadTries reads in all; a missing one is not.
func TestGetChild_TriesAgain(t *testing.T) {
	defer func(p time.Duration) { childReadPause = p }(childReadPause)
	childReadPause = time.Millisecond
	const arn = "arn:aws:states:us-east-1:000000000000:execution:sm/run:child"
	for _, tc := range []struct {
		refusals  int
		stored    bool
		wantReads int
		wantErr   bool
	}{
		{0, true, 1, false},
		{3, true, 4, false},
		{4, true, 4, true},
		{0, false, 1, true}, // ErrNotFound, at once
	} {
		mem := memstore.New()
		if tc.stored {
			if err := mem.CreateExecution(context.Background(), store.Execution{ARN: arn, Status: StatusSucceeded}); err != nil {
				t.Fatal(err)
			}
		}
		s := &refusingStore{Store: mem, n: tc.refusals, reads: map[string]int{}}
		r := New(Options{Store: s})
		ex, err := r.getChild(context.Background(), arn)
		if (err != nil) != tc.wantErr || s.reads[arn] != tc.wantReads || (err == nil && ex.ARN != arn) {
			t.Errorf("%d refusals, stored %v: %d reads, %v", tc.refusals, tc.stored, s.reads[arn], err)
		}
	}
}
