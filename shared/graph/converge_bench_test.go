package graph

import (
	"fmt"
	"strings"
	"testing"
)

// catchDefinition makes n Tasks in a chain, each with a Catch to one Fail
// state: the everyday shape whose edges converge on one far state.
func catchDefinition(n int) string {
	states := make([]string, 0, n+1)
	for i := 0; i < n; i++ {
		next := fmt.Sprintf(`"Next":"T%d"`, i+1)
		if i == n-1 {
			next = `"End":true`
		}
		states = append(states, fmt.Sprintf(`"T%d":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:1:function:f",%s,`+
			`"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Failed"}]}`, i, next))
	}
	states = append(states, `"Failed":{"Type":"Fail","Error":"E"}`)
	return `{"StartAt":"T0","States":{` + strings.Join(states, ",") + `}}`
}

// BenchmarkSVG_Catch60 and BenchmarkSVG_Catch300 lay out n Tasks whose
// Catch edges all reach one Fail state.
func BenchmarkSVG_Catch60(b *testing.B)  { benchmarkSVG(b, catchDefinition(60)) }
func BenchmarkSVG_Catch300(b *testing.B) { benchmarkSVG(b, catchDefinition(300)) }

// BenchmarkSVG_300States lays out the mix of Choices (Default to the Fail
// state), Tasks (Catch to it) and Parallels holding Maps, 300 states.
func BenchmarkSVG_300States(b *testing.B) { benchmarkSVG(b, largeDefinition(300)) }
