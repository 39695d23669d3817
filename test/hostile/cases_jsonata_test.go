package hostile

import (
	"encoding/json"
	"strings"
	"testing"
)

// passJSONata is a JSONata Pass state whose Output is expr, caught or not.
func passJSONata(expr string) string {
	e, _ := json.Marshal("{% " + expr + " %}")
	return `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":` + string(e) + `,"End":true}}}`
}

// Issue 9 items 1 and 6: JSONata that recurses without end or allocates
// gigabytes fails the state with States.QueryEvaluationError; the process
// lives and stays small.
func TestJSONata(t *testing.T) {
	bigArray := `{"a":[` + strings.TrimSuffix(strings.Repeat(`"xxxxxxxx",`, 20_000), ",") + `]}`
	cases := []hostileCase{
		{name: "endless recursion", definition: passJSONata(`($f := function($x){$f($x)}; $f(1))`)},
		{name: "mutual recursion through a combinator", definition: passJSONata(`(function($f){$f($f)})(function($f){$f($f)})`)},
		{name: "map over 10 million", definition: passJSONata(`$join($map([0..9999999], function($v){$string($v)}))`)},
		{name: "range of ranges", definition: passJSONata(`[1..3000].([1..3000])`)},
		{name: "pad to 1e9", definition: passJSONata(`$pad('', 1e9)`)},
		{name: "string doubling", definition: passJSONata(`($s := "0123456789abcdef"; $d := function($x, $n){$n = 0 ? $x : $d($x & $x, $n - 1)}; $length($d($s, 40)))`)},
		{name: "path cross-product over the input", definition: passJSONata(`$count($states.input.a.($states.input.a))`), input: bigArray},
	}
	for i := range cases {
		cases[i].wantStatus, cases[i].wantError, cases[i].maxRSSMiB = "FAILED", "States.QueryEvaluationError", 300
	}
	// A catcher sees the error like any other (here a branch's failure
	// caught by its Parallel): the workflow goes on.
	cases = append(cases, hostileCase{
		name: "recursion caught",
		definition: `{"QueryLanguage":"JSONata","StartAt":"Par","States":{"Par":{"Type":"Parallel",
			"Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass",
				"Output":"{% ($f := function($x){$f($x)}; $f(1)) %}","End":true}}}],"End":true,
			"Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Handled"}]},
			"Handled":{"Type":"Succeed"}}}`,
		wantStatus: "SUCCEEDED", maxRSSMiB: 300,
	})
	runCases(t, cases)
}
