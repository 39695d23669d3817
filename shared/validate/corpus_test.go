package validate

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const corpusDir = "../../../shared/conformance"

// corpusRoot finds the conformance corpus; the tests skip without it.
func corpusRoot(t *testing.T) string {
	t.Helper()
	for _, dir := range []string{corpusDir, "/work/shared/conformance"} {
		if _, err := os.Stat(filepath.Join(dir, "cases_invalid")); err == nil {
			return dir
		}
	}
	t.Skip("conformance corpus not found")
	return ""
}

type invalidCase struct {
	Name             string          `json:"name"`
	API              string          `json:"api"`
	Definition       json.RawMessage `json:"definition"`
	StateMachineType string          `json:"state_machine_type"`
	Expect           struct {
		ErrorCode       string `json:"error_code"`
		MessageContains string `json:"message_contains"`
		Location        string `json:"location"`
	} `json:"expect"`
}

// checkInvalidCase returns "" when the case passes, else why it fails.
func checkInvalidCase(tc invalidCase) string {
	ds := Definition(tc.Definition, Options{Type: tc.StateMachineType})
	if !HasErrors(ds) {
		return "no error reported"
	}
	first := ds[0]
	if tc.API == "CreateStateMachine" {
		if tc.Expect.ErrorCode != "InvalidDefinition" {
			return "unexpected error code in case: " + tc.Expect.ErrorCode
		}
		// The whole message must contain the text, and so must the
		// rendering of the first error alone (AWS reports it first).
		for _, msg := range []string{InvalidDefinitionMessage("", ds), InvalidDefinitionMessage("", ds[:1])} {
			if !strings.Contains(msg, tc.Expect.MessageContains) {
				return "message " + msg + " does not contain " + tc.Expect.MessageContains
			}
		}
		return ""
	}
	switch {
	case first.Code != tc.Expect.ErrorCode:
		return "code " + first.Code + ", want " + tc.Expect.ErrorCode + " (" + first.Message + ")"
	case !strings.Contains(first.Message, tc.Expect.MessageContains):
		return "message " + first.Message + " does not contain " + tc.Expect.MessageContains
	case tc.Expect.Location != "" && first.Location != tc.Expect.Location:
		return "location " + first.Location + ", want " + tc.Expect.Location
	}
	return ""
}

func TestCorpus_Invalid(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusRoot(t), "cases_invalid", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid cases: %v", err)
	}
	passed, failed := 0, 0
	for _, f := range files {
		var tc invalidCase
		if err := readJSON(f, &tc); err != nil {
			t.Fatal(err)
		}
		if why := checkInvalidCase(tc); why != "" {
			failed++
			t.Errorf("%s: %s", tc.Name, why)
			continue
		}
		passed++
	}
	t.Logf("validate conformance: %d passed, %d failed", passed, failed)
	if len(files) != 107 {
		t.Errorf("expected 107 invalid cases, found %d", len(files))
	}
}

func TestCorpus_ValidHaveNoErrors(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(corpusRoot(t), "cases", "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no valid cases: %v", err)
	}
	bad := 0
	for _, f := range files {
		var tc struct {
			Name       string          `json:"name"`
			Definition json.RawMessage `json:"definition"`
		}
		if err := readJSON(f, &tc); err != nil {
			t.Fatal(err)
		}
		for _, d := range Definition(tc.Definition, Options{}) {
			if d.Severity == SeverityError {
				bad++
				t.Errorf("%s: unexpected %s: %s at %s", tc.Name, d.Code, d.Message, d.Location)
			}
		}
	}
	t.Logf("valid definitions: %d checked, %d false errors", len(files), bad)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
