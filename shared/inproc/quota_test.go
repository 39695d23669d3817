package inproc

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

func runLimited(t *testing.T, def, input string, opts Options) Result {
	t.Helper()
	sm, err := asl.Parse([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	m, err := interp.Compile(sm)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Clock == nil {
		opts.Clock = clock.NewFake(start)
	}
	res, err := Run(context.Background(), m, jsonval.MustDecode(input), opts)
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return res
}

const (
	// passLoop never ends: two events per state.
	passLoop = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"A"}}}`
	// threePasses records ExecutionStarted, 6 state events, ExecutionSucceeded.
	threePasses = `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Pass","End":true}}}`
	mapOfPasses = `{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
)

// AWS's history quota: the execution may record at most HistoryEvents
// events, and the last may only be ExecutionSucceeded; otherwise it ends
// with ExecutionFailed (States.Runtime) as the quota's last event.
func TestHistoryQuota(t *testing.T) {
	for _, c := range []struct {
		name, def, input string
		maxEvents        int
		wantStatus       string
	}{
		{"endless loop", passLoop, `{}`, 100, StatusFailed},
		{"odd quota cuts a step's events", passLoop, `{}`, 101, StatusFailed},
		{"success as the last allowed event", threePasses, `{}`, 8, StatusSucceeded},
		{"one event short", threePasses, `{}`, 7, StatusFailed},
		{"Map iterations", mapOfPasses, `[1,2,3,4,5,6,7,8,9,10]`, 30, StatusFailed},
	} {
		t.Run(c.name, func(t *testing.T) {
			res := runLimited(t, c.def, c.input, Options{Limits: limits.Limits{HistoryEvents: c.maxEvents}})
			evs := res.History.Events()
			checkChain(t, evs)
			last := evs[len(evs)-1]
			if res.Status != c.wantStatus || len(evs) > c.maxEvents {
				t.Fatalf("status %s with %d events, want %s within %d", res.Status, len(evs), c.wantStatus, c.maxEvents)
			}
			if c.wantStatus == StatusSucceeded {
				return
			}
			want := HistoryCause(c.maxEvents)
			if len(evs) != c.maxEvents || last.Type != history.ExecutionFailed || res.Error != "States.Runtime" || res.Cause != want {
				t.Fatalf("%d events ending %s, error %q cause %q; want %d ending ExecutionFailed States.Runtime %q",
					len(evs), last.Type, res.Error, res.Cause, c.maxEvents, want)
			}
		})
	}
}

func TestHistoryCauseIsAWSs(t *testing.T) {
	if got, want := HistoryCause(25000), "The execution reached the maximum number of history events (25000)."; got != want {
		t.Fatalf("HistoryCause = %q, want %q", got, want)
	}
}

// A loop that never waits is stopped by the execution's duration cap.
func TestMaxDurationStopsABusyLoop(t *testing.T) {
	res := runLimited(t, passLoop, `{}`, Options{
		Clock: clock.Real{}, MaxDuration: 50 * time.Millisecond,
		Limits: limits.Limits{HistoryEvents: 1 << 30},
	})
	if res.Status != StatusTimedOut {
		t.Fatalf("status %s (%s), want TIMED_OUT", res.Status, res.Error)
	}
}

func TestHistoryTruncate(t *testing.T) {
	var h History
	for i := range 2000 {
		h.add(history.Event{ID: int64(i + 1)})
	}
	for _, n := range []int{1999, 1500, 700, 3} {
		h.truncate(n)
		evs := h.Events()
		if h.Len() != n || len(evs) != n || evs[n-1].ID != int64(n) {
			t.Fatalf("truncate(%d): Len %d, %d events", n, h.Len(), len(evs))
		}
	}
}

func TestDeadline(t *testing.T) {
	at := func(d time.Duration) time.Time { return start.Add(d) }
	for _, c := range []struct {
		secs int64
		max  time.Duration
		want time.Time
	}{
		{0, 0, time.Time{}},
		{60, 0, at(time.Minute)},
		{0, 5 * time.Minute, at(5 * time.Minute)},
		{60, 5 * time.Minute, at(time.Minute)},
		{3600, 5 * time.Minute, at(5 * time.Minute)}, // Express: five minutes whatever TimeoutSeconds says
	} {
		if got := deadline(start, c.secs, c.max); !got.Equal(c.want) {
			t.Errorf("deadline(%d s, %v) = %v, want %v", c.secs, c.max, got, c.want)
		}
	}
}
