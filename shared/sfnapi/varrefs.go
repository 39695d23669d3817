package sfnapi

import (
	"encoding/json"
	"sort"
	"strings"
)

// variableReferences lists, per state name, the variables a definition's
// states read, sorted and without duplicates, as DescribeStateMachine's
// variableReferences does. Nil when no state reads any variable.
func variableReferences(definition string) map[string][]string {
	var def map[string]any
	if json.Unmarshal([]byte(definition), &def) != nil {
		return nil
	}
	out := map[string][]string{}
	collectStates(def, out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// collectStates records the references of every state of a States block,
// descending into Map and Parallel states.
func collectStates(block map[string]any, out map[string][]string) {
	states, _ := block["States"].(map[string]any)
	for name, s := range states {
		state, ok := s.(map[string]any)
		if !ok {
			continue
		}
		refs := map[string]bool{}
		for k, v := range state {
			switch k {
			case "Iterator", "ItemProcessor":
				if sub, ok := v.(map[string]any); ok {
					collectStates(sub, out)
				}
			case "Branches":
				branches, _ := v.([]any)
				for _, b := range branches {
					if sub, ok := b.(map[string]any); ok {
						collectStates(sub, out)
					}
				}
			case "Result", "ResultPath":
			default:
				fieldRefs(k, v, isTemplate(k), refs)
			}
		}
		if len(refs) > 0 {
			names := make([]string, 0, len(refs))
			for r := range refs {
				names = append(names, r)
			}
			sort.Strings(names)
			out[name] = names
		}
	}
}

// isTemplate tells the fields holding payload templates, where only
// ".$" keys (and JSONata) are evaluated.
func isTemplate(field string) bool {
	switch field {
	case "Parameters", "ResultSelector", "ItemSelector", "Assign", "Arguments", "Output":
		return true
	}
	return false
}

// fieldRefs collects the variables one field's value reads.
func fieldRefs(key string, v any, template bool, refs map[string]bool) {
	switch v := v.(type) {
	case string:
		switch {
		case strings.HasPrefix(strings.TrimSpace(v), "{%"):
			jsonataRefs(v, refs)
		case strings.HasSuffix(key, ".$"):
			expressionRefs(v, refs)
		case !template && key != "ResultPath" && (strings.HasSuffix(key, "Path") || key == "Variable"):
			expressionRefs(v, refs)
		}
	case map[string]any:
		for k, x := range v {
			fieldRefs(k, x, template, refs)
		}
	case []any:
		for _, x := range v {
			fieldRefs(key, x, template, refs)
		}
	}
}

// expressionRefs reads the variables of a JSONPath path or an intrinsic
// function call: "$name" references outside quoted strings.
func expressionRefs(expr string, refs map[string]bool) {
	quoted := false
	for i := 0; i < len(expr); i++ {
		switch c := expr[i]; {
		case c == '\\' && quoted:
			i++
		case c == '\'':
			quoted = !quoted
		case c == '$' && !quoted:
			if name := identAt(expr, i+1); name != "" {
				refs[name] = true
				i += len(name)
			}
		}
	}
}

// jsonataRefs reads the variables of a JSONata expression: "$name" not
// called as a function, other than $states and the expression's own
// bindings (":=" assignments, function parameters).
func jsonataRefs(expr string, refs map[string]bool) {
	found := map[string]bool{}
	locals := map[string]bool{"states": true}
	scanJSONata(expr, func(name, rest string, inParams bool) {
		switch {
		case inParams || strings.HasPrefix(rest, ":="):
			locals[name] = true
		case !strings.HasPrefix(rest, "("):
			found[name] = true
		}
	})
	for name := range found {
		if !locals[name] {
			refs[name] = true
		}
	}
}

// scanJSONata calls visit for each "$name" outside string literals, with
// the text after it and whether it is a function's parameter.
func scanJSONata(expr string, visit func(name, rest string, inParams bool)) {
	var quote byte
	inParams := false
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == ')':
			inParams = false
		case c == 'f' && strings.HasPrefix(expr[i:], "function") && identAt(expr, i) == "function":
			i += len("function")
			inParams = strings.HasPrefix(strings.TrimLeft(expr[i:], " \t\n"), "(")
		case c == '$':
			name := identAt(expr, i+1)
			if name == "" {
				continue
			}
			i += len(name)
			visit(name, strings.TrimLeft(expr[i+1:], " \t\n"), inParams)
		}
	}
}

// identAt returns the identifier starting at s[i], if any.
func identAt(s string, i int) string {
	j := i
	for j < len(s) && (s[j] == '_' || s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z' || j > i && s[j] >= '0' && s[j] <= '9') {
		j++
	}
	return s[i:j]
}
