package runner

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/parallel"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// A map run child reports its end by adding a report to its parent's
// inbox (store.ChildEnds), and only the report that raises the inbox's
// bell rings the parent: it sends a KindChildEnds message, whose handler
// applies every report then waiting in one commit, removes them, and
// closes the inbox, which rings again for the reports added meanwhile. So
// a wide map run's ends make a few large commits of the parent's record,
// one after another, rather than one commit each, most of which would
// lose the race for the record to other steppers and be tried again.
//
// Nothing is lost to a crash: a report is removed only after the commit
// that applied it and that commit's sends, and the bell is lowered only
// after that (a drain that died before is redelivered and finds the
// reports still there, the bell still up). A child that dies between
// raising the bell and ringing rings when its own message is redelivered
// (its report raised the bell). A drain reads the inbox before the
// record, so a report it drops as early (its slot not committed yet) was
// added before that commit, whose checkSlots then reports the child
// again, under another report (recheckSuffix) that the drop does not
// remove.

// maxDrain bounds the reports one commit applies: each reads its child's
// record, and a drain that leaves some rings again.
const maxDrain = 100

// recheckSuffix marks a report checkSlots makes again for a child that
// ended before its slot was committed.
const recheckSuffix = "#c"

// childEndReport is the inbox entry for the end of the child with token
// and redrive count version.
func childEndReport(token string, version int64, recheck bool) string {
	report := token + "@" + strconv.FormatInt(version, 10)
	if recheck {
		report += recheckSuffix
	}
	return report
}

// reportToken is the token a child end message reports to.
func reportToken(m queue.Message) string {
	if m.Kind != queue.KindChildEnds {
		return m.Token
	}
	token, _, _ := strings.Cut(strings.TrimSuffix(m.Token, recheckSuffix), "@")
	return token
}

// reportChildEnd reports the end of a map run child, child, to its
// parent's inbox. A recheck is checkSlots' report. When the inbox cannot
// be written, the end goes to the parent as a message of its own.
func (r *Runner) reportChildEnd(ctx context.Context, parentARN, token string, child store.Execution, recheck bool) error {
	report := childEndReport(token, int64(child.RedriveCount), recheck)
	ring, err := r.opts.Store.AddChildEnd(ctx, parentARN, report)
	if err != nil {
		r.log.Warn("child end not added to the parent's inbox; sending it", "parent", parentARN, "error", err)
		m := queue.Message{Execution: parentARN, Kind: queue.KindChildEnd, Token: token, Version: int64(child.RedriveCount)}
		if err := r.opts.Queue.Send(ctx, m, 0); err != nil {
			return fmt.Errorf("report map run child end to %s: %w", parentARN, err)
		}
		return nil
	}
	if !ring {
		return nil // another report raised the bell
	}
	return r.ringChildEnds(ctx, parentARN)
}

// ringChildEnds asks the parent to drain its inbox.
func (r *Runner) ringChildEnds(ctx context.Context, parentARN string) error {
	m := queue.Message{Execution: parentARN, Kind: queue.KindChildEnds}
	if err := r.opts.Queue.Send(ctx, m, 0); err != nil {
		return fmt.Errorf("ring %s for its child ends: %w", parentARN, err)
	}
	return nil
}

// expandChildEnds replaces the rings among msgs with one message per
// report in the inbox (at most maxDrain), which it returns as well. The
// report messages are delivered as often as their ring: a redelivered
// drain sends again what the commits of its reports queued; so does a
// takeover ring (see drainedChildEnds).
func (r *Runner) expandChildEnds(ctx context.Context, msgs []queue.Message) (out []queue.Message, reports []string, err error) {
	read := false
	for _, m := range msgs {
		if m.Kind != queue.KindChildEnds || m.Token != "" {
			out = append(out, m)
			continue
		}
		if read {
			continue
		}
		read = true
		reports, _, err = r.opts.Store.ChildEnds(ctx, m.Execution, maxDrain)
		if err != nil {
			return nil, nil, fmt.Errorf("read child ends of %s: %w", m.Execution, err)
		}
		rc := m.ReceiveCount
		if m.Version == takeover {
			rc = max(rc, 2)
		}
		for _, rep := range reports {
			out = append(out, queue.Message{Execution: m.Execution, Kind: queue.KindChildEnds, Token: rep, ReceiveCount: rc})
		}
	}
	return out, reports, nil
}

// rings reports whether msgs hold a ring of the inbox.
func rings(msgs []queue.Message) bool {
	for _, m := range msgs {
		if m.Kind == queue.KindChildEnds && m.Token == "" {
			return true
		}
	}
	return false
}

// ownedChildEnds are the reports among msgs whose commit another drain
// made and has yet to remove them, after its sends (a drain concurrent
// with this one, which lowered the bell): this drain leaves them. A
// redelivered drain takes them over, as it may be their drain.
func (t *tx) ownedChildEnds(msgs []queue.Message) map[string]bool {
	pending := make(map[string]bool, len(t.st.Outboxes))
	for _, ob := range t.st.Outboxes {
		pending[ob.Key] = true
	}
	owned := map[string]bool{}
	for _, m := range msgs {
		if m.Kind == queue.KindChildEnds && m.ReceiveCount < 2 && pending[messageKey(m)] {
			owned[m.Token] = true
		}
	}
	return owned
}

// takeover marks (as its Version) the ring of a drain that found only
// reports owned by another drain: sent ownedPause later, it takes them
// over, as that drain died, or they were reported again after it removed
// them (a duplicate child message).
const (
	takeover   = 1
	ownedPause = time.Second
)

// drainBell is who raises the bell when a drain closes an inbox with
// reports left.
const drainBell = "~drain"

// drainedChildEnds removes the reports a drain applied (or dropped as
// stale), all but the owned ones, and closes the inbox, ringing again for
// the reports left: at once when it removed some, else as a takeover.
func (r *Runner) drainedChildEnds(ctx context.Context, parentARN string, reports []string, owned map[string]bool) error {
	var done []string
	for _, rep := range reports {
		if !owned[rep] {
			done = append(done, rep)
		}
	}
	if err := r.opts.Store.RemoveChildEnds(ctx, parentARN, done); err != nil {
		return fmt.Errorf("remove child ends of %s: %w", parentARN, err)
	}
	ring, err := r.opts.Store.CloseChildEnds(ctx, parentARN, drainBell)
	if err != nil || !ring {
		return err
	}
	m, pause := queue.Message{Execution: parentARN, Kind: queue.KindChildEnds}, time.Duration(0)
	if len(done) == 0 && len(reports) > 0 {
		m.Version, pause = takeover, ownedPause
	}
	if err := r.opts.Queue.Send(ctx, m, pause); err != nil {
		return fmt.Errorf("ring %s for its child ends: %w", parentARN, err)
	}
	return nil
}

// recheck makes later check, once per tx, the children the frames wait
// for and the map run children, and notify the parent: a redelivered
// trigger's commit may have died before it did.
func (t *tx) recheck(ctx context.Context) {
	if t.rechecking {
		return
	}
	t.rechecking = true
	t.later = append(t.later, func() error {
		if err := t.r.checkChildren(ctx, t.framesOnChildren()); err != nil {
			return err
		}
		if err := t.checkSlots(ctx, t.allSlots()); err != nil {
			return err
		}
		return t.r.notifyParent(ctx, t.ex, t.st, 0)
	})
}

// prefetchChildEnds reads, several at a time, the records of the children
// whose reports msgs apply, into the results cache childOutcome reads
// first: a drain applies up to maxDrain reports, one after another.
func (t *tx) prefetchChildEnds(ctx context.Context, msgs []queue.Message) {
	var arns []string
	for _, m := range msgs {
		if m.Kind != queue.KindChildEnds {
			continue
		}
		if _, run, i, ok := t.slotOf(reportToken(m)); ok {
			arn := t.r.mapChildARN(run, t.mapChildName(run, i))
			if _, cached := t.results[endedPrefix+arn]; !cached {
				arns = append(arns, arn)
			}
		}
	}
	var mu sync.Mutex
	parallel.Do(min(len(arns), collectReaders), func(w int) {
		for i := w; i < len(arns); i += collectReaders {
			ex, err := t.r.opts.Store.GetExecution(ctx, arns[i])
			if err != nil || ex.Status == StatusRunning {
				continue // childOutcome reads it again
			}
			out, failed, errName, cause := mapChildOutcome(ex)
			mu.Lock()
			t.results[endedPrefix+arns[i]] = task.Result{Output: out, Failed: failed, Error: errName, Cause: cause}
			mu.Unlock()
		}
	})
}
