package mockconfig

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// conformanceDir finds shared/conformance/cases: $STEPWISE_CONFORMANCE, or a
// parent directory's shared/conformance (the checkout's sibling folder).
func conformanceDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("STEPWISE_CONFORMANCE"); d != "" {
		return filepath.Join(d, "cases")
	}
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		cand := filepath.Join(dir, "shared", "conformance", "cases")
		if st, err := os.Stat(cand); err == nil && st.IsDir() {
			return cand
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("conformance corpus not found (set STEPWISE_CONFORMANCE)")
		}
		dir = parent
	}
}

// TestParse_ConformanceCorpus parses every mock_config of the AWS-recorded
// corpus, and checks that each mocked state exists in the definition and
// answers for all of its mocked invocations.
func TestParse_ConformanceCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(conformanceDir(t), "*", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	parsed := 0
	for _, file := range files {
		var c struct {
			Definition json.RawMessage `json:"definition"`
			MockConfig json.RawMessage `json:"mock_config"`
		}
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		if c.MockConfig == nil {
			continue
		}
		parsed++
		checkCorpusCase(t, filepath.Base(file), c.Definition, c.MockConfig)
	}
	// README: 143 cases carry a mock_config; fewer means the walk is broken.
	if parsed < 143 {
		t.Errorf("parsed %d mock configs in %d files, want at least 143", parsed, len(files))
	}
}

func checkCorpusCase(t *testing.T, name string, definition, mockConfig []byte) {
	t.Helper()
	cfg, err := Parse(mockConfig)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	tc, err := cfg.TestCase("Case", "Default")
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	def, err := jsonval.Decode(definition)
	if err != nil {
		t.Fatalf("%s: definition: %v", name, err)
	}
	states := map[string]bool{}
	collectStateNames(def, states)
	for _, st := range tc.States() {
		if !states[st] {
			t.Errorf("%s: mocked state %q is not in the definition", name, st)
		}
		for n := 0; n < tc.Invocations(st); n++ {
			if _, err := tc.Response(st, n); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// collectStateNames gathers the keys of every "States" object, at any depth
// (Parallel branches, Map iterators and item processors).
func collectStateNames(v jsonval.Value, into map[string]bool) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectStateNames(e, into)
		}
	case *jsonval.Object:
		x.Range(func(k string, e jsonval.Value) bool {
			if sub, ok := e.(*jsonval.Object); ok && k == "States" {
				for _, name := range sub.Keys() {
					into[name] = true
				}
			}
			collectStateNames(e, into)
			return true
		})
	}
}
