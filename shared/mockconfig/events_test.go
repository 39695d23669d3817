package mockconfig

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestParse_SampleEvents checks the repository's events/<name>/mock-config.json
// files: they parse, use the folder name as state machine name, have a
// HappyPath plus at least one other test case, and mock only states that
// exist; HappyPath mocks every Task state.
func TestParse_SampleEvents(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "events", "*", "mock-config.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) < 3 {
		t.Fatalf("found %d sample mock configs, want at least 3", len(dirs))
	}
	for _, path := range dirs {
		dir := filepath.Dir(path)
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			cfg, err := Parse(readFile(t, path))
			if err != nil {
				t.Fatal(err)
			}
			cases, err := cfg.TestCases(name)
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) < 2 || cases[0] != "HappyPath" {
				t.Errorf("test cases %v: want HappyPath first and at least one failure path", cases)
			}
			def, err := jsonval.Decode(readFile(t, filepath.Join(dir, "definition.asl.json")))
			if err != nil {
				t.Fatal(err)
			}
			states := map[string]bool{}
			collectStateNames(def, states)
			tasks := map[string]bool{}
			collectTaskStates(def, tasks)
			for _, c := range cases {
				tc, _ := cfg.TestCase(name, c)
				for _, st := range tc.States() {
					if !states[st] {
						t.Errorf("%s: mocked state %q is not in the definition", c, st)
					}
				}
				if c != "HappyPath" {
					continue
				}
				for task := range tasks {
					if !tc.Mocked(task) {
						t.Errorf("HappyPath does not mock Task state %q", task)
					}
				}
			}
		})
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// collectTaskStates gathers the names of Task states at any depth.
func collectTaskStates(v jsonval.Value, into map[string]bool) {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			collectTaskStates(e, into)
		}
	case *jsonval.Object:
		x.Range(func(k string, e jsonval.Value) bool {
			if sub, ok := e.(*jsonval.Object); ok && k == "States" {
				sub.Range(func(name string, st jsonval.Value) bool {
					if o, ok := st.(*jsonval.Object); ok {
						if typ, _ := o.Get("Type"); typ == "Task" {
							into[name] = true
						}
					}
					return true
				})
			}
			collectTaskStates(e, into)
			return true
		})
	}
}
