package intrinsic

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// String returns the canonical text of the call: arguments separated by
// ", ", string literals single-quoted. Parse(c.String()) gives an equal Call.
func (c *Call) String() string {
	var b strings.Builder
	c.write(&b)
	return b.String()
}

func (c *Call) write(b *strings.Builder) {
	b.WriteString(c.Name)
	b.WriteByte('(')
	for i, a := range c.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		a.write(b)
	}
	b.WriteByte(')')
}

func (a Arg) write(b *strings.Builder) {
	switch a.Kind {
	case ArgPath:
		b.WriteString(a.Path)
	case ArgCall:
		if a.Call == nil {
			b.WriteString("null")
			return
		}
		a.Call.write(b)
	default:
		a.writeLiteral(b)
	}
}

func (a Arg) writeLiteral(b *strings.Builder) {
	switch v := a.Value.(type) {
	case string:
		b.WriteByte('\'')
		b.WriteString(a.rawText())
		b.WriteByte('\'')
	case jsonval.Number:
		b.WriteString(string(v))
	case bool:
		if v {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	default:
		b.WriteString("null")
	}
}

// rawText is a string literal's text between quotes: as written when parsed,
// otherwise Escape(Value), whose braces act as Format placeholders.
func (a Arg) rawText() string {
	if a.hasRaw {
		return a.raw
	}
	s, _ := a.Value.(string)
	return Escape(s)
}

// Escape escapes s for use inside a single-quoted intrinsic string literal.
// Quotes and backslashes get a backslash; braces are left alone, so "{}"
// stays a States.Format placeholder.
func Escape(s string) string {
	const special = `'\`
	if !strings.ContainsAny(s, special) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(special, s[i]) >= 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// Equal reports whether two calls are structurally the same. The source
// text is ignored; string literals compare by their escaped text, since
// "'{}'" and "'\{\}'" differ as Format templates.
func (c *Call) Equal(o *Call) bool {
	if c == nil || o == nil {
		return c == o
	}
	if c.Name != o.Name || len(c.Args) != len(o.Args) {
		return false
	}
	for i := range c.Args {
		if !c.Args[i].equal(o.Args[i]) {
			return false
		}
	}
	return true
}

func (a Arg) equal(o Arg) bool {
	if a.Kind != o.Kind {
		return false
	}
	switch a.Kind {
	case ArgPath:
		return a.Path == o.Path
	case ArgCall:
		return a.Call.Equal(o.Call)
	}
	switch v := a.Value.(type) {
	case string:
		w, ok := o.Value.(string)
		return ok && v == w && a.rawText() == o.rawText()
	case jsonval.Number:
		w, ok := o.Value.(jsonval.Number)
		return ok && v == w
	case bool:
		w, ok := o.Value.(bool)
		return ok && v == w
	case nil:
		return o.Value == nil
	}
	return false
}
