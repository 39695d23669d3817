package interp

import (
	"testing"

	"github.com/stepwise/stepwise/shared/history"
)

// BenchmarkStep measures one Pass→Pass step (entered and exited events,
// record update) through Machine.Step.
func BenchmarkStep(b *testing.B) {
	m := compile(b, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`)
	rec := record(b, m, "A", `{"counter":1}`)
	env := testEnv(2)
	b.ReportAllocs()
	for b.Loop() {
		dec, err := m.Step(rec, Enter{}, env)
		if err != nil || dec.Record.State != "B" {
			b.Fatalf("step: %v %s", err, dec.Record.State)
		}
	}
}

// BenchmarkStepAppend is BenchmarkStep with events appended to a reused
// buffer, as the in-process driver does.
func BenchmarkStepAppend(b *testing.B) {
	m := compile(b, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","End":true}}}`)
	rec := record(b, m, "A", `{"counter":1}`)
	env := testEnv(2)
	buf := make([]history.Event, 0, 8)
	b.ReportAllocs()
	for b.Loop() {
		dec, err := m.StepAppend(buf[:0], rec, Enter{}, &env)
		if err != nil || dec.Record.State != "B" {
			b.Fatalf("step: %v %s", err, dec.Record.State)
		}
	}
}
