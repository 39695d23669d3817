package interp

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/limits"
)

// endless is a JSONata expression that recurses without end; unbounded,
// it overflows the Go stack and kills the process (issue 9, item 1).
const endless = `{% ($f := function($x){$f($x)}; $f(1)) %}`

const stackOverflow = "U1001: Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive."

func TestStep_EndlessRecursionFailsTheState(t *testing.T) {
	m := compile(t, `{"QueryLanguage":"JSONata","StartAt":"P","States":{
	  "P":{"Type":"Pass","Output":"`+endless+`","End":true}}}`)
	dec := step(t, m, record(t, m, "P", `{}`), Enter{})
	f, ok := dec.Action.(Fail)
	if !ok || f.Error != "States.QueryEvaluationError" {
		t.Fatalf("action %#v, want Fail States.QueryEvaluationError", dec.Action)
	}
	want := "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '($f := function($x){$f($x)}; $f(1))' specified for the field 'Output' threw an error during evaluation. " + stackOverflow
	if f.Cause != want {
		t.Fatalf("cause\n%s\nwant\n%s", f.Cause, want)
	}
}

func TestStep_EndlessRecursionIsCaught(t *testing.T) {
	m := compile(t, `{"QueryLanguage":"JSONata","StartAt":"T","States":{
	  "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{},
	       "Output":"`+endless+`","Next":"Done",
	       "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Output":"{% $states.errorOutput %}","Next":"Caught"}]},
	  "Done":{"Type":"Succeed"},
	  "Caught":{"Type":"Succeed"}}}`)
	entered := step(t, m, record(t, m, "T", `{}`), Enter{})
	dec := step(t, m, entered.Record, TaskSucceeded{Output: must(`{}`)})
	if dec.Record.State != "Caught" {
		t.Fatalf("moved to %q (action %#v), want Caught", dec.Record.State, dec.Action)
	}
	out := jsonOf(dec.Record.Input)
	if !strings.Contains(out, `"Error":"States.QueryEvaluationError"`) || !strings.Contains(out, "U1001: Stack overflow error") {
		t.Fatalf("caught error output %s", out)
	}
}

func TestStep_JSONataLimitsComeFromEnv(t *testing.T) {
	m := compile(t, `{"QueryLanguage":"JSONata","StartAt":"P","States":{
	  "P":{"Type":"Pass","Output":"{% $count([1..1000]) %}","End":true}}}`)
	env := testEnv(2)
	env.Limits = limits.Limits{JSONataBytes: 1000}
	dec, err := m.Step(record(t, m, "P", `{}`), Enter{}, env)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := dec.Action.(Fail)
	if !ok || f.Error != "States.QueryEvaluationError" || !strings.HasSuffix(f.Cause, "allocates more than the limit of 1000 bytes.") {
		t.Fatalf("action %#v, want the memory limit", dec.Action)
	}
}
