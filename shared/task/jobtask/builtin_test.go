package jobtask

import (
	"testing"

	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// Every SDK action the integrations call is built into sdktask.
func TestActionsBuiltIn(t *testing.T) {
	ops := map[string]bool{}
	for _, s := range builtin.Services() {
		for op := range s.Operations {
			ops[s.Name+":"+op] = true
		}
	}
	for _, s := range services() {
		for name, a := range s.actions {
			calls := []string{a.sdk}
			if a.job != nil {
				calls = append(calls, a.job.describe, a.job.stop)
			}
			for _, c := range calls {
				if !ops[s.sdk+":"+c] {
					t.Errorf("%s:%s calls %s:%s, which sdktask does not build in", s.name, name, s.sdk, c)
				}
			}
		}
	}
}
