//go:build integration

package integration

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/store"
)

// randomBlob is n random bytes in base64: data that does not compress.
func randomBlob(t *testing.T, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(b)
}

// TestRuntime_IncompressiblePayloads: an execution whose input and output
// are near Step Functions' 256 KB limit and do not compress runs to its
// end on DynamoDB, whose items stop at 400 KB: the large parts of a step
// move to payload items, and the history comes out whole.
func TestRuntime_IncompressiblePayloads(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e, r := runOnEmulators(ctx, t, 2, 10*time.Second, limits.Limits{})

	blob := randomBlob(t, 180<<10) // 240 KB of base64
	def := `{"StartAt":"Keep","States":{
	 "Keep":{"Type":"Pass","Next":"Echo"},
	 "Echo":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:echo","Next":"Both"},
	 "Both":{"Type":"Parallel","Branches":[{"StartAt":"L","States":{"L":{"Type":"Pass","Parameters":{"len.$":"States.ArrayLength(States.StringSplit($.blob, '+'))"},"End":true}}},
	   {"StartAt":"R","States":{"R":{"Type":"Pass","End":true}}}],"ResultSelector":{"blob.$":"$[1].blob"},"Next":"Done"},
	 "Done":{"Type":"Succeed"}}}`
	sm := store.StateMachine{ARN: "arn:aws:states:us-east-1:000000000000:stateMachine:blobs", Name: "blobs", Type: "STANDARD"}
	var arns []string
	for _, name := range []string{"b1", "b2", "b3"} {
		ex, err := r.Start(ctx, runner.StartRequest{StateMachine: sm, Definition: def, Name: name, Input: `{"blob":"` + blob + `"}`})
		if err != nil {
			t.Fatalf("start %s: %v", name, err)
		}
		arns = append(arns, ex.ARN)
	}
	final, err := WaitFinished(ctx, e.raw, arns)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arns {
		got := final[a]
		if got.Status != runner.StatusSucceeded || got.Output != `{"blob":"`+blob+`"}` {
			t.Fatalf("%s: %s %s %.200s (output %d bytes)", a, got.Status, got.Error, got.Cause, len(got.Output))
		}
		evs, err := r.History(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckHistory(evs); err != nil {
			t.Fatal(err)
		}
		carrying := 0
		for _, ev := range evs {
			if strings.Contains(jsonval.String(ev.JSON()), blob[:64]) {
				carrying++
			}
		}
		if len(evs) != 19 || carrying < 10 {
			t.Errorf("%s: %d events, %d carrying the blob", a, len(evs), carrying)
		}
	}
}
