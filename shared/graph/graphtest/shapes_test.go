package graphtest

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/validate"
)

// TestShapes_Valid: the shapes are definitions Step Functions accepts, of
// about the size asked for.
func TestShapes_Valid(t *testing.T) {
	for _, c := range []struct {
		name   string
		def    string
		states int
	}{
		{"chain", Chain(300), 300},
		{"catches", Catches(300), 301},
		{"nested", Nested(300), 288}, // ends within 12 states of n
	} {
		if diags := validate.Definition([]byte(c.def), validate.Options{Type: "STANDARD"}); validate.HasErrors(diags) {
			t.Errorf("%s: %s", c.name, validate.InvalidDefinitionMessage(c.def, diags))
		}
		if n := strings.Count(c.def, `"Type":`); n < c.states {
			t.Errorf("%s has %d states, want at least %d", c.name, n, c.states)
		}
	}
}
