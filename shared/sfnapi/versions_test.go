package sfnapi_test

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func TestPublishStateMachineVersion(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	pub := func(rev string) (*sfn.PublishStateMachineVersionOutput, error) {
		in := &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(smArn), Description: aws.String("d")}
		if rev != "" {
			in.RevisionId = aws.String(rev)
		}
		return e.client.PublishStateMachineVersion(ctx(), in)
	}
	// A never-updated machine reports no revision, so it is published without one.
	v1, err := pub("")
	mustNil(t, err, "publish")
	if *v1.StateMachineVersionArn != smArn+":1" {
		t.Fatalf("version %s", *v1.StateMachineVersionArn)
	}
	again, err := pub("")
	mustNil(t, err, "republish same revision")
	if *again.StateMachineVersionArn != smArn+":1" {
		t.Fatalf("republishing the same revision made %s", *again.StateMachineVersionArn)
	}
	_, err = pub("rev-9")
	var conflict *types.ConflictException
	if !errors.As(err, &conflict) {
		t.Fatalf("stale revision: %v", err)
	}
	up, err := e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(smArn), Definition: aws.String(waitDef)})
	mustNil(t, err, "update")
	v2, err := pub(aws.ToString(up.RevisionId))
	mustNil(t, err, "publish v2")
	if *v2.StateMachineVersionArn != smArn+":2" {
		t.Fatalf("second version %s", *v2.StateMachineVersionArn)
	}

	d, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: v1.StateMachineVersionArn})
	mustNil(t, err, "describe version")
	if *d.StateMachineArn != *v1.StateMachineVersionArn || *d.Definition != passDef || aws.ToString(d.Description) != "d" {
		t.Fatalf("describe version: arn %s def %s", *d.StateMachineArn, *d.Definition)
	}
	_, err = e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(smArn + ":7")})
	wantCode(t, err, "StateMachineDoesNotExist", "")

	list, err := e.client.ListStateMachineVersions(ctx(), &sfn.ListStateMachineVersionsInput{StateMachineArn: aws.String(smArn)})
	mustNil(t, err, "list versions")
	if len(list.StateMachineVersions) != 2 || *list.StateMachineVersions[0].StateMachineVersionArn != smArn+":2" {
		t.Fatalf("versions not newest first: %+v", list.StateMachineVersions)
	}
	page, err := e.client.ListStateMachineVersions(ctx(), &sfn.ListStateMachineVersionsInput{StateMachineArn: aws.String(smArn), MaxResults: 1})
	mustNil(t, err, "page")
	if len(page.StateMachineVersions) != 1 || page.NextToken == nil {
		t.Fatalf("page: %+v", page)
	}
	_, err = e.client.ListStateMachineVersions(ctx(), &sfn.ListStateMachineVersionsInput{StateMachineArn: aws.String(smArn + "-other"), NextToken: page.NextToken})
	wantCode(t, err, "StateMachineDoesNotExist", "")
}

func TestCreateStateMachine_Publish(t *testing.T) {
	e := newEnv(t)
	out, err := e.client.CreateStateMachine(ctx(), &sfn.CreateStateMachineInput{
		Name: aws.String("sm"), Definition: aws.String(passDef), RoleArn: aws.String(role),
		Publish: true, VersionDescription: aws.String("first"),
	})
	mustNil(t, err, "create")
	if aws.ToString(out.StateMachineVersionArn) != *out.StateMachineArn+":1" {
		t.Fatalf("version %v", out.StateMachineVersionArn)
	}
}

func TestAliases(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	for range 2 {
		_, err := e.client.PublishStateMachineVersion(ctx(), &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(smArn)})
		mustNil(t, err, "publish")
		_, err = e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(smArn), Definition: aws.String(waitDef)})
		mustNil(t, err, "update")
	}
	v1, v2 := smArn+":1", smArn+":2"
	routes := func(kv ...any) []types.RoutingConfigurationListItem {
		var out []types.RoutingConfigurationListItem
		for i := 0; i < len(kv); i += 2 {
			out = append(out, types.RoutingConfigurationListItem{StateMachineVersionArn: aws.String(kv[i].(string)), Weight: int32(kv[i+1].(int))})
		}
		return out
	}
	// Messages as AWS recorded them (test_sfn_api_aliasing).
	tests := []struct {
		name, alias string
		routing     []types.RoutingConfigurationListItem
		code, msg   string
	}{
		{"ok", "prod", routes(v1, 90, v2, 10), "", ""},
		{"idempotent", "prod", routes(v1, 90, v2, 10), "", ""},
		{"conflict", "prod", routes(v1, 100), "ConflictException",
			"Failed to create alias because an alias with the same name and a different routing configuration already exists."},
		{"numeric name", "123", routes(v1, 100), "ValidationException", "Member must satisfy regular expression pattern"},
		{"weights not 100", "w", routes(v1, 70, v2, 29), "ValidationException",
			"Sum of routing configuration weights must equal 100. Received: [70, 29]"},
		{"same version twice", "w", routes(v1, 50, v1, 50), "ValidationException",
			"Routing configuration must contain distinct state machine version ARNs. Received: [" + v1 + ", " + v1 + "]"},
		{"missing version", "w", routes(smArn+":9", 100), "ResourceNotFound", ""},
		{"not a version", "w", routes(smArn, 70, v2, 30), "ValidationException",
			"Routing configuration must contain state machine version ARNs. Received: [" + smArn + ", " + v2 + "]"},
		{"too many", "w", routes(v1, 50, v2, 30, v1, 20), "ValidationException",
			"Value '[RoutingConfigurationListItem(stateMachineVersionArn=" + v1 + ", weight=50), "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.client.CreateStateMachineAlias(ctx(), &sfn.CreateStateMachineAliasInput{Name: aws.String(tc.alias), RoutingConfiguration: tc.routing})
			if tc.code != "" {
				wantCode(t, err, tc.code, tc.msg)
				return
			}
			mustNil(t, err, "create alias")
			if *out.StateMachineAliasArn != smArn+":"+tc.alias {
				t.Fatalf("alias arn %s", *out.StateMachineAliasArn)
			}
		})
	}
	prod := smArn + ":prod"
	d, err := e.client.DescribeStateMachineAlias(ctx(), &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(prod)})
	mustNil(t, err, "describe alias")
	if *d.Name != "prod" || len(d.RoutingConfiguration) != 2 || d.RoutingConfiguration[0].Weight != 90 {
		t.Fatalf("describe alias: %+v", d)
	}
	_, err = e.client.DeleteStateMachineVersion(ctx(), &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(v2)})
	// Recorded: the aliases are named, not given by ARN.
	wantCode(t, err, "ConflictException",
		"Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [prod]")

	_, err = e.client.UpdateStateMachineAlias(ctx(), &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(prod), RoutingConfiguration: routes(v1, 100)})
	mustNil(t, err, "update alias")
	_, err = e.client.DeleteStateMachineVersion(ctx(), &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: aws.String(v2)})
	mustNil(t, err, "delete unreferenced version")
	_, err = e.client.UpdateStateMachineAlias(ctx(), &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(prod)})
	wantCode(t, err, "ValidationException", "")

	list, err := e.client.ListStateMachineAliases(ctx(), &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(smArn)})
	mustNil(t, err, "list aliases")
	if len(list.StateMachineAliases) != 1 || *list.StateMachineAliases[0].StateMachineAliasArn != prod {
		t.Fatalf("aliases: %+v", list.StateMachineAliases)
	}
	_, err = e.client.DeleteStateMachineAlias(ctx(), &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: aws.String(prod)})
	mustNil(t, err, "delete alias")
	_, err = e.client.DescribeStateMachineAlias(ctx(), &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: aws.String(prod)})
	var rnf *types.ResourceNotFound
	if !errors.As(err, &rnf) {
		t.Fatalf("describe deleted alias: %v", err)
	}
	// Recorded: updating a deleted alias; deleting it again succeeds.
	_, err = e.client.UpdateStateMachineAlias(ctx(), &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: aws.String(prod), Description: aws.String("d")})
	wantCode(t, err, "ResourceNotFound", "Request references a resource that does not exist.")
	_, err = e.client.DeleteStateMachineAlias(ctx(), &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: aws.String(prod)})
	mustNil(t, err, "delete deleted alias")
}
