package stacks

import (
	"sort"
	"strings"
	"testing"
)

func TestServiceStack_LeastPrivilege(t *testing.T) {
	for _, variant := range []string{"default", "custom"} {
		t.Run(variant, func(t *testing.T) {
			s := templates(t, variant)
			for id, p := range resourcesOfType(s.svcJSON, "AWS::IAM::Policy") {
				for _, st := range statements(p) {
					for _, r := range asList(st["Resource"]) {
						if r == "*" {
							t.Errorf("policy %s grants %v on *", id, st["Action"])
						}
					}
				}
			}
			for id, r := range resourcesOfType(s.svcJSON, "AWS::IAM::Role") {
				if mp := r["Properties"].(map[string]any)["ManagedPolicyArns"]; mp != nil {
					t.Errorf("role %s has managed policies %v (they grant on *)", id, mp)
				}
			}
		})
	}
}

func TestServiceStack_StepperInvoke(t *testing.T) {
	tests := []struct {
		variant string
		want    []string // lambda:InvokeFunction resources of the stepper
	}{
		{"default", nil},
		{"custom", []string{taskFn, taskFn + ":*", "arn:aws:lambda:eu-west-1:123456789012:function:etl-*"}},
	}
	for _, tt := range tests {
		t.Run(tt.variant, func(t *testing.T) {
			s := templates(t, tt.variant)
			got := invokeGrants(s.svcJSON)
			sort.Strings(tt.want)
			if jsonOf(got["stepper"]) != jsonOf(tt.want) {
				t.Errorf("stepper may invoke %q, want %q", got["stepper"], tt.want)
			}
			if len(got["api"]) > 0 {
				t.Errorf("api may invoke %q, want nothing", got["api"])
			}
		})
	}
}

func TestServiceStack_RoleActions(t *testing.T) {
	actions := roleActions(templates(t, "default").svcJSON)
	tests := []struct {
		role, action string
		want         bool
	}{
		{"api", "sqs:SendMessage", true},
		{"api", "sqs:ReceiveMessage", false}, // only the stepper consumes
		{"api", "sqs:DeleteMessage", false},
		{"api", "dynamodb:PutItem", true},
		{"api", "logs:PutLogEvents", true},
		{"api", "logs:CreateLogGroup", false}, // the log group is made by CloudFormation
		{"stepper", "sqs:ReceiveMessage", true},
		{"stepper", "sqs:DeleteMessage", true},
		{"stepper", "sqs:SendMessage", true},
		{"stepper", "dynamodb:UpdateItem", true},
		{"stepper", "dynamodb:DeleteTable", false},
	}
	for _, tt := range tests {
		if got := actions[tt.role][tt.action]; got != tt.want {
			t.Errorf("%s may %s = %v, want %v", tt.role, tt.action, got, tt.want)
		}
	}
}

// roleActions maps a role ("api", "stepper") to the actions its policies allow.
func roleActions(tmpl map[string]any) map[string]map[string]bool {
	out := map[string]map[string]bool{"api": {}, "stepper": {}}
	for _, p := range resourcesOfType(tmpl, "AWS::IAM::Policy") {
		owner := "api"
		if strings.Contains(jsonOf(p["Properties"].(map[string]any)["Roles"]), "stepperRole") {
			owner = "stepper"
		}
		for _, st := range statements(p) {
			for _, a := range asList(st["Action"]) {
				out[owner][a.(string)] = true
			}
		}
	}
	return out
}

// invokeGrants maps a role prefix ("api", "stepper") to the sorted resources
// on which its policies allow lambda:InvokeFunction.
func invokeGrants(tmpl map[string]any) map[string][]string {
	out := map[string][]string{}
	for _, p := range resourcesOfType(tmpl, "AWS::IAM::Policy") {
		role := jsonOf(p["Properties"].(map[string]any)["Roles"])
		owner := "api"
		if strings.Contains(role, "stepperRole") {
			owner = "stepper"
		}
		for _, st := range statements(p) {
			for _, a := range asList(st["Action"]) {
				if a == "lambda:InvokeFunction" {
					for _, r := range asList(st["Resource"]) {
						out[owner] = append(out[owner], r.(string))
					}
				}
			}
		}
	}
	for k := range out {
		sort.Strings(out[k])
	}
	return out
}
