package config

import (
	"log/slog"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/limits"
)

func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func minimal() map[string]string {
	return map[string]string{
		EnvTable:    "tbl",
		EnvQueueURL: "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
		EnvRegion:   "eu-west-1",
		EnvAccount:  "123456789012",
	}
}

func with(kv ...string) map[string]string {
	m := minimal()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "<unset>" {
			delete(m, kv[i])
			continue
		}
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestFromEnv_Valid(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want func(c *Config)
	}{
		{"defaults", minimal(), func(c *Config) {}},
		{"region falls back to AWS_REGION", with(EnvRegion, "<unset>", EnvAWSRegion, "us-east-2"),
			func(c *Config) { c.Region = "us-east-2" }},
		{"STEPWISE_REGION wins over AWS_REGION", with(EnvAWSRegion, "us-east-2"), func(c *Config) {}},
		{"all optional values", with(EnvDLQURL, "dlq", EnvStage, "prod", EnvLogLevel, "DEBUG",
			EnvExecutionTTLDays, "7", EnvAllowedTaskResources, " arn:a , ,arn:b* ", EnvMetricsNamespace, "NS"),
			func(c *Config) {
				c.DLQURL, c.Stage, c.LogLevel, c.ExecutionTTLDays = "dlq", "prod", slog.LevelDebug, 7
				c.AllowedTaskResources, c.MetricsNamespace = []string{"arn:a", "arn:b*"}, "NS"
			}},
		{"ttl zero keeps forever", with(EnvExecutionTTLDays, "0"), func(c *Config) { c.ExecutionTTLDays = 0 }},
		{"limits", with(EnvLimits, "history-events=50000, express-duration=10m"), func(c *Config) {
			c.Limits = limits.Limits{HistoryEvents: 50_000, ExpressDuration: 10 * time.Minute}
		}},
		{"values are trimmed", with(EnvTable, "  tbl\n", EnvLogLevel, " warn "),
			func(c *Config) { c.LogLevel = slog.LevelWarn }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := Config{
				Table: "tbl", QueueURL: "https://sqs.eu-west-1.amazonaws.com/123456789012/q",
				Stage: DefaultStage, LogLevel: slog.LevelInfo, ExecutionTTLDays: DefaultExecutionTTLDays,
				Region: "eu-west-1", Account: "123456789012", MetricsNamespace: DefaultMetricsNamespace,
			}
			tt.want(&want)
			got, err := FromEnv(envOf(tt.env))
			if err != nil {
				t.Fatalf("FromEnv: %v", err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestFromEnv_Errors(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string // each must appear in the error
	}{
		{"nothing set", map[string]string{},
			[]string{EnvTable + " is required", EnvQueueURL + " is required",
				EnvRegion + " (or AWS_REGION) is required", EnvAccount + " is required"}},
		{"blank table", with(EnvTable, "   "), []string{EnvTable + " is required"}},
		{"bad log level", with(EnvLogLevel, "loud"), []string{EnvLogLevel + `: log level "loud"`}},
		{"negative ttl", with(EnvExecutionTTLDays, "-1"), []string{EnvExecutionTTLDays + `: "-1" is not`}},
		{"non-numeric ttl", with(EnvExecutionTTLDays, "90d"), []string{EnvExecutionTTLDays + `: "90d"`}},
		{"unknown limit", with(EnvLimits, "events=5"), []string{EnvLimits + `: unknown limit "events"`}},
		{"all problems together", with(EnvAccount, "<unset>", EnvLogLevel, "x"),
			[]string{EnvAccount + " is required", EnvLogLevel}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FromEnv(envOf(tt.env))
			if err == nil {
				t.Fatalf("FromEnv = %+v, want error", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if !reflect.DeepEqual(got, Config{}) {
				t.Errorf("config on error = %+v, want zero", got)
			}
		})
	}
}

func TestConfig_EnvRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"minimal", minimal()},
		{"full", with(EnvDLQURL, "dlq", EnvStage, "prod", EnvLogLevel, "error",
			EnvExecutionTTLDays, "0", EnvAllowedTaskResources, "arn:a,arn:b", EnvMetricsNamespace, "NS",
			EnvLimits, "json-depth=64,standard-duration=720h")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := FromEnv(envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			back, err := FromEnv(envOf(c.Env()))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back, c) {
				t.Fatalf("round trip: got %+v, want %+v", back, c)
			}
			for k := range c.Env() {
				if !strings.HasPrefix(k, "STEPWISE_") {
					t.Errorf("Env sets %s, want only STEPWISE_* names", k)
				}
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{" , ,", nil},
		{"a", []string{"a"}},
		{" a ,b,, c ", []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		if got := SplitList(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("SplitList(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDataRetention(t *testing.T) {
	tests := []struct {
		days int
		want time.Duration
	}{
		{0, 0},
		{90, 90*24*time.Hour + MaxExecutionDuration},
	}
	for _, tt := range tests {
		if got := (Config{ExecutionTTLDays: tt.days}).DataRetention(); got != tt.want {
			t.Errorf("%d days: retention %v, want %v", tt.days, got, tt.want)
		}
	}
}
