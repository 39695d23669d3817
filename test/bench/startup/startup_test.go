package startup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stepwise/stepwise/test/harness"
)

// BenchmarkStartup starts the api and stepper bootstraps, built as
// `make lambdas` builds them but for this machine, and reports the median
// time from exec to handler ready (ready-ms), the slowest (max-ms), the
// median CPU time spent by then (cpu-ms, user and system: what the start
// costs on a loaded machine) and the resident set then (rss-MiB). STARTUP_BIN_DIR=<dir> measures
// <dir>/<name>/bootstrap instead (another commit's build).
//
//	go test -run '^$' -bench Startup -benchtime 30x ./test/bench/startup
func BenchmarkStartup(b *testing.B) {
	for _, name := range []string{"api", "stepper"} {
		b.Run(name, func(b *testing.B) {
			bin := binary(b, name)
			if _, err := Measure(context.Background(), bin); err != nil { // page cache, as a warm Lambda host
				b.Fatal(err)
			}
			var samples []Sample
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				s, err := Measure(context.Background(), bin)
				if err != nil {
					b.Fatal(err)
				}
				samples = append(samples, s)
			}
			b.StopTimer()
			sort.Slice(samples, func(i, j int) bool { return samples[i].Ready < samples[j].Ready })
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(samples[len(samples)/2].Ready), "ready-ms")
			b.ReportMetric(ms(samples[len(samples)-1].Ready), "max-ms")
			b.ReportMetric(float64(samples[len(samples)/2].RSSKiB)/1024, "rss-MiB")
			sort.Slice(samples, func(i, j int) bool { return samples[i].CPU < samples[j].CPU })
			b.ReportMetric(ms(samples[len(samples)/2].CPU), "cpu-ms")
			if fi, err := os.Stat(bin); err == nil {
				b.ReportMetric(float64(fi.Size())/1e6, "size-MB")
			}
		})
	}
}

// TestMeasure: a start is measured up to the first Runtime API request
// (a stand-in that asks after 200 ms), and a binary that exits first is an
// error.
func TestMeasure(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "fakeruntime")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/fakeruntime")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, msg)
	}
	s, err := Measure(context.Background(), bin, "DELAY=200ms")
	if err != nil || s.Ready < 200*time.Millisecond || s.Ready > 20*time.Second || s.RSSKiB <= 0 {
		t.Fatalf("Measure = %+v, %v; want ready after the 200 ms delay", s, err)
	}
	if _, err := Measure(context.Background(), "/bin/true"); err == nil {
		t.Fatal("a process that exits at once was measured as ready")
	}
}

// binary builds functions/<name> like `make lambdas` (lambda.norpc,
// trimmed, stripped), for this machine, once per test binary.
func binary(tb testing.TB, name string) string {
	tb.Helper()
	if dir := os.Getenv("STARTUP_BIN_DIR"); dir != "" {
		return filepath.Join(dir, name, "bootstrap")
	}
	out := filepath.Join(buildDir(tb), name, "bootstrap")
	if _, err := os.Stat(out); err == nil {
		return out
	}
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags=-s -w", "-o", out, "./functions/"+name)
	cmd.Dir = harness.RepoRoot(tb)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("build %s: %v\n%s", name, err, msg)
	}
	return out
}

var builtIn string

func buildDir(tb testing.TB) string {
	if builtIn == "" {
		dir, err := os.MkdirTemp("", "stepwise-startup-")
		if err != nil {
			tb.Fatal(err)
		}
		builtIn = dir
	}
	return builtIn
}

func TestMain(m *testing.M) {
	code := m.Run()
	if builtIn != "" {
		_ = os.RemoveAll(builtIn)
	}
	os.Exit(code)
}
