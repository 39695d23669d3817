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

// largeDefinition is a chain of n states with a Choice every ten and a
// Parallel of two branches every twenty-five, as a big workflow has.
func largeDefinition(n int) string {
	states := map[string]any{}
	name := func(i int) string { return fmt.Sprintf("Step%03d", i) }
	for i := 0; i < n; i++ {
		next := map[string]any{"Next": name(i + 1)}
		if i == n-1 {
			next = map[string]any{"End": true}
		}
		s := map[string]any{"Type": "Pass"}
		switch {
		case i%25 == 5 && i < n-1:
			s = map[string]any{"Type": "Parallel", "Branches": []any{
				map[string]any{"StartAt": name(i) + "L", "States": map[string]any{name(i) + "L": map[string]any{"Type": "Pass", "End": true}}},
				map[string]any{"StartAt": name(i) + "R", "States": map[string]any{name(i) + "R": map[string]any{"Type": "Pass", "End": true}}},
			}}
		case i%10 == 0 && i < n-2:
			s = map[string]any{"Type": "Choice", "Choices": []any{
				map[string]any{"Variable": "$.x", "NumericEquals": i, "Next": name(i + 2)},
			}, "Default": name(i + 1)}
			next = nil
		}
		for k, v := range next {
			s[k] = v
		}
		states[name(i)] = s
	}
	b, _ := json.Marshal(map[string]any{"StartAt": name(0), "States": states})
	return string(b)
}

// catchDefinition is n Tasks in a chain, each with a Catch to one Fail
// state: edges converging on one far state, drawn as a bus.
func catchDefinition(n int) string {
	states := map[string]any{"Failed": map[string]any{"Type": "Fail", "Error": "E"}}
	for i := 0; i < n; i++ {
		s := map[string]any{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f",
			"Catch": []any{map[string]any{"ErrorEquals": []any{"States.ALL"}, "Next": "Failed"}}}
		if i == n-1 {
			s["End"] = true
		} else {
			s["Next"] = fmt.Sprintf("T%d", i+1)
		}
		states[fmt.Sprintf("T%d", i)] = s
	}
	b, _ := json.Marshal(map[string]any{"StartAt": "T0", "States": states})
	return string(b)
}
