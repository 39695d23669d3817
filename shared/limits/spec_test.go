package limits

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		spec    string
		want    Limits
		wantErr string
	}{
		{spec: "", want: Limits{}},
		{spec: "history-events=100", want: Limits{HistoryEvents: 100}},
		{spec: " express-duration = 2s , json-depth=64,", want: Limits{ExpressDuration: 2 * time.Second, JSONDepth: 64}},
		{spec: "payload-bytes=1024,fork-children=10,standard-duration=8760h",
			want: Limits{PayloadBytes: 1024, ForkChildren: 10, StandardDuration: 8760 * time.Hour}},
		{spec: "history-events", wantErr: "want name=value"},
		{spec: "history-events=0", wantErr: "not a positive integer"},
		{spec: "history-events=lots", wantErr: "not a positive integer"},
		{spec: "express-duration=5", wantErr: "not a positive duration"},
		{spec: "json-depth=9001", wantErr: "above its maximum of 9000"},
		{spec: "jsonata-depth=100,jsonata-steps=1000,jsonata-bytes=4096",
			want: Limits{JSONataDepth: 100, JSONataSteps: 1000, JSONataBytes: 4096}},
		{spec: "jsonata-depth=20001", wantErr: "above its maximum of 20000"},
		{spec: "events=5", wantErr: `unknown limit "events"`},
	} {
		got, err := Limits{}.Parse(c.spec)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("Parse(%q) error = %v, want one containing %q", c.spec, err, c.wantErr)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", c.spec, got, err, c.want)
		}
	}
}

func TestSpecRoundTrips(t *testing.T) {
	for _, l := range []Limits{{}, Default(), {HistoryEvents: 7, ExpressDuration: time.Minute}} {
		got, err := Limits{}.Parse(l.Spec())
		if err != nil || got != l {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", l.Spec(), got, err, l)
		}
	}
}

func TestResolveDerivesFanOutAndCapsDepth(t *testing.T) {
	got := Limits{HistoryEvents: 1000, JSONDepth: 50_000}.Resolve()
	if got.ForkChildren != 500 {
		t.Errorf("ForkChildren = %d, want half of HistoryEvents (500)", got.ForkChildren)
	}
	if got.JSONDepth != MaxJSONDepth {
		t.Errorf("JSONDepth = %d, want it capped at %d", got.JSONDepth, MaxJSONDepth)
	}
}
