package jsonata

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// conformanceDir is the AWS-recorded corpus, outside the module.
const conformanceDir = "../../../shared/conformance/cases"

// collectExpressions gathers every "{% ... %}" string in v.
func collectExpressions(v any, out map[string]bool) {
	switch t := v.(type) {
	case string:
		s := strings.TrimSpace(t)
		if strings.HasPrefix(s, "{%") && strings.HasSuffix(s, "%}") && len(s) >= 4 {
			out[s[2:len(s)-2]] = true
		}
	case map[string]any:
		for _, e := range t {
			collectExpressions(e, out)
		}
	case []any:
		for _, e := range t {
			collectExpressions(e, out)
		}
	}
}

func TestCompile_ConformanceExpressions(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(conformanceDir, "*", "*.json"))
	if len(files) == 0 {
		t.Skip("conformance corpus not found at " + conformanceDir)
	}
	exprs := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c struct {
			Definition any `json:"definition"`
		}
		if err := json.Unmarshal(b, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		collectExpressions(c.Definition, exprs)
	}
	if len(exprs) < 50 {
		t.Fatalf("found only %d distinct expressions; corpus changed?", len(exprs))
	}
	for src := range exprs {
		if _, err := Compile(src); err != nil {
			t.Errorf("Compile(%q): %v", src, err)
		}
	}
}
