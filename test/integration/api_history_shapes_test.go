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

// TestAPI_HistoryShapes runs one definition in process (`stepwise run`),
// as Express (`stepwise run --type EXPRESS`) and durably (`stepwise serve`,
// GetExecutionHistory), and requires the same AWS-shaped history of each.
func TestAPI_HistoryShapes(t *testing.T) {
	bin := buildStepwise(t)
	def := filepath.Join(t.TempDir(), "def.json")
	if err := os.WriteFile(def, []byte(historyShapesDef), 0o600); err != nil {
		t.Fatal(err)
	}
	runHistory := func(extra ...string) []map[string]any {
		out, err := exec.Command(bin, append([]string{"run", "--definition", def, "--history"}, extra...)...).Output()
		if err != nil {
			t.Fatalf("stepwise run %v: %v", extra, err)
		}
		var res struct {
			Status  string
			History []map[string]any
		}
		if err := json.Unmarshal(out, &res); err != nil || res.Status != "SUCCEEDED" {
			t.Fatalf("stepwise run %v: %s (%v)", extra, out, err)
		}
		return res.History
	}
	paths := map[string][]shape{
		"in-process": shapes(t, runHistory()),
		"express":    shapes(t, runHistory("--type", "EXPRESS")),
		"durable":    shapes(t, durableHistory(t, startServe(t, "").URL)),
	}
	want := paths["in-process"]
	if len(want) < 20 || want[1].PreviousID != 0 || want[0].Details == "" || !want[0].DataDetailsSeen {
		t.Fatalf("in-process history: %+v", want)
	}
	for name, got := range paths {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s history differs from the in-process one:\n got %+v\nwant %+v", name, got, want)
		}
	}
}

// durableHistory runs the definition through `stepwise serve` and reads
// its history with GetExecutionHistory.
func durableHistory(t *testing.T, url string) []map[string]any {
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
	call("CreateStateMachine", map[string]any{"name": "shapes", "definition": historyShapesDef, "roleArn": roleARN}, &sm)
	var ex struct{ ExecutionArn string }
	call("StartExecution", map[string]any{"stateMachineArn": sm.StateMachineArn}, &ex)
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var d struct{ Status string }
		call("DescribeExecution", map[string]any{"executionArn": ex.ExecutionArn}, &d)
		if d.Status == "SUCCEEDED" {
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
