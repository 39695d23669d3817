package sfnapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// violation builds a value breaking one constraint and the message part
// AWS answers it with; ok is false when the constraint has nothing to break.
func violation(c constraint) (v any, want string, ok bool) {
	// A member inside a list is printed with the item's 1-based index.
	path := strings.ReplaceAll(c.path, ".member", ".1.member")
	shown := func(s string) string {
		if c.sensitive {
			return "Value at '" + path + "'"
		}
		return "Value '" + s + "' at '" + path + "'"
	}
	switch {
	case c.enum != nil:
		return "NOPE", shown("NOPE") + " failed to satisfy constraint: Member must satisfy enum value set: [" + strings.Join(c.enum, ", ") + "]", true
	case c.pattern != nil:
		bad := breaking(c.pattern)
		return bad, shown(bad) + " failed to satisfy constraint: Member must satisfy regular expression pattern: " + c.pattern.text, true
	case c.path == "routingConfiguration":
		return []any{1, 2, 3}, "Value '[1, 2, 3]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2", true
	case c.maxLen > 0:
		s := strings.Repeat("x", c.maxLen+1)
		return s, shown(s) + " failed to satisfy constraint: Member must have length less than or equal to", true
	case c.max != nil:
		return *c.max + 1, "at '" + path + "' failed to satisfy constraint: Member must have value less than or equal to", true
	case c.min != nil:
		return *c.min - 1, "at '" + path + "' failed to satisfy constraint: Member must have value greater than or equal to", true
	case c.required:
		return nil, "Value null at '" + path + "' failed to satisfy constraint: Member must not be null", true
	}
	return nil, "", false
}

// breaking is a value a pattern rejects.
func breaking(p *pattern) string {
	for _, s := range []string{"123", "a b", "é"} {
		if !p.match(s) {
			return s
		}
	}
	panic("no value breaks " + p.text)
}

// body puts v at a dotted member path; a "member" part is a list of one.
func body(path string, v any) []byte {
	b, _ := json.Marshal(nest(strings.Split(path, "."), v))
	return b
}

func nest(parts []string, v any) any {
	if len(parts) == 0 {
		return v
	}
	inner := nest(parts[1:], v)
	if parts[0] == "member" {
		return []any{inner}
	}
	if inner == nil {
		return map[string]any{}
	}
	return map[string]any{parts[0]: inner}
}

func TestCheckMembers_OneViolationPerConstrainedMember(t *testing.T) {
	for op, cs := range constraints {
		for _, c := range cs {
			v, want, ok := violation(c)
			if !ok {
				continue
			}
			t.Run(op+"/"+c.path, func(t *testing.T) {
				err := checkMembers(op, body(c.path, v))
				e, isAPI := err.(*Error)
				if !isAPI || e.Code != CodeValidation || !strings.Contains(e.Message, want) {
					t.Fatalf("got %v\nwant ValidationException containing %q", err, want)
				}
				if !strings.Contains(e.Message, "validation error") {
					t.Fatalf("message %q lacks AWS's header", e.Message)
				}
			})
		}
	}
}

func TestCheckMembers_Messages(t *testing.T) {
	tests := []struct {
		op, body, want string
	}{
		{"ListExecutions", `{"stateMachineArn":"arn:aws:states:us-east-1:1:stateMachine:s","statusFilter":"succeeded"}`,
			"1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]"},
		{"ListStateMachines", `{"maxResults":1001}`,
			"1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000"},
		{"CreateStateMachine", `{}`,
			"3 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'definition' failed to satisfy constraint: Member must not be null; Value null at 'roleArn' failed to satisfy constraint: Member must not be null"},
		{"StopExecution", `{"executionArn":"a","error":"` + strings.Repeat("e", 257) + `"}`,
			"1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256"},
		// Recorded from AWS (test_sfn_api_aliasing): a list printed as the
		// service's toString, a list item's member numbered from 1.
		{"CreateStateMachineAlias", `{"name":"a","routingConfiguration":[{"stateMachineVersionArn":"arn:v:1","weight":50},{"stateMachineVersionArn":"arn:v:2","weight":30},{"stateMachineVersionArn":"arn:v:3","weight":20}]}`,
			"1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn=arn:v:1, weight=50), RoutingConfigurationListItem(stateMachineVersionArn=arn:v:2, weight=30), RoutingConfigurationListItem(stateMachineVersionArn=arn:v:3, weight=20)]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2"},
		{"CreateStateMachineAlias", `{"name":"a","routingConfiguration":[{"stateMachineVersionArn":"arn:v:1","weight":101}]}`,
			"1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"CreateStateMachineAlias", `{"name":"123","routingConfiguration":[{"stateMachineVersionArn":"arn:v:1","weight":100}]}`,
			`1 validation error detected: Value '123' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`},
		// A required member of an optional structure, only when it is given.
		{"CreateActivity", `{"name":"a","encryptionConfiguration":{}}`,
			"1 validation error detected: Value null at 'encryptionConfiguration.type' failed to satisfy constraint: Member must not be null"},
		{"CreateActivity", `{"name":"a"}`, ""},
		{"TagResource", `{"resourceArn":"a","tags":[{"key":"k","value":"v"},{"key":""}]}`,
			"1 validation error detected: Value '' at 'tags.2.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"RedriveExecution", `{"executionArn":"a","clientToken":"a b"}`,
			"1 validation error detected: Value 'a b' at 'clientToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [!-~]+"},
		{"ListStateMachines", `{"maxResults":10}`, ""},
		{"ListStateMachines", `not json`, ""}, // left to decoding
	}
	for _, tc := range tests {
		err := checkMembers(tc.op, []byte(tc.body))
		got := ""
		if err != nil {
			got = err.(*Error).Message
		}
		if got != tc.want {
			t.Errorf("%s %s:\n got %q\nwant %q", tc.op, tc.body, got, tc.want)
		}
	}
}
