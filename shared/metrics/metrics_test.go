package metrics

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEMF(t *testing.T) {
	var buf bytes.Buffer
	e := NewEMF(&buf, "Stepwise", "prod", func() time.Time { return time.UnixMilli(1700000000000) })
	e.ExecutionStarted()
	e.ExecutionEnded("FAILED", 1500*time.Millisecond)
	e.ExecutionEnded("RUNNING", 0) // not a final status: nothing
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d lines: %s", len(lines), buf.String())
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(lines[1]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["ExecutionsFailed"] != 1.0 || doc["ExecutionTime"] != 1500.0 || doc["Stage"] != "prod" {
		t.Errorf("values: %v", doc)
	}
	aws := doc["_aws"].(map[string]any)
	cw := aws["CloudWatchMetrics"].([]any)[0].(map[string]any)
	if aws["Timestamp"] != 1700000000000.0 || cw["Namespace"] != "Stepwise" || len(cw["Metrics"].([]any)) != 2 {
		t.Errorf("_aws: %v", aws)
	}
}
