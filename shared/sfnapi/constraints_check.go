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
		for _, m := range lookupMembers(doc, c.path) {
			msgs = append(msgs, c.at(m.path).violations(m.value, m.present)...)
		}
	}
	switch len(msgs) {
	case 0:
		return nil
	case 1:
		return errValidation("1 validation error detected: " + msgs[0])
	}
	return errValidation(fmt.Sprintf("%d validation errors detected: %s", len(msgs), strings.Join(msgs, "; ")))
}

// member is one value a constraint path selects, and the path AWS prints
// for it (list items numbered from 1: "routingConfiguration.2.member.weight").
type member struct {
	path    string
	value   any
	present bool
}

// lookupMembers finds the values a dotted constraint path selects. A
// "member" part stands for every item of a list. JSON null is absent. A
// member is only reported (present or not) when the object holding it
// exists: a required member of an optional structure is required only
// when the structure is given.
func lookupMembers(doc map[string]any, path string) []member {
	if doc == nil {
		doc = map[string]any{}
	}
	cur := []member{{value: doc, present: true}}
	for _, part := range strings.Split(path, ".") {
		var next []member
		for _, m := range cur {
			next = append(next, step(m, part)...)
		}
		cur = next
	}
	return cur
}

// step descends one part of a constraint path from a present value.
func step(m member, part string) []member {
	join := func(p string) string {
		if m.path == "" {
			return p
		}
		return m.path + "." + p
	}
	if part == "member" {
		items, _ := m.value.([]any)
		out := make([]member, 0, len(items))
		for i, it := range items {
			out = append(out, member{path: join(fmt.Sprintf("%d.member", i+1)), value: it, present: it != nil})
		}
		return out
	}
	obj, ok := m.value.(map[string]any)
	if !ok {
		return nil
	}
	v, found := obj[part]
	return []member{{path: join(part), value: v, present: found && v != nil}}
}

// at is the constraint as it applies at one printed member path.
func (c constraint) at(path string) constraint {
	c.path = path
	return c
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
		shown := "'" + c.show(v) + "' "
		if c.minLen > 0 && len(v) < c.minLen {
			fail(shown, fmt.Sprintf("have length greater than or equal to %d", c.minLen))
		}
		if c.maxLen > 0 && len(v) > c.maxLen {
			fail(shown, fmt.Sprintf("have length less than or equal to %d", c.maxLen))
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
