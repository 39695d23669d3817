package sfnapi

import (
	"encoding/json"
	"strings"
	"testing"
)

// violation builds a value breaking one constraint and the message part
// AWS answers it with; ok is false when the constraint has nothing to break.
func violation(c constraint) (v any, want string, ok bool) {
	shown := func(s string) string {
		if c.sensitive {
			return "Value at '" + c.path + "'"
		}
		return "Value '" + s + "' at '" + c.path + "'"
	}
	switch {
	case c.enum != nil:
		return "NOPE", shown("NOPE") + " failed to satisfy constraint: Member must satisfy enum value set: [" + strings.Join(c.enum, ", ") + "]", true
	case c.pattern != nil:
		return "123", shown("123") + " failed to satisfy constraint: Member must satisfy regular expression pattern: " + c.pattern.text, true
	case c.path == "routingConfiguration":
		return []any{1, 2, 3}, "Value at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2", true
	case c.maxLen > 0:
		s := strings.Repeat("x", c.maxLen+1)
		return s, shown(s) + " failed to satisfy constraint: Member must have length less than or equal to", true
	case c.max != nil:
		return *c.max + 1, "at '" + c.path + "' failed to satisfy constraint: Member must have value less than or equal to", true
	case c.min != nil:
		return *c.min - 1, "at '" + c.path + "' failed to satisfy constraint: Member must have value greater than or equal to", true
	case c.required:
		return nil, "Value null at '" + c.path + "' failed to satisfy constraint: Member must not be null", true
	}
	return nil, "", false
}

// body puts v at a dotted member path.
func body(path string, v any) []byte {
	doc := map[string]any{}
	cur := doc
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		next := map[string]any{}
		cur[p] = next
		cur = next
	}
	if v != nil {
		cur[parts[len(parts)-1]] = v
	}
	b, _ := json.Marshal(doc)
	return b
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
