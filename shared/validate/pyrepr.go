package validate

import (
	"fmt"
	"strings"
	"unicode"
)

// PyRepr writes s as Python 3's repr() of a str does. Some of AWS's
// definition errors come from a Python component and quote their arguments
// this way, e.g. Error=ValueError Args=['Label cannot be empty'].
func PyRepr(s string) string {
	quote := '\''
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		quote = '"'
	}
	var b strings.Builder
	b.WriteRune(quote)
	for _, r := range s {
		b.WriteString(pyEscape(r, quote))
	}
	b.WriteRune(quote)
	return b.String()
}

// pyEscape is one character of a Python repr quoted with quote.
func pyEscape(r, quote rune) string {
	switch {
	case r == quote || r == '\\':
		return `\` + string(r)
	case r == '\t':
		return `\t`
	case r == '\n':
		return `\n`
	case r == '\r':
		return `\r`
	case r < ' ' || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case r < 0x7f || unicode.IsPrint(r):
		// Go's IsPrint is Python's isprintable: not a control, format,
		// surrogate, private-use, unassigned or separator character, but space.
		return string(r)
	case r <= 0xff:
		return fmt.Sprintf(`\x%02x`, r)
	case r <= 0xffff:
		return fmt.Sprintf(`\u%04x`, r)
	}
	return fmt.Sprintf(`\U%08x`, r)
}
