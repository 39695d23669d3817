//go:build integration

package integration

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// testVersionsAndAliases publishes two versions, routes an alias to them,
// starts executions through version and alias ARNs and filters
// ListExecutions by them.
func testVersionsAndAliases(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	created, err := e.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(uniqueName("versioned")), Definition: aws.String(passDefinition(`"v1"`)), RoleArn: aws.String(roleARN),
		Publish: true, VersionDescription: aws.String("first"),
	})
	if err != nil {
		t.Fatalf("CreateStateMachine(publish): %v", err)
	}
	sm, v1 := aws.ToString(created.StateMachineArn), aws.ToString(created.StateMachineVersionArn)
	if v1 != sm+":1" {
		t.Fatalf("version ARN %q, want %s:1", v1, sm)
	}
	if _, err := e.sfn.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &sm, Definition: aws.String(passDefinition(`"v2"`))}); err != nil {
		t.Fatalf("UpdateStateMachine: %v", err)
	}
	pub, err := e.sfn.PublishStateMachineVersion(ctx, &sfn.PublishStateMachineVersionInput{StateMachineArn: &sm, Description: aws.String("second")})
	if err != nil || aws.ToString(pub.StateMachineVersionArn) != sm+":2" {
		t.Fatalf("PublishStateMachineVersion = %v, %v", pub, err)
	}
	v2 := sm + ":2"
	vers, err := e.sfn.ListStateMachineVersions(ctx, &sfn.ListStateMachineVersionsInput{StateMachineArn: &sm})
	if err != nil || len(vers.StateMachineVersions) != 2 || aws.ToString(vers.StateMachineVersions[0].StateMachineVersionArn) != v2 {
		t.Fatalf("ListStateMachineVersions = %+v, %v (newest first)", vers, err)
	}
	dv, err := e.sfn.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &v1})
	if err != nil || aws.ToString(dv.Definition) != passDefinition(`"v1"`) || aws.ToString(dv.Description) != "first" {
		t.Errorf("DescribeStateMachine(v1) = %v, %v", dv, err)
	}

	alias, err := e.sfn.CreateStateMachineAlias(ctx, &sfn.CreateStateMachineAliasInput{
		Name: aws.String("live"), Description: aws.String("production traffic"),
		RoutingConfiguration: []types.RoutingConfigurationListItem{{StateMachineVersionArn: &v1, Weight: 100}},
	})
	if err != nil {
		t.Fatalf("CreateStateMachineAlias: %v", err)
	}
	live := aws.ToString(alias.StateMachineAliasArn)
	if live != sm+":live" {
		t.Fatalf("alias ARN %q", live)
	}
	da, err := e.sfn.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: &live})
	if err != nil || aws.ToString(da.Name) != "live" || len(da.RoutingConfiguration) != 1 || aws.ToString(da.RoutingConfiguration[0].StateMachineVersionArn) != v1 {
		t.Errorf("DescribeStateMachineAlias = %+v, %v", da, err)
	}

	viaVersion := e.runTo(t, v1, `"v1"`)
	if d := e.describe(t, viaVersion); aws.ToString(d.StateMachineVersionArn) != v1 || aws.ToString(d.StateMachineArn) != sm {
		t.Errorf("execution via version: version %q sm %q", aws.ToString(d.StateMachineVersionArn), aws.ToString(d.StateMachineArn))
	}
	viaAlias := e.runTo(t, live, `"v1"`)
	if d := e.describe(t, viaAlias); aws.ToString(d.StateMachineAliasArn) != live || aws.ToString(d.StateMachineVersionArn) != v1 {
		t.Errorf("execution via alias: alias %q version %q", aws.ToString(d.StateMachineAliasArn), aws.ToString(d.StateMachineVersionArn))
	}
	e.runTo(t, sm, `"v2"`) // the unqualified ARN runs the latest revision

	if _, err := e.sfn.UpdateStateMachineAlias(ctx, &sfn.UpdateStateMachineAliasInput{StateMachineAliasArn: &live,
		RoutingConfiguration: []types.RoutingConfigurationListItem{{StateMachineVersionArn: &v2, Weight: 100}}}); err != nil {
		t.Fatalf("UpdateStateMachineAlias: %v", err)
	}
	viaAlias2 := e.runTo(t, live, `"v2"`)

	// A version lists the executions started with it and those an alias
	// routed to it, as AWS associates them.
	if got, _ := e.listExecutions(t, v1, "", 10); !sameSet(got, []string{viaVersion, viaAlias}) {
		t.Errorf("ListExecutions(version 1) = %v, want [%s %s]", got, viaVersion, viaAlias)
	}
	if got, _ := e.listExecutions(t, v2, "", 10); !sameSet(got, []string{viaAlias2}) {
		t.Errorf("ListExecutions(version 2) = %v, want [%s]", got, viaAlias2)
	}
	if got, _ := e.listExecutions(t, live, "", 10); !sameSet(got, []string{viaAlias, viaAlias2}) {
		t.Errorf("ListExecutions(alias) = %v, want [%s %s]", got, viaAlias, viaAlias2)
	}
	aliases, err := e.sfn.ListStateMachineAliases(ctx, &sfn.ListStateMachineAliasesInput{StateMachineArn: &sm})
	if err != nil || len(aliases.StateMachineAliases) != 1 || aws.ToString(aliases.StateMachineAliases[0].StateMachineAliasArn) != live {
		t.Errorf("ListStateMachineAliases = %+v, %v", aliases, err)
	}

	// A version an alias routes to cannot be deleted.
	_, err = e.sfn.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: &v2})
	wantAPIError[*types.ConflictException](t, "DeleteStateMachineVersion(aliased)", err, "ConflictException")
	if _, err := e.sfn.DeleteStateMachineVersion(ctx, &sfn.DeleteStateMachineVersionInput{StateMachineVersionArn: &v1}); err != nil {
		t.Errorf("DeleteStateMachineVersion(v1): %v", err)
	}
	if _, err := e.sfn.DeleteStateMachineAlias(ctx, &sfn.DeleteStateMachineAliasInput{StateMachineAliasArn: &live}); err != nil {
		t.Fatalf("DeleteStateMachineAlias: %v", err)
	}
	_, err = e.sfn.DescribeStateMachineAlias(ctx, &sfn.DescribeStateMachineAliasInput{StateMachineAliasArn: &live})
	wantAPIError[*types.ResourceNotFound](t, "DescribeStateMachineAlias after delete", err, "ResourceNotFound")
	_, err = e.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &v1})
	wantAPIError[*types.StateMachineDoesNotExist](t, "StartExecution(deleted version)", err, "StateMachineDoesNotExist")
}

// runTo runs target to completion and checks its output.
func (e *sdkEnv) runTo(t *testing.T, target, wantOutput string) string {
	t.Helper()
	arn := e.start(t, target, "", `{}`)
	d := e.await(t, arn)
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("execution of %s: %s", target, d.Status)
	}
	sameJSON(t, "output of "+target, aws.ToString(d.Output), wantOutput)
	return arn
}

func (e *sdkEnv) describe(t *testing.T, arn string) *sfn.DescribeExecutionOutput {
	t.Helper()
	d, err := e.sfn.DescribeExecution(ctxT(t), &sfn.DescribeExecutionInput{ExecutionArn: &arn})
	if err != nil {
		t.Fatalf("DescribeExecution: %v", err)
	}
	return d
}
