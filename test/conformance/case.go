// Package conformance runs the AWS-recorded conformance corpus
// (../shared/conformance beside the repository) through the engine.
package conformance

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Case is one execution case of the corpus.
type Case struct {
	Name       string
	File       string
	Definition jsonval.Value
	Input      jsonval.Value
	MockConfig jsonval.Value // nil when absent
	Expect     Expect
}

// Expect is what AWS recorded.
type Expect struct {
	Status   string
	Output   jsonval.Value
	Error    *string
	Cause    *string
	Ignore   []string
	History  [][2]string // [type, stateName or ""]
	HasHist  bool
	HasError bool
}

// CorpusDir finds ../shared/conformance relative to the repository root,
// or $STEPWISE_CONFORMANCE when set.
func CorpusDir(repoRoot string) string {
	if d := os.Getenv("STEPWISE_CONFORMANCE"); d != "" {
		return d
	}
	return filepath.Join(repoRoot, "..", "shared", "conformance")
}

// LoadCases reads every case file under dir/cases.
func LoadCases(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "cases", "*", "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	cases := make([]Case, 0, len(files))
	for _, f := range files {
		c, err := loadCase(f, dir)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", f, err)
		}
		cases = append(cases, c)
	}
	return cases, nil
}

func loadCase(path, dir string) (Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Case{}, err
	}
	v, err := jsonval.Decode(data)
	if err != nil {
		return Case{}, err
	}
	o, ok := v.(*jsonval.Object)
	if !ok {
		return Case{}, fmt.Errorf("case is not an object")
	}
	rel, _ := filepath.Rel(filepath.Join(dir, "cases"), path)
	c := Case{File: strings.TrimSuffix(rel, ".json")}
	c.Name, _ = get(o, "name").(string)
	c.Definition = get(o, "definition")
	c.Input = get(o, "input")
	c.MockConfig = get(o, "mock_config")
	exp, _ := get(o, "expect").(*jsonval.Object)
	if exp == nil {
		return Case{}, fmt.Errorf("no expect")
	}
	c.Expect.Status, _ = get(exp, "status").(string)
	c.Expect.Output = get(exp, "output")
	if s, ok := get(exp, "error").(string); ok {
		c.Expect.Error = &s
	}
	if s, ok := get(exp, "cause").(string); ok {
		c.Expect.Cause = &s
	}
	if arr, ok := get(exp, "ignore").([]any); ok {
		for _, p := range arr {
			s, _ := p.(string)
			c.Expect.Ignore = append(c.Expect.Ignore, s)
		}
	}
	if arr, ok := get(exp, "history").([]any); ok {
		c.Expect.HasHist = true
		for _, e := range arr {
			pair, _ := e.([]any)
			if len(pair) != 2 {
				return Case{}, fmt.Errorf("bad history entry %s", jsonval.String(e))
			}
			typ, _ := pair[0].(string)
			name, _ := pair[1].(string)
			c.Expect.History = append(c.Expect.History, [2]string{typ, name})
		}
	}
	return c, nil
}

func get(o *jsonval.Object, k string) jsonval.Value {
	v, _ := o.Get(k)
	return v
}
