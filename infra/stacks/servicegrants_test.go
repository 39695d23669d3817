package stacks

import (
	"sort"
	"strings"
	"testing"
)

var customServiceActions = []string{
	"aws-sdk:s3:getObject=arn:aws:s3:::my-bucket/*",
	"aws-sdk:dynamodb:query=arn:aws:dynamodb:us-east-1:123456789012:table/orders",
	"dynamodb:*Item=arn:aws:dynamodb:us-east-1:123456789012:table/orders",
	"aws-sdk:sfn:startExecution=arn:aws:states:us-east-1:123456789012:stateMachine:child",
	"aws-sdk:cognitoidentityprovider:adminGetUser=arn:aws:cognito-idp:us-east-1:123456789012:userpool/*",
	"ecs:runTask.sync=arn:aws:ecs:us-east-1:123456789012:task-definition/etl:*",
}

func TestParseServiceGrant(t *testing.T) {
	tests := []struct {
		entry    string
		allowAll bool
		want     string // "<action> on <resource>", or the error's start
	}{
		{"aws-sdk:s3:getObject=arn:aws:s3:::b/*", false, "s3:GetObject on arn:aws:s3:::b/*"},
		{"aws-sdk:eventbridge:putEvents=arn:aws:events:us-east-1:1:event-bus/default", false, "events:PutEvents on arn:aws:events:us-east-1:1:event-bus/default"},
		{"aws-sdk:bedrockagentruntime:retrieve=arn:aws:bedrock:us-east-1:1:knowledge-base/*", false, "bedrock:Retrieve on arn:aws:bedrock:us-east-1:1:knowledge-base/*"},
		{"aws-sdk:dynamodb:get*=arn:aws:dynamodb:us-east-1:1:table/t", false, "dynamodb:Get* on arn:aws:dynamodb:us-east-1:1:table/t"},
		{"translate:TranslateText=*", false, "translate:TranslateText on *"},
		{"s3:GetObject", false, `"s3:GetObject": want <action>=<resource ARN>`},
		{"*=arn:aws:s3:::b", false, `"*=arn:aws:s3:::b" allows every action`},
		{"*=arn:aws:s3:::b", true, "* on arn:aws:s3:::b"},
		{"s3:*=*", false, `"s3:*=*" allows a wildcard action on every resource`},
		{"s3:*=*", true, "s3:* on *"},
		{"s3:GetObject=my-bucket", false, `"s3:GetObject=my-bucket": the resource must be an ARN`},
		{"GetObject=arn:aws:s3:::b/*", false, `"GetObject=arn:aws:s3:::b/*": the action must be`},
		{"glue:startJobRun.sync=arn:aws:glue:us-east-1:1:job/etl", false, "glue:startJobRun.sync on arn:aws:glue:us-east-1:1:job/etl"},
		{"glue:getJobRun.sync=arn:aws:glue:us-east-1:1:job/etl", false, `"glue:getJobRun.sync=arn:aws:glue:us-east-1:1:job/etl": the action must be`},
	}
	for _, tt := range tests {
		g, err := parseServiceGrant(tt.entry, tt.allowAll)
		got := g.action + " on " + g.resource
		if err != nil {
			got = err.Error()
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("parseServiceGrant(%q, %v) = %s, want %s", tt.entry, tt.allowAll, got, tt.want)
		}
	}
	ctx := map[string]any{CtxAllowedServiceActions: "s3:GetObject,aws-sdk:s3:getObject=arn:aws:s3:::b/*"}
	if _, err := SettingsFromContext(func(k string) any { return ctx[k] }); err == nil || !strings.Contains(err.Error(), "allowedServiceActions: \"s3:GetObject\"") {
		t.Errorf("err = %v", err)
	}
}

// TestServiceStack_ServiceActions: the stepper gets exactly the listed
// grants; the API function none, and without the key nobody does.
func TestServiceStack_ServiceActions(t *testing.T) {
	want := []string{
		"cognito-idp:AdminGetUser on arn:aws:cognito-idp:us-east-1:123456789012:userpool/*",
		"dynamodb:*Item on arn:aws:dynamodb:us-east-1:123456789012:table/orders",
		"dynamodb:Query on arn:aws:dynamodb:us-east-1:123456789012:table/orders",
		"ecs:DescribeTasks on arn:aws:ecs:us-east-1:123456789012:task/*",
		"ecs:RunTask on arn:aws:ecs:us-east-1:123456789012:task-definition/etl:*",
		"ecs:StopTask on arn:aws:ecs:us-east-1:123456789012:task/*",
		"s3:GetObject on arn:aws:s3:::my-bucket/*",
		"states:StartExecution on arn:aws:states:us-east-1:123456789012:stateMachine:child",
	}
	for variant, want := range map[string][]string{"default": nil, "custom": want} {
		got := map[string][]string{}
		for _, p := range resourcesOfType(templates(t, variant).svcJSON, "AWS::IAM::Policy") {
			owner := "api"
			if strings.Contains(jsonOf(p["Properties"].(map[string]any)["Roles"]), "stepperRole") {
				owner = "stepper"
			}
			for _, st := range statements(p) {
				for _, a := range asList(st["Action"]) {
					for _, r := range asList(st["Resource"]) {
						res := flatJoin(r)
						// Lambda's, HTTP connections' and task roles' grants have tests of their own.
						if strings.HasPrefix(res, "arn:aws:") && a != "lambda:InvokeFunction" && a != "sts:AssumeRole" && !strings.Contains(res, "connection") {
							got[owner] = append(got[owner], a.(string)+" on "+res)
						}
					}
				}
			}
		}
		sort.Strings(got["stepper"])
		if jsonOf(got["stepper"]) != jsonOf(want) || len(got["api"]) > 0 {
			t.Errorf("%s: stepper grants\n%s\nwant\n%s\napi: %v", variant, strings.Join(got["stepper"], "\n"), strings.Join(want, "\n"), got["api"])
		}
	}
}
