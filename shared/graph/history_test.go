package graph

import (
	"fmt"
	"strings"
	"testing"
)

// ev is a compact history event: "id prev Type [name]".
func historyJSON(key string, evs ...string) []byte {
	parts := make([]string, len(evs))
	for i, e := range evs {
		f := strings.Fields(e)
		o := fmt.Sprintf(`{"id":%s,"previousEventId":%s,"type":%q`, f[0], f[1], f[2])
		if len(f) == 4 {
			detail := "stateEnteredEventDetails"
			if strings.HasSuffix(f[2], "Exited") {
				detail = "stateExitedEventDetails"
			}
			o += fmt.Sprintf(`,%q:{"name":%q}`, detail, f[3])
		}
		parts[i] = o + "}"
	}
	return []byte(fmt.Sprintf(`{%q:[%s]}`, key, strings.Join(parts, ",")))
}

func TestStatuses(t *testing.T) {
	tests := []struct {
		name, key string
		events    []string
		want      map[string]Status
	}{
		{"succeeded then running", "events", []string{"1 0 ExecutionStarted", "2 0 PassStateEntered A", "3 2 PassStateExited A",
			"4 3 TaskStateEntered T", "5 4 TaskScheduled"},
			map[string]Status{"A": Succeeded, "T": Running}},
		{"retry then success", "history", []string{"1 0 ExecutionStarted", "2 0 TaskStateEntered T", "3 2 TaskScheduled",
			"4 3 TaskFailed", "5 4 TaskScheduled", "6 5 TaskSucceeded", "7 6 TaskStateExited T", "8 7 ExecutionSucceeded"},
			map[string]Status{"T": Succeeded}},
		{"caught and failed", "events", []string{"1 0 ExecutionStarted", "2 0 TaskStateEntered T", "3 2 TaskScheduled",
			"4 3 LambdaFunctionTimedOut", "5 4 TaskStateExited T", "6 5 FailStateEntered F", "7 6 ExecutionFailed"},
			map[string]Status{"T": Caught, "F": Failed}},
		{"uncaught failure", "events", []string{"1 0 ExecutionStarted", "2 0 TaskStateEntered T", "3 2 TaskScheduled",
			"4 3 TaskFailed", "5 4 ExecutionFailed"},
			map[string]Status{"T": Failed}},
		{"aborted", "events", []string{"1 0 ExecutionStarted", "2 0 WaitStateEntered W", "3 2 ExecutionAborted"},
			map[string]Status{"W": Aborted}},
		{"interleaved parallel branches", "events", []string{"1 0 ExecutionStarted", "2 0 ParallelStateEntered P",
			"3 2 ParallelStateStarted", "4 3 TaskStateEntered X", "5 3 TaskStateEntered Y", "6 4 TaskScheduled",
			"7 5 TaskScheduled", "8 6 TaskFailed", "9 7 TaskSucceeded", "10 9 TaskStateExited Y",
			"11 3 ParallelStateFailed", "12 11 ExecutionFailed"},
			map[string]Status{"P": Failed, "X": Failed, "Y": Succeeded}},
		{"map iterations: one failure wins", "events", []string{"1 0 ExecutionStarted", "2 0 MapStateEntered M",
			"3 2 MapStateStarted", "4 3 MapIterationStarted", "5 4 PassStateEntered I", "6 5 PassStateExited I",
			"7 3 MapIterationStarted", "8 7 TaskStateEntered I", "9 8 TaskFailed", "10 9 MapIterationFailed",
			"11 3 MapStateFailed", "12 11 MapStateExited M"},
			map[string]Status{"M": Caught, "I": Failed}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events, err := ParseHistory(historyJSON(tt.key, tt.events...))
			if err != nil {
				t.Fatalf("ParseHistory: %v", err)
			}
			got := Statuses(events)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Statuses = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestParseHistory_Errors(t *testing.T) {
	for _, in := range []string{`[]`, `{"items":[]}`, `{"events":{}}`, `{"events":[1]}`, `{`} {
		if _, err := ParseHistory([]byte(in)); err == nil {
			t.Errorf("ParseHistory(%s): no error", in)
		}
	}
}

func TestColour_NotReached(t *testing.T) {
	g := build(t, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`)
	g.Colour(map[string]Status{"A": Succeeded})
	for _, n := range g.Nodes() {
		want := map[string]Status{"A": Succeeded, "B": NotReached}[n.Name]
		if n.Kind == KindState && n.Status != want {
			t.Errorf("%s: status %q, want %q", n.Name, n.Status, want)
		}
		if n.Kind != KindState && n.Status != "" {
			t.Errorf("marker %s coloured %q", n.Name, n.Status)
		}
	}
}
