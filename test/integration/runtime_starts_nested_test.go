//go:build integration

package integration

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/queue"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/test/harness"
)

// nestedChildDef has an execution timeout, so that its start sends two
// messages besides its record.
const nestedChildDef = `{"TimeoutSeconds":300,"StartAt":"Copy","States":{"Copy":{"Type":"Pass","Parameters":{"n.$":"$.n"},"End":true}}}`

// nestedParentDef starts a child and waits for it, then starts another
// and moves on.
const nestedParentDef = `{"StartAt":"Sync","States":{
 "Sync":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
  "Parameters":{"StateMachineArn":"CHILD","Input":{"n.$":"$.n"}},"ResultSelector":{"out.$":"$.Output"},"ResultPath":"$.sync","Next":"Fire"},
 "Fire":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution",
  "Parameters":{"StateMachineArn":"CHILD","Input":{"n.$":"$.n"}},"ResultPath":null,"End":true}}}`

// TestRuntime_NestedStartKilled kills the stepper of a parent's step right
// after each I/O call of the nested start it makes; the step comes back
// and repeats the attempt.
func TestRuntime_NestedStartKilled(t *testing.T) {
	em := harness.StartAll(t)
	for _, k := range []struct{ name, op string }{
		{"AfterChildMessage", "Send"},
		{"AfterChildRecord", "CreateExecution"},
	} {
		t.Run(k.name, func(t *testing.T) { runNestedStartKilled(t, em, k.op) })
	}
}

func runNestedStartKilled(t *testing.T, em harness.Emulators, op string) {
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	parentPrefix := arn.Default.Execution("parent", "")
	rig := newStartRig(ctx, t, em, func(m queue.Message) *CrashPlan {
		if strings.HasPrefix(m.Execution, parentPrefix) {
			return &CrashPlan{Op: op, After: 1}
		}
		return nil
	})
	defer rig.stop()
	child := store.StateMachine{ARN: arn.Default.StateMachine("child"), Name: "child", Type: "STANDARD", Definition: nestedChildDef}
	if err := rig.e.raw.CreateStateMachine(ctx, child); err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	n := *faultExecutions
	want := make(map[string]string, n)
	parent := store.StateMachine{ARN: arn.Default.StateMachine("parent"), Name: "parent", Type: "STANDARD"}
	def := strings.ReplaceAll(nestedParentDef, "CHILD", child.ARN)
	for i := range n {
		want[arn.Default.Execution("parent", fmt.Sprintf("p-%04d", i))] = fmt.Sprintf(`{"n":%d,"sync":{"out":{"n":%d}}}`, i, i)
	}
	err := forEach(n, func(i int) error {
		_, err := rig.r.Start(ctx, runner.StartRequest{StateMachine: parent, Definition: def, Name: fmt.Sprintf("p-%04d", i), Input: fmt.Sprintf(`{"n":%d}`, i)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checkAllFinished(ctx, t, rig, want)
	// Every parent started exactly two children (a repeated attempt finds
	// the child of its first try), and each ran to its end.
	children := waitChildren(ctx, t, rig, child.ARN, 2*n)
	if err := checkFinished(ctx, rig.r, children, allSucceeded(children)); err != nil {
		t.Fatal(err)
	}
	// A delivery that outlives its visibility timeout comes back unkilled
	// while the first is under way: that may spare a few nested starts.
	if kills := rig.stats.kills[op]; kills < 2*n*9/10 {
		t.Errorf("%d kills after %s, want one in nearly each of the %d nested starts", kills, op, 2*n)
	}
	t.Logf("%d parents, %d children in %v: kills %s, %d deliveries (%d failed)", n, len(children),
		time.Since(began).Round(time.Millisecond), sortedCounts(rig.stats.kills), rig.stats.handled.Load(), rig.stats.failed.Load())
}

// waitChildren waits until the child state machine has count executions,
// none running, and returns them by ARN.
func waitChildren(ctx context.Context, t *testing.T, rig *startRig, smARN string, count int) map[string]store.Execution {
	t.Helper()
	for {
		all, err := listAll(ctx, rig.e.raw, smARN)
		if err != nil {
			t.Fatal(err)
		}
		byARN := map[string]store.Execution{}
		running := 0
		for _, ex := range all {
			byARN[ex.ARN] = ex
			if ex.Status == runner.StatusRunning {
				running++
			}
		}
		if len(byARN) > count {
			t.Fatalf("%d children, want %d: a repeated attempt started another child", len(byARN), count)
		}
		if len(byARN) == count && running == 0 {
			return byARN
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%d of %d children, %d still running: %v", len(byARN), count, running, ctx.Err())
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// allSucceeded expects each execution to succeed, whatever its output.
func allSucceeded(exs map[string]store.Execution) map[string]string {
	want := make(map[string]string, len(exs))
	for a := range exs {
		want[a] = ""
	}
	return want
}

// forkDef starts children twice: a Parallel's two branches, then a Map's
// three iterations inside the first.
const forkDef = `{"StartAt":"Fan","States":{"Fan":{"Type":"Parallel","End":true,"Branches":[
 {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$.items","End":true,
  "ItemProcessor":{"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","End":true}}}}}},
 {"StartAt":"Tag","States":{"Tag":{"Type":"Pass","Result":"p","End":true}}}]}}}`

// TestRuntime_ChildStartKilled kills every step right after its commit
// (the fork's commit among them) or after its first or second message
// (the first children started): the step's redelivery sends them.
func TestRuntime_ChildStartKilled(t *testing.T) {
	em := harness.StartAll(t)
	for _, k := range []struct {
		name, op string
		after    int
	}{
		{"AfterCommit", "UpdateExecution", 1},
		{"AfterFirstChildMessage", "Send", 1},
		{"AfterSecondChildMessage", "Send", 2},
	} {
		t.Run(k.name, func(t *testing.T) { runChildStartKilled(t, em, k.op, k.after) })
	}
}

func runChildStartKilled(t *testing.T, em harness.Emulators, op string, after int) {
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	rig := newStartRig(ctx, t, em, func(queue.Message) *CrashPlan { return &CrashPlan{Op: op, After: after} })
	defer rig.stop()
	began := time.Now()
	n := *faultExecutions
	sm := store.StateMachine{ARN: arn.Default.StateMachine("forks"), Name: "forks", Type: "STANDARD"}
	want := make(map[string]string, n)
	for i := range n {
		want[arn.Default.Execution("forks", fmt.Sprintf("f-%04d", i))] = fmt.Sprintf(`[[%d,%d,%d],"p"]`, i, i+1, i+2)
	}
	err := forEach(n, func(i int) error {
		_, err := rig.r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: forkDef, Name: fmt.Sprintf("f-%04d", i),
			Input: fmt.Sprintf(`{"items":[%d,%d,%d]}`, i, i+1, i+2)})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	checkAllFinished(ctx, t, rig, want)
	// Two forks each (see runNestedStartKilled on the few spared).
	if kills := rig.stats.kills[op]; kills < 2*n*9/10 {
		t.Errorf("%d kills after %s, want nearly one in each of the %d forks at least", kills, op, 2*n)
	}
	t.Logf("%d executions in %v: kills %s, %d deliveries (%d failed)", n,
		time.Since(began).Round(time.Millisecond), sortedCounts(rig.stats.kills), rig.stats.handled.Load(), rig.stats.failed.Load())
}
