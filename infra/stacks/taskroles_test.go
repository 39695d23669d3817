package stacks

import (
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
)

var (
	customTaskRoles = []string{
		"arn:aws:iam::444455556666:role/cross",
		"arn:aws:iam::123456789012:role/stepwise/task-*",
	}
	customTestStateRoles = []string{"arn:aws:iam::123456789012:role/StepFunctions-*"}
)

func TestCheckTaskRole(t *testing.T) {
	tests := []struct {
		entry    string
		allowAll bool
		want     string // "" or the error's start
	}{
		{"arn:aws:iam::444455556666:role/cross", false, ""},
		{"arn:aws:iam::444455556666:role/team/etl-?", false, ""},
		{"arn:aws-cn:iam::444455556666:role/cross", false, ""},
		{"arn:aws:iam::444455556666:role/*", false, `"arn:aws:iam::444455556666:role/*" allows every role of an account`},
		{"arn:aws:iam::444455556666:role/*/*", false, `"arn:aws:iam::444455556666:role/*/*" allows every role`},
		{"arn:aws:iam::*:role/cross", false, `"arn:aws:iam::*:role/cross" allows every role of an account or roles of every account`},
		{"arn:aws:iam::*:role/cross", true, ""},
		{"*", false, `"*" allows every role: name the roles`},
		{"*", true, ""},
		{"arn:aws:iam::444455556666:user/bob", false, `"arn:aws:iam::444455556666:user/bob": want arn:<partition>:iam::<account>:role/<name>`},
		{"arn:aws:lambda:us-east-1:444455556666:function:f", false, `"arn:aws:lambda`},
		{"cross", false, `"cross": want`},
	}
	for _, tt := range tests {
		got := ""
		if err := checkTaskRole(tt.entry, tt.allowAll); err != nil {
			got = err.Error()
		}
		if (tt.want == "") != (got == "") || !strings.HasPrefix(got, tt.want) {
			t.Errorf("checkTaskRole(%q, %v) = %q, want %q", tt.entry, tt.allowAll, got, tt.want)
		}
	}
	ctx := map[string]any{CtxTaskRoles: "arn:aws:iam::444455556666:role/a, arn:aws:iam::444455556666:role/*"}
	if _, err := SettingsFromContext(func(k string) any { return ctx[k] }); err == nil || !strings.Contains(err.Error(), `taskRoles: "arn:aws:iam::444455556666:role/*" allows`) {
		t.Errorf("err = %v", err)
	}
	ctx = map[string]any{CtxTaskRoles: []any{"arn:aws:iam::444455556666:role/a"}, CtxTestStateRoles: "arn:aws:iam::444455556666:role/t"}
	if s, err := SettingsFromContext(func(k string) any { return ctx[k] }); err != nil || jsonOf(s.TaskRoles) != `["arn:aws:iam::444455556666:role/a"]` ||
		jsonOf(s.TestStateRoles) != `["arn:aws:iam::444455556666:role/t"]` {
		t.Errorf("settings %v %v, %v", s.TaskRoles, s.TestStateRoles, err)
	}
	ctx = map[string]any{CtxTestStateRoles: "*"}
	if _, err := SettingsFromContext(func(k string) any { return ctx[k] }); err == nil || !strings.Contains(err.Error(), `testStateRoles: "*" allows every role`) {
		t.Errorf("testStateRoles *: err = %v", err)
	}
}

// TestServiceStack_TaskRoles: the stepper and the API function may assume
// exactly the taskRoles, the API function also the testStateRoles (for
// TestState's roleArn), and nothing else may be assumed; without the keys
// neither may assume any role. The role ARNs are outputs, for the roles'
// trust policies.
func TestServiceStack_TaskRoles(t *testing.T) {
	for variant, wantStepper := range map[string][]string{"default": nil, "custom": customTaskRoles} {
		want := map[string][]string{"stepper": append([]string(nil), wantStepper...)}
		if variant == "custom" {
			want["api"] = append(append([]string(nil), customTaskRoles...), customTestStateRoles...)
		}
		got := map[string][]string{}
		tmpl := templates(t, variant)
		for _, p := range resourcesOfType(tmpl.svcJSON, "AWS::IAM::Policy") {
			owner := "api"
			if strings.Contains(jsonOf(p["Properties"].(map[string]any)["Roles"]), "stepperRole") {
				owner = "stepper"
			}
			for _, st := range statements(p) {
				acts := jsonOf(st["Action"])
				if !strings.Contains(acts, "sts:") {
					continue
				}
				if acts != `"sts:AssumeRole"` {
					t.Errorf("%s: %s may %s", variant, owner, acts)
				}
				for _, r := range asList(st["Resource"]) {
					got[owner] = append(got[owner], flatJoin(r))
				}
			}
		}
		for _, owner := range []string{"stepper", "api"} {
			sort.Strings(got[owner])
			sort.Strings(want[owner])
			if jsonOf(got[owner]) != jsonOf(want[owner]) {
				t.Errorf("%s: %s may assume %v, want %v", variant, owner, got[owner], want[owner])
			}
		}
		for _, out := range []string{"StepperRoleArn", "ApiRoleArn"} {
			check(t, tmpl.svc).output(out, props{"Value": props{"Fn::GetAtt": []any{assertions.Match_AnyValue(), "Arn"}}})
		}
	}
}
