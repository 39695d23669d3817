package hostile

import (
	"strings"
	"testing"
)

// chainA is {"a":{"a":…1…}} nested depth times.
func chainA(depth int) string {
	return strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
}

// deepInput raises the nesting quota (1,000 levels) to take chainA(2000).
var deepInput = []string{"--limits", "json-depth=2000"}

// Issue 9 items 2 and 3: exponential StringMatches and unbounded JSONPath
// deep-scan chains.
func TestPathsAndPatterns(t *testing.T) {
	runCases(t, []hostileCase{
		{
			name: "StringMatches backtracking pattern",
			definition: `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
				{"Variable":"$.s","StringMatches":"` + strings.Repeat("*a", 12) + `*b","Next":"Yes"}],
				"Default":"No"},"Yes":{"Type":"Succeed"},"No":{"Type":"Fail","Error":"NoMatch"}}}`,
			input:      `{"s":"` + strings.Repeat("a", 40) + `"}`,
			wantStatus: "FAILED", wantError: "NoMatch",
			maxRSSMiB: 100,
		},
		{
			name: "JSONPath deep-scan chain over 900 levels",
			definition: `{"StartAt":"P","States":{"P":{"Type":"Pass",
				"Parameters":{"x.$":"$..a..a..a..a..a..a"},"End":true}}}`,
			input:      chainA(900), // deeper input is refused by the json-depth quota
			args:       deepInput,
			wantStatus: "FAILED", wantError: "States.Runtime",
			maxRSSMiB: 200,
		},
		{
			name: "JSONPath deep-scan chain in a Choice",
			definition: `{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
				{"Variable":"$..a..a..a..a","IsPresent":true,"Next":"S"}],"Default":"S"},
				"S":{"Type":"Succeed"}}}`,
			input:      chainA(900), // deeper input is refused by the json-depth quota
			args:       deepInput,
			wantStatus: "FAILED", wantError: "States.Runtime",
			maxRSSMiB: 200,
		},
	})
}
