package inproc

import (
	"context"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// job is a .sync job that ends after endsAfter polls, 60 s apart.
type job struct {
	endsAfter, polls int
	stopped          []any
}

func (j *job) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	switch {
	case req.Job == nil:
		return task.Polling("run-1", time.Minute), nil
	case req.Cancel:
		j.stopped = append(j.stopped, req.Job)
		return task.Success(nil), nil
	}
	if j.polls++; j.polls < j.endsAfter {
		return task.Polling(req.Job, time.Minute), nil
	}
	return task.Success(jsonval.MustDecode(`{"JobRunState":"SUCCEEDED"}`)), nil
}

func runJob(t *testing.T, def string, j *job) (Result, *clock.Fake) {
	t.Helper()
	sm, err := asl.Parse([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	m, err := interp.Compile(sm)
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(start)
	res, err := Run(context.Background(), m, jsonval.MustDecode(`{}`), Options{Clock: clk, Invoker: j, ExecutionName: "ex"})
	if err != nil {
		t.Fatal(err)
	}
	return res, clk
}

func TestRun_SyncJob(t *testing.T) {
	const task = `"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","Parameters":{"JobName":"j"},"End":true`
	for _, tc := range []struct {
		name, def        string
		endsAfter, polls int
		status, error    string
		stopped          int
		took             time.Duration
	}{
		{"ends", `{"StartAt":"R","States":{"R":{` + task + `}}}`, 3, 3, StatusSucceeded, "", 0, 3 * time.Minute},
		{"state timeout", `{"StartAt":"R","States":{"R":{"TimeoutSeconds":150,` + task + `}}}`, 9, 2, StatusFailed, "States.Timeout", 1, 150 * time.Second},
		{"execution timeout", `{"TimeoutSeconds":100,"StartAt":"R","States":{"R":{` + task + `}}}`, 9, 1, StatusTimedOut, "States.Timeout", 1, 100 * time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := &job{endsAfter: tc.endsAfter}
			res, clk := runJob(t, tc.def, j)
			if res.Status != tc.status || res.Error != tc.error || j.polls != tc.polls || len(j.stopped) != tc.stopped {
				t.Fatalf("%s %s after %d polls, stopped %v", res.Status, res.Error, j.polls, j.stopped)
			}
			if took := clk.Now().Sub(start); took != tc.took {
				t.Errorf("took %v, want %v", took, tc.took)
			}
		})
	}
}
