package main

import (
	"flag"
	"os"
	"strings"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
)

// limitsValue is the --limits flag: a limits spec applied over
// $STEPWISE_LIMITS (the deployment's variable, honoured locally too).
type limitsValue struct{ l *limits.Limits }

func (v limitsValue) String() string {
	if v.l == nil {
		return ""
	}
	return v.l.Spec()
}

func (v limitsValue) Set(spec string) error {
	l, err := v.l.Parse(spec)
	if err != nil {
		return err
	}
	*v.l = l
	return nil
}

// limitsFlag registers --limits on fs, starting from $STEPWISE_LIMITS; a
// malformed variable is reported by envLimitsError.
func limitsFlag(fs *flag.FlagSet, l *limits.Limits) {
	if env, err := (limits.Limits{}).Parse(os.Getenv(config.EnvLimits)); err == nil {
		*l = env
	}
	fs.Var(limitsValue{l}, "limits", "override execution quotas: "+strings.Join(limits.Names(), "=…,")+"=…")
}

// envLimitsError reports a malformed $STEPWISE_LIMITS.
func envLimitsError() error {
	if _, err := (limits.Limits{}).Parse(os.Getenv(config.EnvLimits)); err != nil {
		return usagef("%s: %v", config.EnvLimits, err)
	}
	return nil
}

// checkInput refuses input StartExecution would refuse: over the payload
// quota, or nested deeper than the depth quota.
func checkInput(v jsonval.Value, lim limits.Limits) error {
	if jsonval.SizeExceeds(v, lim.PayloadBytes) {
		return usagef("input is larger than the payload quota of %d bytes (payload-bytes)", lim.PayloadBytes)
	}
	if jsonval.DepthExceeds(v, lim.JSONDepth) {
		return usagef("input: %s (json-depth)", limits.DepthProblem(lim.JSONDepth))
	}
	return nil
}
