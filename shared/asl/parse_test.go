package asl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestParse_States(t *testing.T) {
	def := `{
	  "Comment": "c", "StartAt": "A", "TimeoutSeconds": 30, "QueryLanguage": "JSONPath",
	  "States": {
	    "A": {"Type": "Pass", "Result": {"x": 1}, "ResultPath": "$.r", "InputPath": null, "Next": "B"},
	    "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.t",
	          "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}],
	          "Catch": [{"ErrorEquals": ["E"], "Next": "C", "ResultPath": "$.err"}], "Next": "C"},
	    "C": {"Type": "Choice", "Choices": [{"Not": {"Variable": "$.a", "IsPresent": true}, "Next": "D"},
	          {"And": [{"Variable": "$.a", "NumericEqualsPath": "$.b"}], "Next": "E"}], "Default": "E"},
	    "D": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
	          "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}, "End": true},
	    "E": {"Type": "Parallel", "QueryLanguage": "JSONata",
	          "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "X", "Cause": "{% 'y' %}"}}}], "End": true}
	  }}`
	sm, err := Parse([]byte(def))
	if err != nil {
		t.Fatal(err)
	}
	if sm.StartAt != "A" || sm.TimeoutSeconds != 30 || len(sm.Order) != 5 || sm.Order[4] != "E" {
		t.Fatalf("machine: %+v", sm)
	}
	a := sm.States["A"]
	if !a.Result.Set || !a.InputPath.Null || a.ResultPath.Path != "$.r" || a.Next != "B" {
		t.Errorf("A: %+v", a)
	}
	b := sm.States["B"]
	r := b.Retry[0]
	if r.MaxAttempts != 0 || r.IntervalSeconds != 1 || r.BackoffRate != 2 || b.TimeoutPath != "$.t" {
		t.Errorf("B retry defaults: %+v", r)
	}
	if b.Catch[0].Next != "C" || b.Catch[0].ResultPath.Path != "$.err" {
		t.Errorf("B catch: %+v", b.Catch[0])
	}
	c := sm.States["C"]
	if c.Choices[0].Operator != "Not" || c.Choices[0].Children[0].Operator != "IsPresent" {
		t.Errorf("C not: %+v", c.Choices[0])
	}
	if and := c.Choices[1]; and.Operator != "And" || and.Children[0].Operator != "NumericEqualsPath" || and.Children[0].Operand != "$.b" {
		t.Errorf("C and: %+v", and.Children[0])
	}
	d := sm.States["D"]
	if d.Processor == nil || d.Processor.ProcessorMode != "INLINE" || d.ItemsPath.Path != "$.items" {
		t.Errorf("D: %+v", d)
	}
	e := sm.States["E"]
	if e.QueryLanguage != JSONata || e.Branches[0].QueryLanguage != JSONata || e.Branches[0].States["F"].QueryLanguage != JSONata {
		t.Errorf("E query language not inherited")
	}
	if !e.Branches[0].States["F"].IsTerminal() || a.IsTerminal() {
		t.Error("IsTerminal")
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct{ name, def, loc string }{
		{"not json", `{`, ""},
		{"not object", `[]`, "/"},
		{"no states", `{"StartAt":"A"}`, "/"},
		{"state not object", `{"StartAt":"A","States":{"A":1}}`, "/States/A"},
		{"next not string", `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":1}}}`, "/States/A/Next"},
		{"bad ErrorEquals", `{"StartAt":"A","States":{"A":{"Type":"Task","Retry":[{"ErrorEquals":"x"}]}}}`, "/States/A/Retry/0/ErrorEquals"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.def))
			if err == nil {
				t.Fatal("want error")
			}
			if pe, ok := err.(*ParseError); ok && pe.Location != tt.loc {
				t.Errorf("location %q, want %q", pe.Location, tt.loc)
			}
		})
	}
}

// TestParse_Corpus parses every definition AWS accepted in the conformance corpus.
func TestParse_Corpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "conformance", "cases", "*", "*.json"))
	if len(files) == 0 {
		t.Skip("conformance corpus not found beside the repository")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := jsonval.MustDecode(string(data)).(*jsonval.Object)
		def, _ := c.Get("definition")
		if _, err := FromValue(def); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`,
		`{"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"And":[{"Not":{"Variable":"$.x","IsNull":true}}],"Next":"A"}]}}}`,
		`{"StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"StartAt":"X","States":{"X":{"Type":"Succeed"}}},"Retry":[{}],"Catch":[{}],"End":true}}}`,
		`{"States":{"P":{"Type":"Parallel","Branches":[1,{"States":[]}]}}}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sm, err := Parse([]byte(s))
		if err == nil && sm == nil {
			t.Fatal("nil machine without error")
		}
	})
}
