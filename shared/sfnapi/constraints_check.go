package sfnapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxExecutionsToken is ListExecutions' longer nextToken limit.
const maxExecutionsToken = 3096

// checkMembers applies the operation's constraints to a request body and
// returns AWS's ValidationException listing every violation, or nil. A
// body that is not a JSON object, and members of the wrong type, are left
// to decoding, which answers them with SerializationException.
func checkMembers(op string, body []byte) error {
	cs := constraints[op]
	if len(cs) == 0 {
		return nil
	}
	var doc map[string]any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if len(bytes.TrimSpace(body)) > 0 && dec.Decode(&doc) != nil {
		return nil
	}
	var msgs []string
	for _, c := range cs {
		v, present := lookupMember(doc, c.path)
		msgs = append(msgs, c.violations(v, present)...)
	}
	switch len(msgs) {
	case 0:
		return nil
	case 1:
		return errValidation("1 validation error detected: " + msgs[0])
	}
	return errValidation(fmt.Sprintf("%d validation errors detected: %s", len(msgs), strings.Join(msgs, "; ")))
}

// lookupMember finds a member by its dotted path; JSON null is absent.
func lookupMember(doc map[string]any, path string) (any, bool) {
	var cur any = doc
	for _, part := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = obj[part]; !ok || cur == nil {
			return nil, false
		}
	}
	return cur, true
}

// violations lists what is wrong with one member's value.
func (c constraint) violations(v any, present bool) []string {
	if !present {
		if c.required {
			return []string{fmt.Sprintf("Value null at '%s' failed to satisfy constraint: Member must not be null", c.path)}
		}
		return nil
	}
	var out []string
	fail := func(shown, rule string) {
		out = append(out, fmt.Sprintf("Value %sat '%s' failed to satisfy constraint: Member must %s", shown, c.path, rule))
	}
	switch v := v.(type) {
	case string:
		shown := "'" + v + "' "
		if c.sensitive {
			shown = ""
		}
		length := utf8.RuneCountInString(v)
		if c.minLen > 0 && length < c.minLen {
			fail(shown, fmt.Sprintf("have length greater than or equal to %d", c.minLen))
		}
		if c.maxLen > 0 && length > c.maxLen {
			fail(shown, fmt.Sprintf("have length less than or equal to %d", c.maxLen))
		}
		if c.pattern != nil && !c.pattern.match(v) {
			fail(shown, "satisfy regular expression pattern: "+c.pattern.text)
		}
		if c.enum != nil && !contains(c.enum, v) {
			fail(shown, "satisfy enum value set: ["+strings.Join(c.enum, ", ")+"]")
		}
	case []any:
		if c.minLen > 0 && len(v) < c.minLen {
			fail("", fmt.Sprintf("have length greater than or equal to %d", c.minLen))
		}
		if c.maxLen > 0 && len(v) > c.maxLen {
			fail("", fmt.Sprintf("have length less than or equal to %d", c.maxLen))
		}
	case json.Number:
		f, err := v.Float64()
		if err != nil {
			return nil
		}
		shown := "'" + v.String() + "' "
		if c.min != nil && f < float64(*c.min) {
			fail(shown, fmt.Sprintf("have value greater than or equal to %d", *c.min))
		}
		if c.max != nil && f > float64(*c.max) {
			fail(shown, fmt.Sprintf("have value less than or equal to %d", *c.max))
		}
	}
	return out
}

func contains(set []string, s string) bool {
	for _, x := range set {
		if x == s {
			return true
		}
	}
	return false
}
