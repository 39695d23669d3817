package runner

import (
	"context"
	"encoding/json"
	"slices"

	"github.com/stepwise/stepwise/shared/interp"
)

// Redriving an inline fork (AWS: for an Inline Map or Parallel state,
// RedriveExecution redrives only the iterations and branches that failed
// or aborted). A Parallel or inline Map that failed or was stopped keeps
// its fork: the results of the children that succeeded, and where each
// other child stopped. A redrive resumes the fork in place, with no new
// Entered event (the state never exited): its children that succeeded keep
// their outputs, those that failed or were stopped pick up at the state
// where they stopped (resuming their own inline forks the same way), and
// those never started start now. A Distributed Map is resumed by its map
// run instead (see mapredrive.go).

// redo is where a frame that did not succeed picks up on a redrive.
type redo struct {
	// Rec is the frame's record: at the state it stopped in, entered
	// again, or at its fork (Fork set), resumed. RecKey names the rest of
	// a stashed record (see stash).
	Rec    *recordJSON `json:"rec,omitempty"`
	RecKey string      `json:"recKey,omitempty"`
	Fork   *forkState  `json:"fork,omitempty"`
}

// resumeBudget bounds the encoded size of one fork's resume points, which
// live in the execution record: past it, a child that did not succeed
// runs again from its start.
const resumeBudget = 64 << 10

// keepFork keeps a joining inline fork on its parent, in case the state
// fails with it (tx.step drops it on any other outcome). It is called
// before the parent's record is restored, so that a large one stays in
// its payload item.
func keepFork(parent *frame, fs *forkState) {
	rec := encodeRecord(parent.Rec)
	rec.Retries = slices.Clone(rec.Retries)
	parent.Redo = &redo{Rec: rec, RecKey: parent.RecKey, Fork: fs}
}

// resumePoint is where frame f, which did not succeed, picks up on a
// redrive: its kept or running inline fork, or the state it stopped in
// (a map run's parent enters its Map again and resumes the run).
func (t *tx) resumePoint(f *frame) *redo {
	if f.Redo != nil {
		return f.Redo
	}
	rd := &redo{Rec: encodeRecord(f.Rec), RecKey: f.RecKey}
	if f.Fork != nil && f.Fork.MapRun == "" {
		rd.Fork = t.stopFork(f)
	}
	return rd
}

// stopFork marks the running inline fork of f stopped: its running
// children keep where they are, and they and the children not started
// yet are unfinished.
func (t *tx) stopFork(f *frame) *forkState {
	fs := f.Fork
	var running []*frame
	for _, c := range t.st.Frames {
		if c.Parent == f.ID {
			running = append(running, c)
		}
	}
	slices.SortFunc(running, func(a, b *frame) int { return a.Index - b.Index })
	for _, c := range running {
		keepResume(fs, c.Index, t.resumePoint(c))
	}
	markUnstarted(fs)
	return fs
}

// keepResume marks child i of fs unfinished, picking up at rd on a
// redrive while the fork's resume points fit their budget.
func keepResume(fs *forkState, i int, rd *redo) {
	fs.Unfinished.set(i)
	data, err := json.Marshal(rd)
	if err != nil || fs.ResumeBytes+len(data) > resumeBudget {
		return // it runs again from its start
	}
	if fs.Resume == nil {
		fs.Resume = map[int]*redo{}
	}
	fs.Resume[i] = rd
	fs.ResumeBytes += len(data)
}

// resumeFork resumes the kept fork of f: its unfinished children run
// again, the others keep their results.
func (t *tx) resumeFork(ctx context.Context, f *frame, fs *forkState) error {
	// A fork with nothing to run again has an empty word, not nil: nil
	// would run every child.
	fs.Redo, fs.Unfinished, fs.RedoEnd = append(fs.Unfinished, 0), nil, fs.Total
	fs.Next, fs.Running, fs.Failed, fs.Joining, fs.ResumeBytes = 0, 0, 0, false, 0
	for i := range fs.Redo.all() {
		delete(fs.Results, i)
	}
	f.Fork, f.Redo = fs, nil
	f.Rec.Phase, f.Rec.Attempt, f.Rec.Retries = interp.PhaseForked, 0, nil
	if err := t.stash(ctx, f); err != nil {
		return err
	}
	return t.advance(ctx, f)
}

// resumeChild sets a redriven child frame where it stopped: at its state,
// entered again, or at its fork, resumed by its first step (not here: its
// parent is starting children). A frame stopped before that step keeps rd
// as it is.
func (t *tx) resumeChild(ctx context.Context, child *frame, rd *redo) error {
	child.Rec, child.RecKey = decodeRecord(rd.Rec), rd.RecKey
	if err := t.unstash(ctx, child); err != nil {
		return err
	}
	if rd.Fork != nil {
		child.Redo = rd
		return nil
	}
	child.Rec.Phase = interp.PhaseEnter
	return nil
}

// redriveFrame is the root frame kept for a redrive of an execution that
// did not succeed.
func (t *tx) redriveFrame(root *frame) *frame {
	rd := t.resumePoint(root)
	saved := &frame{ID: rootFrame, Version: root.Version, Rec: decodeRecord(rd.Rec), RecKey: rd.RecKey}
	if rd.Fork != nil {
		saved.Redo = rd
	} else {
		saved.Rec.Phase = interp.PhaseEnter
	}
	return saved
}
