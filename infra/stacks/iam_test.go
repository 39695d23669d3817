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
		{"stepper", "dynamodb:DeleteTable", false},
	}
	for _, tt := range tests {
		if got := actions[tt.role][tt.action]; got != tt.want {
			t.Errorf("%s may %s = %v, want %v", tt.role, tt.action, got, tt.want)
		}
	}
	// DynamoDB: exactly the operations the store adapter calls, on the
	// table and its indexes (UpdateItem for the inboxes of child ends);
	// no BatchGetItem, Scan, … .
	want := []string{"dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"}
	for _, role := range []string{"api", "stepper"} {
		var got []string
		for a := range actions[role] {
			if strings.HasPrefix(a, "dynamodb:") {
				got = append(got, a)
			}
		}
		sort.Strings(got)
		if jsonOf(got) != jsonOf(want) {
			t.Errorf("%s may %v on the table, want exactly %v", role, got, want)
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

// TestServiceStack_TableGrantCoversIndexes: the store queries gsi1 and
// gsi2, so its DynamoDB statement names the table and its indexes.
func TestServiceStack_TableGrantCoversIndexes(t *testing.T) {
	found := 0
	for id, p := range resourcesOfType(templates(t, "default").svcJSON, "AWS::IAM::Policy") {
		for _, st := range statements(p) {
			if !strings.Contains(jsonOf(st["Action"]), "dynamodb:Query") {
				continue
			}
			found++
			res := asList(st["Resource"])
			if len(res) != 2 || strings.Contains(jsonOf(res[0]), "/index/") || !strings.Contains(jsonOf(res[1]), "/index/*") {
				t.Errorf("policy %s: DynamoDB resources %s, want the table and <table>/index/*", id, jsonOf(res))
			}
		}
	}
	if found != 2 {
		t.Errorf("%d DynamoDB statements, want one per function", found)
	}
}
