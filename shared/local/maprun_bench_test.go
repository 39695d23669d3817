package local_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
)

// BenchmarkMapRun_CSV runs, through the serve wiring (memory adapters),
// one distributed Map over a CSV of STEPWISE_BENCH_ROWS rows (default
// 10,000) at MaxConcurrency STEPWISE_BENCH_CONCURRENCY (default 1,000), each row a Standard child execution,
// and reports items/s and the process's peak RSS (VmHWM).
func BenchmarkMapRun_CSV(b *testing.B) {
	rows, conc := 10000, 1000
	if s := os.Getenv("STEPWISE_BENCH_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	if s := os.Getenv("STEPWISE_BENCH_CONCURRENCY"); s != "" {
		conc, _ = strconv.Atoi(s)
	}
	dir := b.TempDir()
	var csv strings.Builder
	csv.WriteString("id,name\n")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&csv, "%d,row%d\n", i, i)
	}
	if err := os.MkdirAll(filepath.Join(dir, "bkt"), 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "bkt", "rows.csv"), []byte(csv.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc, recv, err := local.Build(ctx, local.Options{Getenv: func(string) string { return "" }, Log: log, S3Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	srv, err := local.NewServer(svc, recv, local.ServerOptions{Addr: "127.0.0.1:0", Log: log})
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() { cancel(); <-done }()
	def := `{"StartAt":"M","States":{"M":{"Type":"Map","End":true,"MaxConcurrency":` + strconv.Itoa(conc) + `,
	  "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","ReaderConfig":{"InputType":"CSV"},"Parameters":{"Bucket":"bkt","Key":"rows.csv"}},
	  "ResultWriter":{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"bkt","Prefix":"out"}},
	  "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{
	    "P":{"Type":"Pass","Parameters":{"id.$":"$.id"},"End":true}}}}}}`
	var created struct{ StateMachineArn string }
	call(b, srv, "CreateStateMachine", map[string]string{"name": "bench", "definition": def, "roleArn": "arn:aws:iam::000000000000:role/R"}, &created)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		var started struct{ ExecutionArn string }
		call(b, srv, "StartExecution", map[string]string{"stateMachineArn": created.StateMachineArn}, &started)
		var ex struct{ Status, Error, Cause string }
		for ; ; time.Sleep(200 * time.Millisecond) {
			call(b, srv, "DescribeExecution", map[string]string{"executionArn": started.ExecutionArn}, &ex)
			if ex.Status != "RUNNING" {
				break
			}
		}
		if ex.Status != "SUCCEEDED" {
			b.Fatalf("execution %+v", ex)
		}
		b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "items/s")
	}
	b.ReportMetric(float64(peakRSS()), "peak-RSS-MiB")
}

// peakRSS is the process's peak resident set, in MiB (Linux).
func peakRSS() int {
	data, _ := os.ReadFile("/proc/self/status")
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmHWM:"), "kB")))
			return kb / 1024
		}
	}
	return 0
}
