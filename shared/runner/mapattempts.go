package runner

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// Express executions cannot be redriven, so a redrive of a map run of
// Express children starts its failed, aborted and pending items again, as
// new executions (AWS reruns them with StartExecution). Each redrive n of
// such a run names the children it starts anew (mapChildKey), and keeps
// which items they were (expressRedo), so that the join and the result
// writer find each item's last child.

// liveAttempt is the attempt whose children a run starts now: its redrive
// count for Express children, 0 for Standard ones (redriven in place).
func liveAttempt(run *mapRun) int {
	if run.ExecType == "EXPRESS" {
		return run.RedriveCount
	}
	return 0
}

// mapChildKey is what names child i of a run started in attempt n.
func (t *tx) mapChildKey(run *mapRun, i, n int) string {
	key := t.st.Secret + "|" + run.ARN + "|" + strconv.Itoa(i)
	if n > 0 {
		key += "|r" + strconv.Itoa(n)
	}
	return key
}

// expressRedo is what redrive n of a run of Express children started:
// the items in Redo, and every item from End on.
type expressRedo struct {
	Redo bitset `json:"redo"`
	End  int    `json:"end"`
}

func expressRedoKey(run *mapRun, n int) string {
	return "maprunredo#" + run.ARN + "#" + strconv.Itoa(n)
}

// keepExpressRedo records what the redrive of run about to start runs
// again; the content is fixed, so a retried try writes the same item.
func (t *tx) keepExpressRedo(ctx context.Context, run *mapRun, fs *forkState) error {
	if run.ExecType != "EXPRESS" {
		return nil
	}
	data, err := json.Marshal(expressRedo{Redo: fs.Redo, End: fs.RedoEnd})
	if err != nil {
		return fmt.Errorf("encode redrive of %s: %w", run.ARN, err)
	}
	if err := t.r.opts.Store.PutPayload(ctx, expressRedoKey(run, run.RedriveCount), data); err != nil {
		return fmt.Errorf("store redrive of %s: %w", run.ARN, err)
	}
	return nil
}

// childAttempts tells, for each item of run, the attempt that started its
// last child.
func (t *tx) childAttempts(ctx context.Context, run *mapRun) (func(int) int, error) {
	if run.ExecType != "EXPRESS" || run.RedriveCount == 0 {
		return func(int) int { return 0 }, nil
	}
	redos := make([]expressRedo, run.RedriveCount+1)
	for n := 1; n <= run.RedriveCount; n++ {
		data, err := t.r.payload(ctx, expressRedoKey(run, n))
		if err != nil {
			return nil, fmt.Errorf("load redrive %d of %s: %w", n, run.ARN, err)
		}
		if err := json.Unmarshal(data, &redos[n]); err != nil {
			return nil, fmt.Errorf("decode redrive %d of %s: %w", n, run.ARN, err)
		}
	}
	return func(i int) int {
		for n := run.RedriveCount; n > 0; n-- {
			if redos[n].Redo.has(i) || i >= redos[n].End {
				return n
			}
		}
		return 0
	}, nil
}
