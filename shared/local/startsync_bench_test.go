package local_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/wire"
)

// tenStates is a 10-state Express workflow of Pass and Choice states (no
// tasks). Every state is entered once: each Choice's rule and default
// lead to the next state, so the rule is evaluated but the path is fixed.
const tenStates = `{"StartAt":"Init","States":{
 "Init":{"Type":"Pass","Parameters":{"n.$":"$.n","tag":"bench"},"Next":"Positive?"},
 "Positive?":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":0,"Next":"Double"}],"Default":"Double"},
 "Double":{"Type":"Pass","Parameters":{"n.$":"States.MathAdd($.n, $.n)","tag.$":"$.tag"},"Next":"Numeric?"},
 "Numeric?":{"Type":"Choice","Choices":[{"Variable":"$.n","IsNumeric":true,"Next":"Label"}],"Default":"Label"},
 "Label":{"Type":"Pass","Parameters":{"n.$":"$.n","label.$":"States.Format('n={}', $.n)"},"Next":"Labelled?"},
 "Labelled?":{"Type":"Choice","Choices":[{"Variable":"$.label","IsPresent":true,"Next":"Stamp"}],"Default":"Stamp"},
 "Stamp":{"Type":"Pass","Result":"bench","ResultPath":"$.by","Next":"Matches?"},
 "Matches?":{"Type":"Choice","Choices":[{"Variable":"$.label","StringMatches":"n=*","Next":"Summary"}],"Default":"Summary"},
 "Summary":{"Type":"Pass","Parameters":{"result.$":"$.label","doubled.$":"$.n","by.$":"$.by"},"Next":"Done"},
 "Done":{"Type":"Succeed"}}}`

// syncBench is an embedded Stepwise with the ten-state machine created.
type syncBench struct {
	svc  wire.Service
	body []byte
}

func newSyncBench(b *testing.B) *syncBench {
	b.Helper()
	ctx := context.Background()
	svc, _, err := local.Build(ctx, local.Options{
		Getenv: func(string) string { return "" },
		Log:    slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		b.Fatal(err)
	}
	create, _ := json.Marshal(map[string]string{"name": "bench", "type": "EXPRESS", "definition": tenStates,
		"roleArn": "arn:aws:iam::000000000000:role/Bench"})
	status, out, _ := svc.API.Handle(ctx, sfnapi.TargetPrefix+"CreateStateMachine", create)
	if status != http.StatusOK {
		b.Fatalf("CreateStateMachine: %d %s", status, out)
	}
	var created struct{ StateMachineArn string }
	_ = json.Unmarshal(out, &created)
	body, _ := json.Marshal(map[string]string{"stateMachineArn": created.StateMachineArn, "input": `{"n":21}`})
	s := &syncBench{svc: svc, body: body}
	s.check(b, s.handle(b))
	return s
}

func (s *syncBench) handle(b *testing.B) []byte {
	status, out, _ := s.svc.API.Handle(context.Background(), sfnapi.TargetPrefix+"StartSyncExecution", s.body)
	if status != http.StatusOK {
		b.Fatalf("StartSyncExecution: %d %s", status, out)
	}
	return out
}

// check fails unless a response is the workflow's success.
func (s *syncBench) check(b *testing.B, out []byte) {
	var res struct{ Status, Output string }
	if err := json.Unmarshal(out, &res); err != nil || res.Status != "SUCCEEDED" || res.Output != `{"result":"n=42","doubled":42,"by":"bench"}` {
		b.Fatalf("StartSyncExecution = %s", out)
	}
}

// BenchmarkStartSyncExecution measures StartSyncExecution of the
// ten-state Express workflow through sfnapi's Handle (the API Lambda's
// path, minus the event translation) on the in-memory store, and reports
// the median latency and executions per second.
func BenchmarkStartSyncExecution(b *testing.B) {
	s := newSyncBench(b)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	for range b.N {
		t0 := time.Now()
		out := s.handle(b)
		lat = append(lat, time.Since(t0))
		if len(lat) == 1 {
			s.check(b, out)
		}
	}
	report(b, lat, time.Since(began))
}

// BenchmarkStartSyncExecution_HTTP is the same through the HTTP handler
// (`stepwise serve`'s path) with an in-memory recorder: no network.
func BenchmarkStartSyncExecution_HTTP(b *testing.B) {
	s := newSyncBench(b)
	h := s.svc.API.HTTPHandler()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	for range b.N {
		req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(s.body))
		req.Header.Set("X-Amz-Target", sfnapi.TargetPrefix+"StartSyncExecution")
		req.Header.Set("Content-Type", sfnapi.ContentType)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(rec, req)
		lat = append(lat, time.Since(t0))
		if rec.Code != http.StatusOK {
			b.Fatalf("StartSyncExecution over HTTP: %d %s", rec.Code, rec.Body)
		}
	}
	report(b, lat, time.Since(began))
}

// BenchmarkStartSyncExecution_Parallel measures throughput with one
// caller per GOMAXPROCS.
func BenchmarkStartSyncExecution_Parallel(b *testing.B) {
	s := newSyncBench(b)
	b.ReportAllocs()
	b.ResetTimer()
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			s.handle(b)
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(began).Seconds(), "executions/s")
}

// report adds the median and 99th percentile latencies (in ms) and the
// executions per second to the benchmark's output.
func report(b *testing.B, lat []time.Duration, total time.Duration) {
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(lat[len(lat)/2]), "ms-median")
	b.ReportMetric(ms(lat[len(lat)*99/100]), "ms-p99")
	b.ReportMetric(float64(len(lat))/total.Seconds(), "executions/s")
}
