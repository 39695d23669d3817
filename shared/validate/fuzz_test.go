package validate

import (
	"reflect"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

var fuzzSeeds = []string{
	``, `{}`, `[]`, `null`, `"x"`, `{"StartAt":1}`,
	one(`{"Type":"Pass","End":true}`),
	one(`{"Type":"Choice","Choices":[{"And":[{"Variable":"$.a","IsNull":true}],"Next":"E"}],"Default":"E"}`, endPass),
	one(`{"Type":"Map","End":true,"Label":"l","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"X","States":{"X":{"Type":"Wait","Seconds":1,"End":true}}}}`),
	one(`{"Type":"Parallel","End":true,"Branches":[{"StartAt":"X","States":{"X":{"Type":"Fail","ErrorPath":"States.Format('{}', $.e)"}}}]}`),
	one(`{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken","End":true,"Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["X"],"Next":"S"}],"Credentials":{"RoleArn":"r"}}`),
	jsonata(`{"Type":"Wait","Timestamp":"{% $x %}","End":true,"Assign":{"a":"{% 1 %}"}}`),
}

// checkInvariants asserts what must hold for any input: no panic (implicit),
// well-formed diagnostics, errors before warnings, determinism, and
// InvalidDefinitionMessage agreeing with HasErrors.
func checkInvariants(t *testing.T, def []byte, opts Options) {
	t.Helper()
	ds := Definition(def, opts)
	seenWarning := false
	for _, d := range ds {
		if d.Code == "" || d.Message == "" || (d.Severity != SeverityError && d.Severity != SeverityWarning) {
			t.Fatalf("malformed diagnostic %+v for %q", d, def)
		}
		if d.Severity == SeverityWarning {
			seenWarning = true
		} else if seenWarning {
			t.Fatalf("error after warning in %v", ds)
		}
	}
	if HasErrors(ds) != (InvalidDefinitionMessage("", ds) != "") {
		t.Fatalf("HasErrors and InvalidDefinitionMessage disagree on %v", ds)
	}
	if again := Definition(def, opts); !reflect.DeepEqual(again, ds) {
		t.Fatalf("nondeterministic result for %q", def)
	}
}

func FuzzDefinition(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, def []byte, express bool) {
		opts := Options{}
		if express {
			opts.Type = "EXPRESS"
		}
		checkInvariants(t, def, opts)
	})
}

// TestDefinition_TreeMutations removes every field of the seed definitions
// and replaces every value by each JSON type, checking the invariants on
// every variant: a structured complement to the byte-level fuzzer.
func TestDefinition_TreeMutations(t *testing.T) {
	replacements := []jsonval.Value{nil, true, jsonval.Number("-1"), jsonval.Number("1.5"), "", "$", "{% %}",
		[]any{}, []any{jsonval.NewObject(0)}, jsonval.NewObject(0)}
	n := 0
	for _, seed := range fuzzSeeds[6:] {
		root := jsonval.MustDecode(seed)
		for _, variant := range mutations(root, replacements) {
			checkInvariants(t, jsonval.Marshal(variant), Options{})
			checkInvariants(t, jsonval.Marshal(variant), Options{Type: "EXPRESS"})
			n++
		}
	}
	if n < 500 {
		t.Errorf("only %d mutations generated", n)
	}
}

// mutations returns copies of v with one field deleted or one value replaced.
func mutations(v jsonval.Value, repl []jsonval.Value) []jsonval.Value {
	var out []jsonval.Value
	out = append(out, repl...)
	switch x := v.(type) {
	case *jsonval.Object:
		for _, k := range x.Keys() {
			del := x.Clone()
			del.Delete(k)
			out = append(out, del)
			child, _ := x.Get(k)
			for _, m := range mutations(child, repl) {
				c := x.Clone()
				c.Set(k, m)
				out = append(out, c)
			}
		}
	case []any:
		for i, e := range x {
			for _, m := range mutations(e, repl) {
				c := append([]any(nil), x...)
				c[i] = m
				out = append(out, c)
			}
		}
	}
	return out
}
