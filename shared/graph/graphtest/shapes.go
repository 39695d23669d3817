// Package graphtest makes large definitions of the shapes the graph and
// console tests lay out and measure, so that both draw the same ones.
package graphtest

import (
	"fmt"
	"strings"
)

const taskResource = `"Resource":"arn:aws:lambda:us-east-1:1:function:f"`

// Chain is n states in a chain, as a big workflow has: every tenth a
// Choice that may skip one, every 25th (from the 5th) a Parallel of two
// one-state branches.
func Chain(n int) string {
	name := func(i int) string { return fmt.Sprintf("Step%03d", i) }
	states := make([]string, 0, n)
	for i := 0; i < n; i++ {
		next := fmt.Sprintf(`"Next":%q`, name(i+1))
		if i == n-1 {
			next = `"End":true`
		}
		s := fmt.Sprintf(`{"Type":"Pass",%s}`, next)
		switch {
		case i%25 == 5 && i < n-1:
			br := func(side string) string {
				return fmt.Sprintf(`{"StartAt":"%[1]s","States":{"%[1]s":{"Type":"Pass","End":true}}}`, name(i)+side)
			}
			s = fmt.Sprintf(`{"Type":"Parallel","Branches":[%s,%s],%s}`, br("L"), br("R"), next)
		case i%10 == 0 && i < n-2:
			s = fmt.Sprintf(`{"Type":"Choice","Choices":[{"Variable":"$.x","NumericEquals":%d,"Next":%q}],"Default":%q}`, i, name(i+2), name(i+1))
		}
		states = append(states, fmt.Sprintf("%q:%s", name(i), s))
	}
	return fmt.Sprintf(`{"StartAt":%q,"States":{%s}}`, name(0), strings.Join(states, ","))
}

// Catches is n Tasks in a chain, each with a Catch to one Fail state: the
// everyday shape whose edges converge on one far state.
func Catches(n int) string {
	return `{"StartAt":"T0","States":{` + CatchingTasks("T", n, "Failed") + `,"Failed":{"Type":"Fail","Error":"E"}}}`
}

// CatchingTasks is the States members of n Tasks in a chain (prefix0 to
// prefix(n-1), the last one ending), each with a Catch to handler.
func CatchingTasks(prefix string, n int, handler string) string {
	states := make([]string, 0, n)
	for i := 0; i < n; i++ {
		next := fmt.Sprintf(`"Next":"%s%d"`, prefix, i+1)
		if i == n-1 {
			next = `"End":true`
		}
		states = append(states, fmt.Sprintf(`"%s%d":{"Type":"Task",%s,%s,"Catch":[{"ErrorEquals":["States.ALL"],"Next":%q}]}`,
			prefix, i, taskResource, next, handler))
	}
	return strings.Join(states, ",")
}

// Nested is about n states, nested three deep: a chain of Choice (Default
// to the Fail state), Task (Catch to it) and Pass states, with every tenth
// a Parallel whose two branches each hold a Map of a two-state chain.
func Nested(n int) string {
	var states []string
	for i, count := 0, 0; count < n; i++ {
		last := count+12 >= n
		next := fmt.Sprintf(`"Next":"S%d"`, i+1)
		if last {
			next = `"End":true`
		}
		switch {
		case i%10 == 9:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Parallel",%s,"Branches":[%s,%s]}`, i, next, mapBranch(i, 0), mapBranch(i, 1)))
			count += 7
		case i%3 == 0 && !last: // a Choice cannot end the machine
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":%d,%s}],"Default":"Fail"}`, i, i, next))
			count++
		case i%3 == 1:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Task",%s,%s,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Fail"}]}`, i, taskResource, next))
			count++
		default:
			states = append(states, fmt.Sprintf(`"S%d":{"Type":"Pass",%s}`, i, next))
			count++
		}
		if last {
			break
		}
	}
	states = append(states, `"Fail":{"Type":"Fail","Error":"E"}`)
	return `{"StartAt":"S0","States":{` + strings.Join(states, ",") + `}}`
}

// mapBranch is Parallel i's branch b: a Map whose processor is a chain of
// two Pass states.
func mapBranch(i, b int) string {
	return fmt.Sprintf(`{"StartAt":"M%[1]d_%[2]d","States":{"M%[1]d_%[2]d":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"I%[1]d_%[2]d_0","States":{`+
		`"I%[1]d_%[2]d_0":{"Type":"Pass","Next":"I%[1]d_%[2]d_1"},"I%[1]d_%[2]d_1":{"Type":"Pass","End":true}}}}}}`, i, b)
}
