// Package tasktest is the contract suite for task.Invoker adapters: each
// adapter supplies requests with known outcomes (a success, a failure, a
// pending submission, a timeout) and the suite checks the results and the
// rules every invoker keeps.
package tasktest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// Case is one request and what its result must be.
type Case struct {
	Name string
	Req  task.Request
	Want Want
}

// Want describes an expected result. Output and Cause are compared only
// when their Check flags are set; Error is compared whenever Failed.
type Want struct {
	Failed      bool
	Error       string
	Cause       string
	CheckCause  bool
	Pending     bool
	Output      jsonval.Value
	CheckOutput bool
	// Within bounds the call's duration (for timeouts); 0 = unbounded.
	Within time.Duration
	// Check runs extra assertions on the result.
	Check func(t *testing.T, res task.Result)
}

// Suite is an adapter's fixture.
type Suite struct {
	// New returns the invoker under test; it may register t.Cleanup.
	New   func(t *testing.T) task.Invoker
	Cases []Case
	// CancelledIsError: the adapter does I/O, so a request under an
	// already-cancelled context must end in a Go error, not a Result.
	CancelledIsError bool
}

// Run runs every case, then the cross-case rules.
func Run(t *testing.T, s Suite) {
	t.Helper()
	inv := s.New(t)
	for _, c := range s.Cases {
		t.Run(c.Name, func(t *testing.T) { runCase(t, inv, c) })
	}
	t.Run("Concurrent", func(t *testing.T) { runConcurrent(t, inv, s.Cases) })
	if s.CancelledIsError && len(s.Cases) > 0 {
		t.Run("Cancelled", func(t *testing.T) { runCancelled(t, inv, s.Cases[0]) })
	}
}

func runCase(t *testing.T, inv task.Invoker, c Case) {
	before := jsonval.Copy(c.Req.Input)
	start := time.Now()
	res, err := inv.Invoke(context.Background(), c.Req)
	elapsed := time.Since(start)
	if err != nil {
		t.Fatalf("Invoke: unexpected Go error %v", err)
	}
	CheckResult(t, res, c.Want)
	if c.Want.Within > 0 && elapsed > c.Want.Within {
		t.Errorf("Invoke took %v, want at most %v", elapsed, c.Want.Within)
	}
	if !jsonval.Equal(before, c.Req.Input) {
		t.Errorf("Invoke mutated its input: was %s, now %s", jsonval.String(before), jsonval.String(c.Req.Input))
	}
}

// CheckResult asserts res against want and the invariants of any Result.
func CheckResult(t *testing.T, res task.Result, want Want) {
	t.Helper()
	checkInvariants(t, res)
	if res.Failed != want.Failed {
		t.Fatalf("Failed = %v (Error %q, Cause %q), want %v", res.Failed, res.Error, res.Cause, want.Failed)
	}
	if want.Failed && res.Error != want.Error {
		t.Errorf("Error = %q, want %q (Cause %q)", res.Error, want.Error, res.Cause)
	}
	if want.CheckCause && res.Cause != want.Cause {
		t.Errorf("Cause = %q, want %q", res.Cause, want.Cause)
	}
	if res.Pending != want.Pending {
		t.Errorf("Pending = %v, want %v", res.Pending, want.Pending)
	}
	if want.CheckOutput && !jsonval.Equal(res.Output, want.Output) {
		t.Errorf("Output = %s, want %s", jsonval.String(res.Output), jsonval.String(want.Output))
	}
	if want.Check != nil {
		want.Check(t, res)
	}
}

func checkInvariants(t *testing.T, res task.Result) {
	t.Helper()
	if res.Failed && res.Error == "" {
		t.Errorf("failed Result without an Error name (Cause %q)", res.Cause)
	}
	if !res.Failed && (res.Error != "" || res.Cause != "") {
		t.Errorf("successful Result carries Error %q / Cause %q", res.Error, res.Cause)
	}
	if res.Failed && res.Pending {
		t.Errorf("Result is both Failed and Pending")
	}
}

// runConcurrent replays every bounded case from several goroutines: an
// invoker is shared by a stepper's concurrent batch.
func runConcurrent(t *testing.T, inv task.Invoker, cases []Case) {
	var wg sync.WaitGroup
	for _, c := range cases {
		if c.Want.Within > 0 {
			continue // timeouts are slow; once is enough
		}
		for range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := inv.Invoke(context.Background(), c.Req)
				if err != nil {
					t.Errorf("%s: Invoke: %v", c.Name, err)
					return
				}
				if res.Failed != c.Want.Failed || res.Pending != c.Want.Pending {
					t.Errorf("%s: concurrent result Failed=%v Pending=%v differs from the expected one", c.Name, res.Failed, res.Pending)
				}
			}()
		}
	}
	wg.Wait()
}

func runCancelled(t *testing.T, inv task.Invoker, c Case) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err := inv.Invoke(ctx, c.Req)
	if err == nil {
		t.Fatalf("Invoke under a cancelled context returned Result %+v and no error; want an infrastructure error", res)
	}
}
