//go:build integration

package console

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/test/conformance"
	"github.com/stepwise/stepwise/test/harness"
)

// largestCase finds the definition with the most states among the AWS
// conformance cases (../shared/conformance/cases beside the repository,
// or under $STEPWISE_CONFORMANCE).
func largestCase(t *testing.T) (name, definition string) {
	t.Helper()
	dir := filepath.Join(conformance.CorpusDir(harness.RepoRoot(t)), "cases")
	best := -1
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var doc any
		if json.Unmarshal(raw, &doc) != nil {
			return nil
		}
		def := findDefinition(doc)
		if def == nil {
			return nil
		}
		if n := countStates(def); n > best {
			b, _ := json.Marshal(def)
			best, name, definition = n, filepath.Base(path)+fmt.Sprintf(" (%d states)", n), string(b)
		}
		return nil
	})
	if err != nil || best < 0 {
		t.Fatalf("no definition under %s: %v", dir, err)
	}
	return name, definition
}

// findDefinition returns the first "definition" member, parsed when it is
// a string.
func findDefinition(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		if d, ok := x["definition"]; ok {
			if s, ok := d.(string); ok {
				var m map[string]any
				if json.Unmarshal([]byte(s), &m) == nil {
					return m
				}
			}
			if m, ok := d.(map[string]any); ok {
				return m
			}
		}
		for _, c := range x {
			if m := findDefinition(c); m != nil {
				return m
			}
		}
	case []any:
		for _, c := range x {
			if m := findDefinition(c); m != nil {
				return m
			}
		}
	}
	return nil
}

func countStates(v any) int {
	n := 0
	switch x := v.(type) {
	case map[string]any:
		if s, ok := x["States"].(map[string]any); ok {
			n += len(s)
		}
		for _, c := range x {
			n += countStates(c)
		}
	case []any:
		for _, c := range x {
			n += countStates(c)
		}
	}
	return n
}
