package intrinsic

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func BenchmarkFormat(b *testing.B) {
	c, err := Parse("States.Format('Hello {}, you are {} and live at {}.', $.name, $.age, $.address)")
	if err != nil {
		b.Fatal(err)
	}
	env := testEnv(jsonval.MustDecode(`{"name":"Arnav","age":42,"address":{"city":"Paris","zip":"75001"}}`))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Eval(env); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParse(b *testing.B) {
	const s = "States.ArrayGetItem(States.StringSplit(States.Format('{}-{}', $.a, $['b c']), '-'), 0)"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(s); err != nil {
			b.Fatal(err)
		}
	}
}
