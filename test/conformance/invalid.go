package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/validate"
)

// InvalidCase is one definition AWS rejected.
type InvalidCase struct {
	Name, File, API, Type string
	Definition            []byte
	Code, Contains        string
	Location              *string
}

// LoadInvalidCases reads dir/cases_invalid.
func LoadInvalidCases(dir string) ([]InvalidCase, error) {
	files, err := filepath.Glob(filepath.Join(dir, "cases_invalid", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []InvalidCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		v, err := jsonval.Decode(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		o := v.(*jsonval.Object)
		exp, _ := get(o, "expect").(*jsonval.Object)
		if exp == nil {
			return nil, fmt.Errorf("%s: no expect", f)
		}
		c := InvalidCase{File: strings.TrimSuffix(filepath.Base(f), ".json"), Type: "STANDARD"}
		c.Name, _ = get(o, "name").(string)
		c.API, _ = get(o, "api").(string)
		if t, ok := get(o, "state_machine_type").(string); ok {
			c.Type = t
		}
		c.Definition = jsonval.Marshal(get(o, "definition"))
		c.Code, _ = get(exp, "error_code").(string)
		c.Contains, _ = get(exp, "message_contains").(string)
		if l, ok := get(exp, "location").(string); ok {
			c.Location = &l
		}
		out = append(out, c)
	}
	return out, nil
}

// CheckInvalid validates the definition and compares with what AWS answered.
func CheckInvalid(c InvalidCase) []string {
	diags := validate.Definition(c.Definition, validate.Options{Type: c.Type})
	if !validate.HasErrors(diags) {
		return []string{"accepted, but AWS rejected it"}
	}
	if c.API == "CreateStateMachine" {
		msg := validate.InvalidDefinitionMessage(string(c.Definition), diags)
		if c.Code != "InvalidDefinition" || !strings.Contains(msg, c.Contains) {
			return []string{fmt.Sprintf("InvalidDefinition message %q does not contain %q", msg, c.Contains)}
		}
		return nil
	}
	d := diags[0]
	var diffs []string
	if d.Code != c.Code {
		diffs = append(diffs, fmt.Sprintf("code %q, want %q", d.Code, c.Code))
	}
	if !strings.Contains(d.Message, c.Contains) {
		diffs = append(diffs, fmt.Sprintf("message %q does not contain %q", d.Message, c.Contains))
	}
	if c.Location != nil && d.Location != *c.Location {
		diffs = append(diffs, fmt.Sprintf("location %q, want %q", d.Location, *c.Location))
	}
	return diffs
}
