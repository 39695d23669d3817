package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// failingMap is a distributed Map over a JSON file whose items with
// "fail": true fail, tolerating tolerated failures, writing its results
// under data/out.
func failingMap(tolerated int) string {
	return `{"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":` + fmt.Sprint(tolerated) + `,
		"ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"JSON"},"Parameters":{"Bucket":"data","Key":"in/items.json"}},
		"ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"data","Prefix":"out"}},
		"ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"C","States":{
			"C":{"Type":"Choice","Choices":[{"Variable":"$.fail","BooleanEquals":true,"Next":"F"}],"Default":"P"},
			"F":{"Type":"Fail","Error":"Item.Bad","Cause":"bad item"},
			"P":{"Type":"Pass","End":true}}},"End":true}}}`
}

// TestRun_DistributedMapRun: `stepwise run` runs a Distributed Map as a
// map run, as serve and AWS do: MapRun events, the ResultWriter's output
// and files, and the tolerated failure threshold.
func TestRun_DistributedMapRun(t *testing.T) {
	items := `[{"id":1,"fail":false},{"id":2,"fail":true},{"id":3,"fail":false},{"id":4,"fail":true}]`
	for _, tc := range []struct {
		name      string
		tolerated int
		status    string
		events    []string
	}{
		{"under the threshold", 2, "SUCCEEDED", []string{"MapRunStarted", "MapRunSucceeded", "ExecutionSucceeded"}},
		{"over the threshold", 1, "FAILED", []string{"MapRunStarted", "MapRunFailed", "ExecutionFailed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := s3Folder(t, map[string]string{"in/items.json": items})
			def := writeTemp(t, failingMap(tc.tolerated))
			code, res, stderr := runCLI(t, "run", "--definition", def, "--s3-dir", dir, "--history", "--wait-scale", "0")
			if code != exitOK || field(res, "status") != tc.status {
				t.Fatalf("exit %d: %s %s", code, jsonval.String(res), stderr)
			}
			if tc.status == "FAILED" && field(res, "error") != "States.ExceedToleratedFailureThreshold" {
				t.Errorf("error = %q", field(res, "error"))
			}
			var types []string
			hist, _ := res.Get("history")
			for _, e := range hist.([]any) {
				typ, _ := e.(*jsonval.Object).Get("type")
				if s, _ := typ.(string); strings.HasPrefix(s, "MapRun") || strings.HasPrefix(s, "Execution") && s != "ExecutionStarted" {
					types = append(types, s)
				}
			}
			if strings.Join(types, ",") != strings.Join(tc.events, ",") {
				t.Errorf("events %v, want %v", types, tc.events)
			}
			failed := readResultFile(t, dir, "FAILED_0.json")
			if strings.Count(failed, `"Error":"Item.Bad"`) != 2 {
				t.Errorf("FAILED_0.json = %s, want the two failed items", failed)
			}
			if tc.status != "SUCCEEDED" {
				return
			}
			out, _ := res.Get("output")
			o := out.(*jsonval.Object)
			mapRun, _ := o.Get("MapRunArn")
			details, _ := o.Get("ResultWriterDetails")
			if s, _ := mapRun.(string); !strings.Contains(s, ":mapRun:StateMachine/") || !strings.Contains(jsonval.String(details), `"Bucket":"data"`) {
				t.Errorf("output = %s, want {MapRunArn, ResultWriterDetails}", jsonval.String(out))
			}
			if succeeded := readResultFile(t, dir, "SUCCEEDED_0.json"); strings.Count(succeeded, `"Status":"SUCCEEDED"`) != 2 {
				t.Errorf("SUCCEEDED_0.json = %s, want the two succeeded items", succeeded)
			}
		})
	}
}

// readResultFile reads a result file of the only map run written under
// data/out.
func readResultFile(t *testing.T, dir, name string) string {
	t.Helper()
	runs, err := os.ReadDir(filepath.Join(dir, "data", "out"))
	if err != nil || len(runs) != 1 {
		t.Fatalf("data/out holds %v (%v), want one map run", runs, err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "data", "out", runs[0].Name(), name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
