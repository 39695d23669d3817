package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/limits"
)

// --limits applies over $STEPWISE_LIMITS, which applies over AWS's quotas.
func TestLimitsFlagOverEnv(t *testing.T) {
	t.Setenv(config.EnvLimits, "history-events=500,express-duration=1m")
	o, err := parseRunFlags([]string{"--definition", "d.json", "--limits", "history-events=100,json-depth=64"})
	if err != nil {
		t.Fatal(err)
	}
	want := limits.Limits{HistoryEvents: 100, ExpressDuration: time.Minute, JSONDepth: 64}
	if o.limits != want {
		t.Fatalf("limits %+v, want %+v", o.limits, want)
	}
	s, err := parseServeFlags([]string{"--limits", "fork-children=7"})
	if err != nil || s.limits != (limits.Limits{HistoryEvents: 500, ExpressDuration: time.Minute, ForkChildren: 7}) {
		t.Fatalf("serve limits %+v, %v", s.limits, err)
	}
}

func TestMalformedEnvLimitsIsAUsageError(t *testing.T) {
	t.Setenv(config.EnvLimits, "history-events=lots")
	for _, parse := range []func() error{
		func() error { _, err := parseRunFlags([]string{"--definition", "d.json"}); return err },
		func() error { _, err := parseServeFlags(nil); return err },
	} {
		if err := parse(); err == nil || !strings.Contains(err.Error(), config.EnvLimits) {
			t.Errorf("error %v, want one naming %s", err, config.EnvLimits)
		}
	}
}
