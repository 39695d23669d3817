package interp

import (
	"strings"
	"testing"
)

// A submitted task records TaskSubmitted once, when it is submitted; a
// task whose runner reports no submission records it at its end.
func TestStep_Submitted(t *testing.T) {
	const def = `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%s","End":true}}}`
	for _, tc := range []struct {
		name, resource string
		submit         bool
		atSubmit       string // events of the Submitted step
		atEnd          string // events of the outcome's step
	}{
		{"sync", "arn:aws:states:::glue:startJobRun.sync", true, "TaskSubmitted", "TaskSucceeded TaskStateExited(T)"},
		{"callback", "arn:aws:states:::sqs:sendMessage.waitForTaskToken", true, "TaskSubmitted", "TaskSucceeded TaskStateExited(T)"},
		{"no report", "arn:aws:states:::glue:startJobRun.sync", false, "", "TaskSubmitted TaskSucceeded TaskStateExited(T)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := compile(t, strings.Replace(def, "%s", tc.resource, 1))
			rec := step(t, m, record(t, m, "T", `{}`), Enter{}).Record
			if tc.submit {
				d := step(t, m, rec, Submitted{Output: must(`{"JobRunId":"jr_1"}`)})
				if _, ok := d.Action.(Park); !ok || eventTypes(d.Events) != tc.atSubmit {
					t.Fatalf("submitted: action %#v, events %q", d.Action, eventTypes(d.Events))
				}
				if tc.atSubmit != "" && jsonOf(d.Events[0].JSON()) == "" {
					t.Fatal("no details")
				}
				rec = d.Record
			}
			if got := eventTypes(step(t, m, rec, TaskSucceeded{Output: must(`{}`)}).Events); got != tc.atEnd {
				t.Errorf("end: %q, want %q", got, tc.atEnd)
			}
		})
	}
}
