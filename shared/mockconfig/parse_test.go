package mockconfig

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// cfg builds a config with one state machine "SM", test case "T" mapping
// state "S" to mock "M", whose body is mockBody.
func cfg(mockBody string) string {
	return `{"StateMachines":{"SM":{"TestCases":{"T":{"S":"M"}}}},"MockedResponses":{"M":` + mockBody + `}}`
}

func TestParse_Invalid(t *testing.T) {
	tests := []struct {
		name, src, wantErr string
	}{
		{"not JSON", `{`, "invalid JSON"},
		{"top not object", `[]`, "mock config must be an object, got array"},
		{"unknown top field", `{"StateMachines":{},"MockedResponses":{},"Extra":1}`, `unknown field "Extra"`},
		{"misspelt MockedResponse", `{"StateMachines":{},"MockedResponse":{}}`, `unknown field "MockedResponse"`},
		{"missing StateMachines", `{"MockedResponses":{}}`, `missing field "StateMachines"`},
		{"missing MockedResponses", `{"StateMachines":{}}`, `missing field "MockedResponses"`},
		{"StateMachines not object", `{"StateMachines":[],"MockedResponses":{}}`, "StateMachines must be an object, got array"},
		{"machine not object", `{"StateMachines":{"SM":1},"MockedResponses":{}}`, `StateMachines["SM"] must be an object, got number`},
		{"machine missing TestCases", `{"StateMachines":{"SM":{}},"MockedResponses":{}}`, `StateMachines["SM"]: missing field "TestCases"`},
		{"machine extra field", `{"StateMachines":{"SM":{"TestCases":{},"X":1}},"MockedResponses":{}}`, `unknown field "X"`},
		{"TestCases not object", `{"StateMachines":{"SM":{"TestCases":"x"}},"MockedResponses":{}}`, `TestCases must be an object, got string`},
		{"test case not object", `{"StateMachines":{"SM":{"TestCases":{"T":null}}},"MockedResponses":{}}`, `TestCases["T"] must be an object, got null`},
		{"mock name not string", `{"StateMachines":{"SM":{"TestCases":{"T":{"S":{}}}}},"MockedResponses":{}}`, `["S"]: mocked response name must be a string, got object`},
		{"unknown mock name", `{"StateMachines":{"SM":{"TestCases":{"T":{"S":"Nope"}}}},"MockedResponses":{}}`, `mocked response "Nope" is not defined in MockedResponses`},
		{"MockedResponses not object", `{"StateMachines":{},"MockedResponses":1}`, "MockedResponses must be an object, got number"},
		{"mock not object", cfg(`[]`), `MockedResponses["M"] must be an object, got array`},
		{"mock empty", cfg(`{}`), "needs at least one invocation entry"},
		{"key not number", cfg(`{"first":{"Return":1}}`), `invalid invocation key "first"`},
		{"key negative", cfg(`{"-1":{"Return":1}}`), `invalid invocation key "-1"`},
		{"key signed", cfg(`{"+0":{"Return":1}}`), `invalid invocation key "+0"`},
		{"key spaces", cfg(`{" 0":{"Return":1}}`), `invalid invocation key " 0"`},
		{"key open range", cfg(`{"0-":{"Return":1}}`), `invalid invocation key "0-"`},
		{"key three parts", cfg(`{"0-1-2":{"Return":1}}`), `invalid invocation key "0-1-2"`},
		{"key reversed range", cfg(`{"2-1":{"Return":1}}`), "range end is before its start"},
		{"key too large", cfg(`{"0-99999999999":{"Return":1}}`), "is too large"},
		{"not from zero", cfg(`{"1":{"Return":1}}`), "no response for invocation 0 "},
		{"gap", cfg(`{"0":{"Return":1},"3":{"Return":1}}`), "no response for invocation 1-2 "},
		{"duplicate via range", cfg(`{"0-1":{"Return":1},"1":{"Return":1}}`), "invocation 1 is given more than once"},
		{"duplicate key text", cfg(`{"0":{"Return":1},"00":{"Return":1}}`), "invocation 0 is given more than once"},
		{"entry not object", cfg(`{"0":"x"}`), `MockedResponses["M"]["0"] must be an object, got string`},
		{"entry empty", cfg(`{"0":{}}`), `needs a "Return" or a "Throw" field`},
		{"entry both", cfg(`{"0":{"Return":1,"Throw":{"Error":"E"}}}`), `has both "Return" and "Throw"`},
		{"entry extra", cfg(`{"0":{"Return":1,"Delay":3}}`), `unknown field "Delay"`},
		{"throw not object", cfg(`{"0":{"Throw":"E"}}`), `["0"].Throw must be an object, got string`},
		{"throw error not string", cfg(`{"0":{"Throw":{"Error":1}}}`), `.Throw.Error must be a string, got number`},
		{"throw cause not string", cfg(`{"0":{"Throw":{"Error":"E","Cause":{}}}}`), `.Throw.Cause must be a string, got object`},
		{"throw extra", cfg(`{"0":{"Throw":{"Error":"E","Message":"m"}}}`), `unknown field "Message"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded (%v), want error containing %q", c, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "mockconfig: ") {
				t.Errorf("error %q, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestParse_Valid(t *testing.T) {
	type inv struct {
		n                int
		ret              string // compact JSON of Return; ignored when throw
		throw            bool
		err, cause       string
		hasErr, hasCause bool
	}
	tests := []struct {
		name string
		mock string
		want []inv
	}{
		{"keys in any order", `{"2":{"Return":"c"},"0-1":{"Return":"a"}}`,
			[]inv{{n: 0, ret: `"a"`}, {n: 1, ret: `"a"`}, {n: 2, ret: `"c"`}}},
		{"leading zero key", `{"00":{"Return":1},"01-02":{"Return":2}}`,
			[]inv{{n: 0, ret: `1`}, {n: 1, ret: `2`}, {n: 2, ret: `2`}}},
		{"single-value range", `{"0-0":{"Return":true}}`, []inv{{n: 0, ret: `true`}}},
		{"return scalars", `{"0":{"Return":null},"1":{"Return":"s"},"2":{"Return":[1,2]}}`,
			[]inv{{n: 0, ret: `null`}, {n: 1, ret: `"s"`}, {n: 2, ret: `[1,2]`}}},
		{"exact numbers and key order kept", `{"0":{"Return":{"z":1.50,"a":1e400,"m":12345678901234567890}}}`,
			[]inv{{n: 0, ret: `{"z":1.50,"a":1e400,"m":12345678901234567890}`}}},
		{"throw full", `{"0":{"Throw":{"Error":"E","Cause":"C"}}}`,
			[]inv{{n: 0, throw: true, err: "E", cause: "C", hasErr: true, hasCause: true}}},
		{"throw without cause", `{"0":{"Throw":{"Error":"States.Timeout"}}}`,
			[]inv{{n: 0, throw: true, err: "States.Timeout", hasErr: true}}},
		{"throw empty", `{"0":{"Throw":{}}}`, []inv{{n: 0, throw: true}}},
		{"throw empty strings", `{"0":{"Throw":{"Error":"","Cause":""}}}`,
			[]inv{{n: 0, throw: true, hasErr: true, hasCause: true}}},
		{"large range", `{"0-2147483646":{"Return":0}}`, []inv{{n: 2147483646, ret: `0`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tc, err := mustParse(t, cfg(tt.mock)).TestCase("SM", "T")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				r, err := tc.Response("S", w.n)
				if err != nil {
					t.Fatalf("#%d: %v", w.n, err)
				}
				if w.throw {
					want := Throw{Error: w.err, Cause: w.cause, HasError: w.hasErr, HasCause: w.hasCause}
					if r.Throw == nil || *r.Throw != want || r.Return != nil {
						t.Errorf("#%d: got %+v / %+v, want Throw %+v", w.n, r, r.Throw, want)
					}
					continue
				}
				if r.Throw != nil || jsonval.String(r.Return) != w.ret {
					t.Errorf("#%d: got Return %s Throw %+v, want %s", w.n, jsonval.String(r.Return), r.Throw, w.ret)
				}
			}
		})
	}
}

func TestParse_EmptyTestCase(t *testing.T) {
	c := mustParse(t, `{"StateMachines":{"Case":{"TestCases":{"Default":{}}}},"MockedResponses":{}}`)
	tc, err := c.TestCase("Case", "Default")
	if err != nil {
		t.Fatal(err)
	}
	if tc.Mocked("Any") || len(tc.States()) != 0 {
		t.Errorf("empty test case mocks %v", tc.States())
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(docExample))
	f.Add([]byte(cfg(`{"0-1":{"Return":1},"2":{"Throw":{}}}`)))
	f.Add([]byte(cfg(`{"1":{"Return":1}}`)))
	f.Add([]byte(`{"StateMachines":{"A":{"TestCases":{"B":{}}}},"MockedResponses":{}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		// Every state of every test case must answer for all its mocked
		// invocations and fail cleanly just past them.
		for _, sm := range c.StateMachines() {
			names, _ := c.TestCases(sm)
			for _, name := range names {
				tc, err := c.TestCase(sm, name)
				if err != nil {
					t.Fatalf("listed test case %q/%q not found: %v", sm, name, err)
				}
				for _, st := range tc.States() {
					n := tc.Invocations(st)
					if _, err := tc.Response(st, n-1); err != nil {
						t.Fatalf("last invocation %d of %q: %v", n-1, st, err)
					}
					if _, err := tc.Response(st, n); err == nil {
						t.Fatalf("invocation %d of %q past the end answered", n, st)
					}
				}
			}
		}
	})
}
