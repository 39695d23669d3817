package inproc

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/clock"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
)

func loadBench(tb testing.TB, name string) *interp.Machine {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "events", "bench", name))
	if err != nil {
		tb.Fatal(err)
	}
	def, err := asl.Parse(data)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := interp.Compile(def)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// transitions counts states entered, as the Node comparison does.
func transitions(events []history.Event) int {
	n := 0
	for _, e := range events {
		if e.StateName() != "" && len(e.Type) > 7 && e.Type[len(e.Type)-7:] == "Entered" {
			n++
		}
	}
	return n
}

func benchWorkload(b *testing.B, file string, want int) {
	m := loadBench(b, file)
	input := jsonval.NewObject(0)
	opts := Options{Clock: clock.NewFake(time.Unix(0, 0)), ExecutionName: "bench", NewUUID: func() string { return "uuid" }}
	total := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Run(context.Background(), m, input, opts)
		if err != nil || res.Status != StatusSucceeded {
			b.Fatalf("run: %v %s %s", err, res.Error, res.Cause)
		}
		if i == 0 {
			if got := transitions(res.History.Events()); got != want {
				b.Fatalf("%d transitions, want %d", got, want)
			}
		}
		total += want
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "transitions/s")
}

// BenchmarkChoiceLoop runs the 10,000-transition Pass/Choice loop.
func BenchmarkChoiceLoop(b *testing.B) { benchWorkload(b, "choice-loop.asl.json", 10000) }

// BenchmarkMap1000 runs a Map over 1,000 items (1,002 transitions).
func BenchmarkMap1000(b *testing.B) { benchWorkload(b, "map-1000.asl.json", 1002) }
