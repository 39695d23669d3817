package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/limits"
)

// Config is the loaded, validated configuration of a Stepwise function.
type Config struct {
	Table                string
	QueueURL             string
	DLQURL               string
	Stage                string
	LogLevel             slog.Level
	ExecutionTTLDays     int // 0: executions never expire
	Region               string
	Account              string
	AllowedTaskResources []string
	MetricsNamespace     string
	// Limits are the execution quotas set by EnvLimits (zero fields:
	// AWS's).
	Limits limits.Limits
}

// MaxExecutionDuration is AWS's limit on the run of a Standard execution
// (a year). What an execution reads while it runs (its history, a large
// input, payloads) is kept this much longer than finished executions are.
const MaxExecutionDuration = 366 * 24 * time.Hour

// DataRetention is how long the store keeps what executions read and
// write: ExecutionTTLDays plus MaxExecutionDuration; 0 (never expire) when
// executions never expire.
func (c Config) DataRetention() time.Duration {
	if c.ExecutionTTLDays <= 0 {
		return 0
	}
	return time.Duration(c.ExecutionTTLDays)*24*time.Hour + MaxExecutionDuration
}

// FromEnv loads a Config through getenv (os.Getenv in main, a map in tests).
// It reports every missing or malformed value at once, each naming its
// variable, so a misconfigured deployment is fixed in one round.
func FromEnv(getenv func(string) string) (Config, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	c := Config{
		Table:                get(EnvTable),
		QueueURL:             get(EnvQueueURL),
		DLQURL:               get(EnvDLQURL),
		Stage:                orDefault(get(EnvStage), DefaultStage),
		Region:               orDefault(get(EnvRegion), get(EnvAWSRegion)),
		Account:              get(EnvAccount),
		AllowedTaskResources: SplitList(get(EnvAllowedTaskResources)),
		MetricsNamespace:     orDefault(get(EnvMetricsNamespace), DefaultMetricsNamespace),
	}
	var errs []error
	for _, req := range []struct{ name, value string }{
		{EnvTable, c.Table},
		{EnvQueueURL, c.QueueURL},
		{EnvRegion + " (or " + EnvAWSRegion + ")", c.Region},
		{EnvAccount, c.Account},
	} {
		if req.value == "" {
			errs = append(errs, fmt.Errorf("%s is required but not set", req.name))
		}
	}
	var err error
	if c.LogLevel, err = ParseLogLevel(orDefault(get(EnvLogLevel), DefaultLogLevel)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", EnvLogLevel, err))
	}
	if c.ExecutionTTLDays, err = parseTTLDays(get(EnvExecutionTTLDays)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", EnvExecutionTTLDays, err))
	}
	if c.Limits, err = (limits.Limits{}).Parse(get(EnvLimits)); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", EnvLimits, err))
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("stepwise config: %w", err)
	}
	return c, nil
}

// Env returns the variables that make FromEnv load c back: what a deployment
// tool sets. Empty optional values are left out.
func (c Config) Env() map[string]string {
	env := map[string]string{
		EnvTable:            c.Table,
		EnvQueueURL:         c.QueueURL,
		EnvStage:            c.Stage,
		EnvLogLevel:         strings.ToLower(c.LogLevel.String()),
		EnvExecutionTTLDays: strconv.Itoa(c.ExecutionTTLDays),
		EnvRegion:           c.Region,
		EnvAccount:          c.Account,
		EnvMetricsNamespace: c.MetricsNamespace,
	}
	if c.DLQURL != "" {
		env[EnvDLQURL] = c.DLQURL
	}
	if len(c.AllowedTaskResources) > 0 {
		env[EnvAllowedTaskResources] = strings.Join(c.AllowedTaskResources, ",")
	}
	if spec := c.Limits.Spec(); spec != "" {
		env[EnvLimits] = spec
	}
	return env
}

// ParseLogLevel accepts the log/slog level names (debug, info, warn, error,
// any case), so infra validates a context value exactly as the functions will.
func ParseLogLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("log level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

func parseTTLDays(s string) (int, error) {
	if s == "" {
		return DefaultExecutionTTLDays, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a whole number of days >= 0", s)
	}
	return n, nil
}

// SplitList splits a comma-separated list, dropping blanks around and
// between items.
func SplitList(s string) []string {
	var out []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
