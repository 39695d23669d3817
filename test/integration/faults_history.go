//go:build integration

package integration

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// terminalEvents end an execution.
var terminalEvents = map[string]bool{
	history.ExecutionSucceeded: true, history.ExecutionFailed: true,
	history.ExecutionAborted: true, "ExecutionTimedOut": true,
}

// awsLinksToZero tells the events AWS gives previousEventId 0 besides
// ExecutionStarted: the first state entered and an abort (histories read
// through GetExecutionHistory number them so; stored histories link them
// to their cause).
func awsLinksToZero(e history.Event) bool {
	return e.Type == history.ExecutionAborted || e.ID == 2 && strings.HasSuffix(e.Type, "StateEntered")
}

// CheckHistory reports what is unclean about a finished execution's
// history: ids other than 1..N in order, a previousEventId that does not
// point back at an earlier event, an event repeated with the same type,
// predecessor and details, or other than exactly one ExecutionStarted
// (first) and one terminal event (last).
func CheckHistory(evs []history.Event) error {
	if len(evs) == 0 {
		return fmt.Errorf("empty history")
	}
	var problems []string
	seen := map[string]int64{}
	started, terminal := 0, 0
	for i, e := range evs {
		if e.ID != int64(i+1) {
			problems = append(problems, fmt.Sprintf("event #%d has id %d", i+1, e.ID))
		}
		if e.PreviousEventID < 0 || e.PreviousEventID >= e.ID || (e.ID == 1) != (e.PreviousEventID == 0) && !awsLinksToZero(e) {
			problems = append(problems, fmt.Sprintf("event %d (%s) has previousEventId %d", e.ID, e.Type, e.PreviousEventID))
		}
		key := fmt.Sprintf("%s|%d|%s", e.Type, e.PreviousEventID, details(e))
		if first, dup := seen[key]; dup {
			problems = append(problems, fmt.Sprintf("event %d (%s) repeats event %d", e.ID, e.Type, first))
		}
		seen[key] = e.ID
		if e.Type == history.ExecutionStarted {
			started++
		}
		if terminalEvents[e.Type] {
			terminal++
		}
	}
	if started != 1 || evs[0].Type != history.ExecutionStarted {
		problems = append(problems, fmt.Sprintf("%d ExecutionStarted events, first event %s", started, evs[0].Type))
	}
	if last := evs[len(evs)-1]; terminal != 1 || !terminalEvents[last.Type] {
		problems = append(problems, fmt.Sprintf("%d terminal events, last event %s", terminal, last.Type))
	}
	if len(problems) > 0 {
		return fmt.Errorf("unclean history of %d events: %s", len(evs), strings.Join(problems, "; "))
	}
	return nil
}

// details is an event's rendered details (timestamp and ids left out).
func details(e history.Event) string {
	o := e.JSON()
	v, _ := o.Get(history.DetailsKey(e.Type))
	return jsonval.String(v)
}

// HistoryShape is the multiset of an event history as "Type[/state]" → count:
// the same for every execution of a deterministic workflow, whatever the
// interleaving of its branches, so a duplicated or lost event shows.
func HistoryShape(evs []history.Event) map[string]int {
	shape := map[string]int{}
	for _, e := range evs {
		k := e.Type
		if n := e.StateName(); n != "" {
			k += "/" + n
		}
		shape[k]++
	}
	return shape
}

// ShapeDiff lists the differences between two shapes, "" when equal.
func ShapeDiff(got, want map[string]int) string {
	keys := map[string]bool{}
	for k := range got {
		keys[k] = true
	}
	for k := range want {
		keys[k] = true
	}
	var diffs []string
	for k := range keys {
		if got[k] != want[k] {
			diffs = append(diffs, fmt.Sprintf("%s: %d, want %d", k, got[k], want[k]))
		}
	}
	sort.Strings(diffs)
	return strings.Join(diffs, "; ")
}
