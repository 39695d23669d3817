//go:build integration

package integration

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/test/harness"
)

// No lost starts: a start killed at any point either never began or runs
// to its end. These suites kill the runner right after each I/O call of a
// start (StartExecution, a nested states:startExecution, the start of Map
// and Parallel children), *faults.n executions per kill point.

// startFaultDef has an execution timeout, so that a start sends two
// messages (the first step, the timer) besides its record.
const startFaultDef = `{"TimeoutSeconds":300,"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Parameters":{"id.$":"$.id"},"Next":"Echo"},
 "Echo":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","Parameters":{"v.$":"$.id"},"End":true}}}`

func TestRuntime_StartKilled(t *testing.T) {
	em := harness.StartAll(t)
	for _, k := range []struct {
		name, op string
		after    int
		began    bool // whether a start killed there has begun
	}{
		{"AfterDefinition", "PutPayload", 1, false},
		{"AfterFirstMessage", "Send", 1, false},
		{"AfterTimerMessage", "Send", 2, false},
		{"AfterRecord", "CreateExecution", 1, true},
	} {
		t.Run(k.name, func(t *testing.T) { runStartKilled(t, em, &CrashPlan{Op: k.op, After: k.after}, k.began) })
	}
}

// runStartKilled kills every start at the planned point; the client
// retries every other one (StartExecution is idempotent) and gives up on
// the others.
func runStartKilled(t *testing.T, em harness.Emulators, plan *CrashPlan, began bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	rig := newStartRig(ctx, t, em, nil)
	defer rig.stop()
	sm := store.StateMachine{ARN: arn.Default.StateMachine("starts"), Name: "starts", Type: "STANDARD"}
	began0 := time.Now()
	var mu sync.Mutex
	want, never := map[string]string{}, []string{}
	err := forEach(*faultExecutions, func(i int) error {
		req := runner.StartRequest{StateMachine: sm, Definition: startFaultDef, Name: fmt.Sprintf("s-%04d", i), Input: fmt.Sprintf(`{"id":%d}`, i)}
		p := &CrashPlan{Op: plan.Op, After: plan.After}
		killed, err := RunKillable(func() error { _, err := rig.client().Start(WithCrashPlan(ctx, p), req); return err })
		if killed == nil {
			return fmt.Errorf("start %s was not killed (error %v)", req.Name, err)
		}
		a := arn.Default.Execution(sm.Name, req.Name)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case i%2 == 0:
			// A retry of a start that began answers with the execution
			// while it runs, and ExecutionAlreadyExists once it has ended
			// (as AWS does).
			if _, err := rig.client().Start(ctx, req); err != nil && !errors.Is(err, runner.ErrExecutionAlreadyExists) {
				return fmt.Errorf("retried start %s: %w", req.Name, err)
			}
			want[a] = fmt.Sprintf(`{"v":%d}`, i)
		case began:
			want[a] = fmt.Sprintf(`{"v":%d}`, i)
		default:
			never = append(never, a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checkAllFinished(ctx, t, rig, want)
	// The starts that never began have no record, and their first message
	// (if sent) was dropped once StartWindow had passed.
	deadline := time.Now().Add(testStartWindow + 10*time.Second)
	for _, a := range never {
		for plan.Op == "Send" && !rig.drops.Dropped(a) && time.Now().Before(deadline) {
			time.Sleep(100 * time.Millisecond)
		}
		if plan.Op == "Send" && !rig.drops.Dropped(a) {
			t.Errorf("%s: the message of a start that never began was not dropped", a)
		}
		if _, err := rig.e.raw.GetExecution(ctx, a); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: a start killed %s created a record (%v)", a, describePlan(plan), err)
		}
	}
	t.Logf("%d starts killed %s in %v: %d retried and finished, %d finished without a retry, %d never began (%d start messages dropped); %d deliveries",
		*faultExecutions, describePlan(plan), time.Since(began0).Round(time.Millisecond), (*faultExecutions+1)/2,
		len(want)-(*faultExecutions+1)/2, len(never), rig.drops.Count(), rig.stats.handled.Load())
}

func describePlan(p *CrashPlan) string { return fmt.Sprintf("after %s #%d", p.Op, p.After) }

// checkAllFinished waits for the executions and checks their outputs and
// histories.
func checkAllFinished(ctx context.Context, t *testing.T, rig *startRig, want map[string]string) {
	t.Helper()
	arns := make([]string, 0, len(want))
	for a := range want {
		arns = append(arns, a)
	}
	final, err := WaitFinished(ctx, rig.e.raw, arns)
	if err != nil {
		t.Fatalf("%v; %d deliveries handled", err, rig.stats.handled.Load())
	}
	if err := checkFinished(ctx, rig.r, final, want); err != nil {
		t.Fatal(err)
	}
}
