// Package metrics emits execution metrics, named as AWS Step Functions
// names them, as CloudWatch embedded metric format (EMF) log lines: Lambda
// ships stdout to CloudWatch Logs, which turns each line into metrics.
package metrics

import (
	"encoding/json"
	"io"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/config"
)

// Recorder receives execution lifecycle events.
type Recorder interface {
	ExecutionStarted()
	// ExecutionEnded takes the final status (SUCCEEDED, FAILED, TIMED_OUT,
	// ABORTED) and the execution's duration.
	ExecutionEnded(status string, d time.Duration)
}

// EMF writes one embedded-metric-format JSON line per metric event.
type EMF struct {
	mu        sync.Mutex
	w         io.Writer
	namespace string
	stage     string
	now       func() time.Time
}

var _ Recorder = (*EMF)(nil)

// NewEMF writes to w in namespace, with the Stage dimension set to stage.
func NewEMF(w io.Writer, namespace, stage string, now func() time.Time) *EMF {
	if now == nil {
		now = time.Now
	}
	return &EMF{w: w, namespace: namespace, stage: stage, now: now}
}

// ExecutionStarted counts ExecutionsStarted.
func (e *EMF) ExecutionStarted() {
	e.emit(map[string]float64{config.MetricExecutionsStarted: 1}, nil)
}

// ExecutionEnded counts the status metric and records ExecutionTime.
func (e *EMF) ExecutionEnded(status string, d time.Duration) {
	name, ok := statusMetric[status]
	if !ok {
		return
	}
	e.emit(map[string]float64{name: 1, config.MetricExecutionTime: float64(d.Milliseconds())},
		map[string]string{config.MetricExecutionTime: "Milliseconds"})
}

var statusMetric = map[string]string{
	"SUCCEEDED": config.MetricExecutionsSucceeded,
	"FAILED":    config.MetricExecutionsFailed,
	"TIMED_OUT": config.MetricExecutionsTimedOut,
	"ABORTED":   config.MetricExecutionsAborted,
}

type metricDef struct {
	Name string `json:"Name"`
	Unit string `json:"Unit"`
}

func (e *EMF) emit(values map[string]float64, units map[string]string) {
	defs := make([]metricDef, 0, len(values))
	doc := map[string]any{config.MetricDimensionStage: e.stage}
	for name, v := range values {
		unit := units[name]
		if unit == "" {
			unit = "Count"
		}
		defs = append(defs, metricDef{Name: name, Unit: unit})
		doc[name] = v
	}
	doc["_aws"] = map[string]any{
		"Timestamp": e.now().UnixMilli(),
		"CloudWatchMetrics": []any{map[string]any{
			"Namespace":  e.namespace,
			"Dimensions": [][]string{{config.MetricDimensionStage}},
			"Metrics":    defs,
		}},
	}
	line, err := json.Marshal(doc)
	if err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	_, _ = e.w.Write(append(line, '\n'))
}

// Discard records nothing.
type Discard struct{}

// ExecutionStarted does nothing.
func (Discard) ExecutionStarted() {}

// ExecutionEnded does nothing.
func (Discard) ExecutionEnded(string, time.Duration) {}
