package jsonval

import (
	"strings"
	"testing"
)

func TestDepthExceeds(t *testing.T) {
	nested := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	for _, c := range []struct {
		json  string
		limit int
		want  bool
	}{
		{`1`, 0, false},
		{`[]`, 0, true},
		{`[]`, 1, false},
		{`{"a":[1,{"b":2}]}`, 3, false},
		{`{"a":[1,{"b":2}]}`, 2, true},
		{`{"a":[1,{"b":{}}]}`, 3, true},
		{nested(1000), 1000, false},
		{nested(1001), 1000, true},
	} {
		v, err := DecodeString(c.json)
		if err != nil {
			t.Fatal(err)
		}
		if got := DepthExceeds(v, c.limit); got != c.want {
			t.Errorf("DepthExceeds(%.40s, %d) = %v, want %v", c.json, c.limit, got, c.want)
		}
	}
}

func TestTextDepth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{{`1`, 0}, {`{"a":"[[[{{"}`, 1}, {`[[],[[{"b":"\"]"}]]]`, 4}, {`"\\"`, 0}, {`["\\",[]]`, 2}} {
		if got := TextDepth([]byte(c.in)); got != c.want {
			t.Errorf("TextDepth(%s) = %d, want %d", c.in, got, c.want)
		}
	}
}
