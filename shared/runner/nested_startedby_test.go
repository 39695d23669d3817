package runner

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/task"
)

// TestNestedExecution_StartedBy: the parameter AWS names for associating a
// child with its parent, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID, reaches
// the child's input as given (from $$.Execution.Id or JSONata's
// $states.context.Execution.Id), in its record and its ExecutionStarted
// event, with every integration pattern. AWS keeps no other link: neither
// DescribeExecution nor the history has a parent member (the console reads
// the parameter from the input).
func TestNestedExecution_StartedBy(t *testing.T) {
	const childARN = "arn:aws:states:us-east-1:000000000000:stateMachine:child"
	const parentARN = "arn:aws:states:us-east-1:000000000000:execution:sm:parent"
	jsonPath := func(resource string) string {
		return `{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution` + resource + `","TimeoutSeconds":60,
		 "Parameters":{"StateMachineArn":"` + childARN + `","Name":"kid","Input":{"n":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"End":true}}}`
	}
	jsonata := `{"QueryLanguage":"JSONata","StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2",
	 "Arguments":{"StateMachineArn":"` + childARN + `","Name":"kid","Input":{"n":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"{% $states.context.Execution.Id %}"}},"End":true}}}`
	tests := []struct {
		name, def    string
		parentStatus string
	}{
		{"request response", jsonPath(""), StatusSucceeded},
		{"sync", jsonPath(".sync"), StatusSucceeded},
		{"sync:2", jsonPath(".sync:2"), StatusSucceeded},
		{"waitForTaskToken", jsonPath(".waitForTaskToken"), StatusFailed}, // the child never calls back: States.Timeout
		{"JSONata sync:2", jsonata, StatusSucceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mux := &task.Mux{}
			f := newFixture(t, mux)
			mux.Handle(NestedResource, f.r.NestedInvoker())
			child := store.StateMachine{ARN: childARN, Name: "child", Type: "STANDARD", Definition: `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`}
			if err := f.st.CreateStateMachine(context.Background(), child); err != nil {
				t.Fatal(err)
			}
			if ex := f.start(tt.def, "parent", `{}`); ex.ARN != parentARN {
				t.Fatalf("parent ARN %s", ex.ARN)
			}
			f.drain()
			if got := f.get(parentARN); got.Status != tt.parentStatus {
				t.Fatalf("parent %s %s %s", got.Status, got.Error, got.Cause)
			}
			kid := f.get("arn:aws:states:us-east-1:000000000000:execution:child:kid")
			want := `{"n":1,"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID":"` + parentARN + `"}`
			if kid.Status != StatusSucceeded || kid.Input != want || kid.Output != want {
				t.Errorf("child %s input %s output %s, want %s", kid.Status, kid.Input, kid.Output, want)
			}
			evs, err := f.r.History(context.Background(), kid.ARN)
			if err != nil || len(evs) == 0 {
				t.Fatalf("child history %d events, %v", len(evs), err)
			}
			details := jsonval.String(evs[0].Details())
			if evs[0].Type != "ExecutionStarted" || !strings.Contains(details, `"input":"`+strings.ReplaceAll(want, `"`, `\"`)+`"`) {
				t.Errorf("child's first event %s %s", evs[0].Type, details)
			}
		})
	}
}
