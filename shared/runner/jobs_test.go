package runner

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// fakeJobs starts jobs that end after a number of polls.
type fakeJobs struct {
	mu        sync.Mutex
	polls     int
	endsAfter int  // polls before the job ends
	fail      bool // the job ends failed
	dedup     bool // the start is deduplicated by an idempotency token
	started   int
	cancelled []string
}

func (j *fakeJobs) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	switch {
	case req.Job == nil:
		j.started++
		res := task.Polling("job-1", 30*time.Second)
		res.Poll.Deduplicated = j.dedup
		res.Output = jsonval.MustDecode(`{"JobRunId":"job-1"}`)
		return res, nil
	case req.Cancel:
		j.cancelled = append(j.cancelled, req.Job.(string))
		return task.Success(nil), nil
	}
	j.polls++
	if j.polls < j.endsAfter {
		return task.Polling(req.Job, 30*time.Second), nil
	}
	if j.fail {
		return task.Failure("States.TaskFailed", `{"JobRunState":"FAILED"}`), nil
	}
	return task.Success(jsonval.MustDecode(`{"JobRunState":"SUCCEEDED"}`)), nil
}

func jobDef(timeout int) string {
	t := ""
	if timeout > 0 {
		t = `,"TimeoutSeconds":` + strconv.Itoa(timeout)
	}
	return `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync",
		"Parameters":{"JobName":"j"}` + t + `,"End":true}}}`
}

func TestJobs_PolledToCompletion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fail   bool
		status string
	}{{"succeeds", false, StatusSucceeded}, {"fails", true, StatusFailed}} {
		t.Run(tc.name, func(t *testing.T) {
			jobs := &fakeJobs{endsAfter: 3, fail: tc.fail}
			f := newFixture(t, jobs)
			ex := f.start(jobDef(0), "e", `{}`)
			began := f.clk.Now()
			f.drain()
			got := f.get(ex.ARN)
			if got.Status != tc.status || jobs.started != 1 || jobs.polls != 3 || len(jobs.cancelled) != 0 {
				t.Fatalf("status %s, started %d, polls %d, cancelled %v", got.Status, jobs.started, jobs.polls, jobs.cancelled)
			}
			if waited := f.clk.Now().Sub(began); waited < 90*time.Second {
				t.Errorf("the polls were not delayed: done after %v", waited)
			}
			if tc.fail && (got.Error != "States.TaskFailed" || got.Cause != `{"JobRunState":"FAILED"}`) {
				t.Errorf("error %s cause %s", got.Error, got.Cause)
			}
			evs, err := f.r.History(context.Background(), ex.ARN)
			if err != nil {
				t.Fatal(err)
			}
			// TaskSubmitted is recorded when the job starts, with the
			// start's response, not when it ends.
			sub := evs[4]
			if sub.Type != "TaskSubmitted" || !strings.Contains(jsonval.String(sub.JSON()), `JobRunId`) ||
				!sub.Timestamp.Equal(evs[3].Timestamp) || !evs[5].Timestamp.After(sub.Timestamp) {
				t.Errorf("events %s %s at %v, then %s at %v", evs[3].Type, sub.Type, sub.Timestamp, evs[5].Type, evs[5].Timestamp)
			}
		})
	}
}

func TestJobs_DuplicatePollsAreDropped(t *testing.T) {
	jobs := &fakeJobs{endsAfter: 4}
	f := newFixture(t, jobs)
	ex := f.start(jobDef(0), "e", `{}`)
	horizon := f.clk.Now().Add(time.Hour) // the execution timer stays queued
	for i := 0; i < 20 && f.get(ex.ARN).Status == StatusRunning; i++ {
		// Deliver every due message twice, the second time as a redelivery.
		msgs := f.q.msgs
		f.q.msgs = nil
		for _, m := range msgs {
			if m.Due.After(horizon) {
				f.q.msgs = append(f.q.msgs, m)
				continue
			}
			_ = f.clk.SleepUntil(context.Background(), m.Due)
			for n := 1; n <= 2; n++ {
				m.ReceiveCount = n
				if err := f.r.Handle(context.Background(), m); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if got := f.get(ex.ARN); got.Status != StatusSucceeded || jobs.polls != 4 || jobs.started != 1 {
		t.Fatalf("status %s, polls %d (want 4), started %d", got.Status, jobs.polls, jobs.started)
	}
}

func TestJobs_StoppedWithTheExecution(t *testing.T) {
	jobs := &fakeJobs{endsAfter: 100}
	f := newFixture(t, jobs)
	ex := f.start(jobDef(0), "e", `{}`)
	f.deliverDue() // start the job
	if _, err := f.r.Stop(context.Background(), ex.ARN, "", ""); err != nil {
		t.Fatal(err)
	}
	// The stop is the stepper's (it holds the services' permissions), by
	// a message the stopping commit sends.
	if len(jobs.cancelled) != 0 {
		t.Fatalf("StopExecution stopped the job itself: %v", jobs.cancelled)
	}
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusAborted || len(jobs.cancelled) != 1 || jobs.cancelled[0] != "job-1" {
		t.Fatalf("status %s, cancelled %v", got.Status, jobs.cancelled)
	}
}

func TestJobs_StoppedWhenTheStateTimesOut(t *testing.T) {
	jobs := &fakeJobs{endsAfter: 100}
	f := newFixture(t, jobs)
	ex := f.start(jobDef(100), "e", `{}`)
	f.drain()
	got := f.get(ex.ARN)
	if got.Status != StatusFailed || got.Error != "States.Timeout" || len(jobs.cancelled) != 1 {
		t.Fatalf("status %s %s, cancelled %v", got.Status, got.Error, jobs.cancelled)
	}
	if jobs.polls > 4 {
		t.Errorf("%d polls after a 100 s timeout at 30 s intervals", jobs.polls)
	}
}

// deliverDue handles the messages queued now, once each.
func (f *fixture) deliverDue() {
	f.t.Helper()
	msgs := f.q.msgs
	f.q.msgs = nil
	for _, m := range msgs {
		if !m.Due.After(f.clk.Now()) {
			if err := f.r.Handle(context.Background(), m); err != nil {
				f.t.Fatal(err)
			}
			continue
		}
		f.q.msgs = append(f.q.msgs, m)
	}
}

func TestJobs_StoppedWhenASiblingBranchFails(t *testing.T) {
	jobs := &fakeJobs{endsAfter: 100}
	f := newFixture(t, jobs)
	def := `{"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
		{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","Parameters":{"JobName":"j"},"End":true}}},
		{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":45,"Next":"F"},"F":{"Type":"Fail","Error":"Boom"}}}]}}}`
	ex := f.start(def, "e", `{}`)
	f.drain()
	if got := f.get(ex.ARN); got.Status != StatusFailed || got.Error != "Boom" || len(jobs.cancelled) != 1 || jobs.polls != 1 {
		t.Fatalf("status %s %s, polls %d, cancelled %v", got.Status, got.Error, jobs.polls, jobs.cancelled)
	}
}

// TestJobs_LostCommitStopsOnlyOrphans: a job started by an attempt whose
// commit is lost is stopped as an orphan, as its redelivery starts
// another; one the service deduplicated by the attempt's token is not, as
// its redelivery gets the same job back (stopped, it would fail the
// state with the job's CANCELLED).
func TestJobs_LostCommitStopsOnlyOrphans(t *testing.T) {
	for _, tc := range []struct {
		dedup         bool
		wantCancelled int
	}{{false, 1}, {true, 0}} {
		jobs := &fakeJobs{endsAfter: 1, dedup: tc.dedup}
		f := newFixture(t, jobs)
		hs := newHookStore(f.st)
		f.r.opts.Store = hs
		ex := f.start(jobDef(0), "e", `{}`)
		f.loseCommitThenRedeliver(hs)
		f.drain()
		if got := f.get(ex.ARN); got.Status != StatusSucceeded || len(jobs.cancelled) != tc.wantCancelled {
			t.Errorf("dedup %v: %s, cancelled %v, want %d", tc.dedup, got.Status, jobs.cancelled, tc.wantCancelled)
		}
	}
}
