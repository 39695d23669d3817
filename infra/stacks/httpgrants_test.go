package stacks

import (
	"sort"
	"strings"
	"testing"
)

// TestServiceStack_HTTPConnections: the stepper may describe exactly the
// httpConnections and read their EventBridge secrets; the API function
// gets neither, and without the key nobody does.
func TestServiceStack_HTTPConnections(t *testing.T) {
	want := []string{
		`events:DescribeConnection on ["arn:aws:events:us-east-1:123456789012:connection/stripe/*"]`,
		`secretsmanager:GetSecretValue on ["arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/stripe/*"]`,
	}
	for variant, want := range map[string][]string{"default": nil, "custom": want} {
		got := map[string][]string{}
		for _, p := range resourcesOfType(templates(t, variant).svcJSON, "AWS::IAM::Policy") {
			owner := "api"
			if strings.Contains(jsonOf(p["Properties"].(map[string]any)["Roles"]), "stepperRole") {
				owner = "stepper"
			}
			for _, st := range statements(p) {
				acts := jsonOf(st["Action"])
				if !strings.Contains(acts, `"events:`) && !strings.Contains(acts, `"secretsmanager:`) {
					continue
				}
				var res []string
				for _, r := range asList(st["Resource"]) {
					res = append(res, flatJoin(r))
				}
				got[owner] = append(got[owner], strings.Trim(acts, `"`)+" on "+jsonOf(res))
			}
		}
		sort.Strings(got["stepper"])
		if jsonOf(got["stepper"]) != jsonOf(want) || len(got["api"]) > 0 {
			t.Errorf("%s: stepper connection grants\n%s\nwant\n%s\napi: %v", variant, strings.Join(got["stepper"], "\n"), strings.Join(want, "\n"), got["api"])
		}
	}
}

func TestSettings_HTTPConnections(t *testing.T) {
	ctx := map[string]any{CtxHTTPConnections: "arn:aws:events:us-east-1:123456789012:connection/a/1,arn:aws:sqs:us-east-1:123456789012:q,*"}
	_, err := SettingsFromContext(func(k string) any { return ctx[k] })
	for _, want := range []string{`httpConnections: "arn:aws:sqs:us-east-1:123456789012:q": want`, `httpConnections: "*": want`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
	ctx = map[string]any{CtxHTTPConnections: []any{"arn:aws:events:eu-west-1:123456789012:connection/b"}}
	if s, err := SettingsFromContext(func(k string) any { return ctx[k] }); err != nil || len(s.HTTPConnections) != 1 {
		t.Fatalf("settings %v, %v", s.HTTPConnections, err)
	}
}
