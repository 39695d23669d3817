//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// historyShapesDef visits Pass, Choice, Wait, Parallel and Map states (one
// iteration at a time, so that every path orders the events alike).
const historyShapesDef = `{"StartAt":"P","States":{
 "P":{"Type":"Pass","Result":{"items":[1,2]},"Next":"C"},
 "C":{"Type":"Choice","Choices":[{"Variable":"$.items[0]","NumericEquals":1,"Next":"W"}],"Default":"W"},
 "W":{"Type":"Wait","Seconds":0,"Next":"Par"},
 "Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}],"ResultPath":null,"Next":"M"},
 "M":{"Type":"Map","ItemsPath":"$.items","MaxConcurrency":1,"ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}`

// historyFailDef fails a Parallel branch, catches the failure and ends in
// a Fail state: failure events and their details.
const historyFailDef = `{"StartAt":"Par","States":{
 "Par":{"Type":"Parallel","Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Boom","Cause":"inner"}}}],
  "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"End"}],"Next":"End"},
 "End":{"Type":"Fail","Error":"Final","Cause":"done"}}}`

// shape is what a history event looks like, less its timestamp and data.
type shape struct {
	Type            string
	ID, PreviousID  int64
	Details         string // the details member and its keys
	DataDetailsSeen bool   // inputDetails/outputDetails as AWS writes them
}

// shapes reduces GetExecutionHistory events to their shapes.
func shapes(t *testing.T, events []map[string]any) []shape {
	t.Helper()
	var out []shape
	for _, e := range events {
		s := shape{Type: fmt.Sprint(e["type"]), ID: int64(e["id"].(float64)), PreviousID: int64(e["previousEventId"].(float64))}
		for k, v := range e {
			d, ok := v.(map[string]any)
			if !ok || !strings.HasSuffix(k, "EventDetails") {
				continue
			}
			keys := make([]string, 0, len(d))
			for dk := range d {
				keys = append(keys, dk)
			}
			sort.Strings(keys)
			s.Details = k + "{" + strings.Join(keys, ",") + "}"
			for _, data := range []string{"input", "output"} {
				if _, has := d[data]; has {
					det, _ := d[data+"Details"].(map[string]any)
					if det == nil || det["truncated"] != false {
						t.Errorf("event %d (%s): %s without %sDetails {truncated:false}: %v", s.ID, s.Type, data, data, d)
					}
					s.DataDetailsSeen = true
				}
			}
		}
		out = append(out, s)
	}
	return out
}

// TestAPI_HistoryShapes runs definitions in process (`stepwise run`), as
// Express (`stepwise run --type EXPRESS`) and durably (`stepwise serve`,
// GetExecutionHistory), and requires the same AWS-shaped history of each.
func TestAPI_HistoryShapes(t *testing.T) {
	bin := buildStepwise(t)
	url := startServe(t, "").URL
	for i, tc := range []struct {
		def, status string
		minEvents   int
	}{
		{historyShapesDef, "SUCCEEDED", 20},
		{historyFailDef, "FAILED", 8},
	} {
		t.Run(tc.status, func(t *testing.T) {
			def := filepath.Join(t.TempDir(), "def.json")
			if err := os.WriteFile(def, []byte(tc.def), 0o600); err != nil {
				t.Fatal(err)
			}
			paths := map[string][]shape{
				"in-process": shapes(t, runHistory(t, bin, def, tc.status)),
				"express":    shapes(t, runHistory(t, bin, def, tc.status, "--type", "EXPRESS")),
				"durable":    shapes(t, durableHistory(t, url, fmt.Sprintf("shapes-%d", i), tc.def, tc.status)),
			}
			want := paths["in-process"]
			if len(want) < tc.minEvents || want[1].PreviousID != 0 || want[0].Details == "" || !want[0].DataDetailsSeen {
				t.Fatalf("in-process history: %+v", want)
			}
			for name, got := range paths {
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s history differs from the in-process one:\n got %+v\nwant %+v", name, got, want)
				}
			}
		})
	}
}

// runHistory runs a definition with `stepwise run --history`.
func runHistory(t *testing.T, bin, def, status string, extra ...string) []map[string]any {
	t.Helper()
	out, err := exec.Command(bin, append([]string{"run", "--definition", def, "--history"}, extra...)...).Output()
	var res struct {
		Status  string
		History []map[string]any
	}
	if jerr := json.Unmarshal(out, &res); jerr != nil || res.Status != status {
		t.Fatalf("stepwise run %v: %s (%v, %v)", extra, out, err, jerr)
	}
	return res.History
}

// durableHistory runs the definition through `stepwise serve` and reads
// its history with GetExecutionHistory.
func durableHistory(t *testing.T, url, name, def, status string) []map[string]any {
	t.Helper()
	call := func(op string, in map[string]any, out any) {
		t.Helper()
		body, _ := json.Marshal(in)
		req, _ := http.NewRequest(http.MethodPost, url+"/", bytes.NewReader(body))
		req.Header.Set("X-Amz-Target", "AWSStepFunctions."+op)
		req.Header.Set("Content-Type", "application/x-amz-json-1.0")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d: %v", op, resp.StatusCode, err)
		}
	}
	var sm struct{ StateMachineArn string }
	call("CreateStateMachine", map[string]any{"name": name, "definition": def, "roleArn": roleARN}, &sm)
	var ex struct{ ExecutionArn string }
	call("StartExecution", map[string]any{"stateMachineArn": sm.StateMachineArn}, &ex)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var d struct{ Status string }
		call("DescribeExecution", map[string]any{"executionArn": ex.ExecutionArn}, &d)
		if d.Status == status {
			break
		}
		if d.Status != "RUNNING" || time.Now().After(deadline) {
			t.Fatalf("durable execution: %s", d.Status)
		}
	}
	var h struct{ Events []map[string]any }
	call("GetExecutionHistory", map[string]any{"executionArn": ex.ExecutionArn}, &h)
	return h.Events
}
