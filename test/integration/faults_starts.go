//go:build integration

package integration

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// StartWindow of the runners in the start fault suites: how long the
// message of a start killed before its record waits for the record (15
// minutes in production).
const testStartWindow = 3 * time.Second

// DropLog is a log handler that notes the executions whose start message
// the runner dropped because their start never created them.
type DropLog struct {
	mu      sync.Mutex
	dropped map[string]bool
}

// NewDropLog returns an empty DropLog.
func NewDropLog() *DropLog { return &DropLog{dropped: map[string]bool{}} }

func (d *DropLog) Enabled(context.Context, slog.Level) bool { return true }
func (d *DropLog) WithAttrs([]slog.Attr) slog.Handler       { return d }
func (d *DropLog) WithGroup(string) slog.Handler            { return d }

func (d *DropLog) Handle(_ context.Context, r slog.Record) error {
	if !strings.HasPrefix(r.Message, "start message dropped") {
		return nil
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "execution" {
			d.mu.Lock()
			d.dropped[a.Value.String()] = true
			d.mu.Unlock()
		}
		return true
	})
	return nil
}

// Count is how many executions had a start message dropped.
func (d *DropLog) Count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.dropped)
}

// Dropped reports whether a start message of arn was dropped.
func (d *DropLog) Dropped(arn string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.dropped[arn]
}

// checkFinished checks that every execution succeeded with its expected
// output and a clean history (one ExecutionStarted, one end).
func checkFinished(ctx context.Context, r *runner.Runner, final map[string]store.Execution, want map[string]string) error {
	var bad []string
	for arn, out := range want {
		ex := final[arn]
		if ex.Status != runner.StatusSucceeded {
			bad = append(bad, fmt.Sprintf("%s: %s %s %s", arn, ex.Status, ex.Error, ex.Cause))
			continue
		}
		if out != "" && !jsonval.Equal(jsonval.MustDecode(ex.Output), jsonval.MustDecode(out)) {
			bad = append(bad, fmt.Sprintf("%s: output %s, want %s", arn, ex.Output, out))
			continue
		}
		evs, err := r.History(ctx, arn)
		if err == nil {
			err = CheckHistory(evs)
		}
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s: %v", arn, err))
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("%d of %d executions bad, first: %s", len(bad), len(want), bad[0])
	}
	return nil
}

// listAll lists every execution of a state machine.
func listAll(ctx context.Context, st store.Executions, smARN string) ([]store.Execution, error) {
	var all []store.Execution
	page := store.Page{Limit: 100}
	for {
		exs, next, err := st.ListExecutions(ctx, store.ExecutionFilter{StateMachineARN: smARN}, page)
		if err != nil {
			return nil, err
		}
		all = append(all, exs...)
		if next == "" {
			return all, nil
		}
		page.Token = next
	}
}
