//go:build integration

package integration

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// redriveForksDef is an outer Map whose iterations run a Parallel of a
// Pass, an inline Map and another Pass. Item "bad" fails its Choice
// (States.NoChoiceMatched) until the execution is redriven.
const redriveForksDef = `{"StartAt":"O","States":{"O":{"Type":"Map","ItemsPath":"$.groups","End":true,"ItemProcessor":{"StartAt":"P","States":{
  "P":{"Type":"Parallel","End":true,"Branches":[
    {"StartAt":"A1","States":{"A1":{"Type":"Pass","Parameters":{"redrives.$":"$$.Execution.RedriveCount"},"End":true}}},
    {"StartAt":"M","States":{"M":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"C","States":{
      "C":{"Type":"Choice","Choices":[{"Or":[{"Not":{"Variable":"$","StringEquals":"bad"}},
        {"Variable":"$$.Execution.RedriveCount","NumericGreaterThan":0}],"Next":"I"}]},
      "I":{"Type":"Pass","End":true}}}}}},
    {"StartAt":"A3","States":{"A3":{"Type":"Pass","Parameters":{"redrives.$":"$$.Execution.RedriveCount"},"End":true}}}]}}}}}}`

// testRedriveForks fails an item of an inline Map in a Parallel in a Map
// and redrives the execution with RedriveExecution: only the failed item
// and what was stopped or never started run again, so every Pass state
// is entered once in the whole history, and the failed Choice twice; no
// Map or Parallel is entered again.
func testRedriveForks(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	sm := e.createSM(t, uniqueName("redrive-forks"), redriveForksDef, types.StateMachineTypeStandard)
	exec := e.start(t, sm, uniqueName("forks"), `{"groups":[["a","b"],["c","bad","d"]]}`)
	if d := e.await(t, exec); d.Status != types.ExecutionStatusFailed || *d.Error != "States.NoChoiceMatched" {
		t.Fatalf("first attempt: %s %v", d.Status, d.Error)
	}
	if _, err := e.sfn.RedriveExecution(ctx, &sfn.RedriveExecutionInput{ExecutionArn: &exec}); err != nil {
		t.Fatalf("RedriveExecution: %v", err)
	}
	d := e.await(t, exec)
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("after the redrive: %s %v %v", d.Status, d.Error, d.Cause)
	}
	h, err := e.sfn.GetExecutionHistory(ctx, &sfn.GetExecutionHistoryInput{ExecutionArn: &exec, MaxResults: 1000})
	if err != nil {
		t.Fatalf("history: %v", err)
	}
	// A branch stopped before it entered its first state enters it after
	// the redrive, so counts over the whole history tell what ran twice.
	entered := map[string]int{}
	for _, ev := range h.Events {
		if ev.StateEnteredEventDetails != nil {
			entered[*ev.StateEnteredEventDetails.Name]++
		}
	}
	want := map[string]int{"O": 1, "P": 2, "M": 2, "A1": 2, "A3": 2, "C": 6, "I": 5}
	for name, n := range want {
		if entered[name] != n {
			t.Errorf("state %s entered %d times, want %d", name, entered[name], n)
		}
	}
	// A Pass stopped before it ran runs after the redrive: its count is 1.
	sameJSON(t, "output", strings.ReplaceAll(*d.Output, `"redrives":1`, `"redrives":0`),
		`[[{"redrives":0},["a","b"],{"redrives":0}],[{"redrives":0},["c","bad","d"],{"redrives":0}]]`)
}
