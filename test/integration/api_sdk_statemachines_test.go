//go:build integration

package integration

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// testStateMachines covers create/describe/update/list/validate/delete.
func testStateMachines(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	name := uniqueName("crud")
	created, err := e.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(passDefinition(`"one"`)), RoleArn: aws.String(roleARN),
		Tags: []types.Tag{{Key: aws.String("team"), Value: aws.String("core")}},
	})
	if err != nil {
		t.Fatalf("CreateStateMachine: %v", err)
	}
	arn := aws.ToString(created.StateMachineArn)
	if want := "arn:aws:states:us-east-1:000000000000:stateMachine:" + name; arn != want || created.CreationDate == nil {
		t.Fatalf("CreateStateMachine = %s %v, want %s and a date", arn, created.CreationDate, want)
	}
	desc, err := e.sfn.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &arn})
	if err != nil {
		t.Fatalf("DescribeStateMachine: %v", err)
	}
	if desc.Type != types.StateMachineTypeStandard || desc.Status != types.StateMachineStatusActive ||
		aws.ToString(desc.Definition) != passDefinition(`"one"`) || aws.ToString(desc.RoleArn) != roleARN || aws.ToString(desc.Name) != name {
		t.Errorf("DescribeStateMachine = type %s status %s def %s role %s", desc.Type, desc.Status, aws.ToString(desc.Definition), aws.ToString(desc.RoleArn))
	}

	upd, err := e.sfn.UpdateStateMachine(ctx, &sfn.UpdateStateMachineInput{StateMachineArn: &arn, Definition: aws.String(passDefinition(`"two"`))})
	if err != nil || upd.UpdateDate == nil || aws.ToString(upd.RevisionId) == "" {
		t.Fatalf("UpdateStateMachine = %+v, %v", upd, err)
	}
	desc2, err := e.sfn.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &arn})
	if err != nil || aws.ToString(desc2.Definition) != passDefinition(`"two"`) || aws.ToString(desc2.RevisionId) == aws.ToString(desc.RevisionId) {
		t.Errorf("after update: def %s revision %s (was %s), %v", aws.ToString(desc2.Definition), aws.ToString(desc2.RevisionId), aws.ToString(desc.RevisionId), err)
	}

	if !e.listStateMachines(t, arn) {
		t.Errorf("ListStateMachines does not list %s", arn)
	}
	// Same name, different definition: AWS refuses.
	_, err = e.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String(name), Definition: aws.String(passDefinition(`"x"`)), RoleArn: aws.String(roleARN)})
	wantAPIError[*types.StateMachineAlreadyExists](t, "CreateStateMachine again", err, "StateMachineAlreadyExists")

	testValidate(t, e)

	if _, err := e.sfn.DeleteStateMachine(ctx, &sfn.DeleteStateMachineInput{StateMachineArn: &arn}); err != nil {
		t.Fatalf("DeleteStateMachine: %v", err)
	}
	_, err = e.sfn.DescribeStateMachine(ctx, &sfn.DescribeStateMachineInput{StateMachineArn: &arn})
	wantAPIError[*types.StateMachineDoesNotExist](t, "DescribeStateMachine after delete", err, "StateMachineDoesNotExist")
	if e.listStateMachines(t, arn) {
		t.Errorf("ListStateMachines still lists deleted %s", arn)
	}
}

// listStateMachines pages through ListStateMachines (2 per page) and
// reports whether arn is listed.
func (e *sdkEnv) listStateMachines(t *testing.T, arn string) bool {
	t.Helper()
	found := false
	p := sfn.NewListStateMachinesPaginator(e.sfn, &sfn.ListStateMachinesInput{MaxResults: 2})
	for pages := 0; p.HasMorePages(); pages++ {
		out, err := p.NextPage(ctxT(t))
		if err != nil {
			t.Fatalf("ListStateMachines: %v", err)
		}
		if len(out.StateMachines) > 2 || pages > 1000 {
			t.Fatalf("ListStateMachines page of %d (page %d) with MaxResults 2", len(out.StateMachines), pages)
		}
		for _, sm := range out.StateMachines {
			found = found || aws.ToString(sm.StateMachineArn) == arn
		}
	}
	return found
}

func testValidate(t *testing.T, e *sdkEnv) {
	ctx := ctxT(t)
	ok, err := e.sfn.ValidateStateMachineDefinition(ctx, &sfn.ValidateStateMachineDefinitionInput{Definition: aws.String(passDefinition(`1`))})
	if err != nil || ok.Result != types.ValidateStateMachineDefinitionResultCodeOk || len(ok.Diagnostics) != 0 {
		t.Errorf("Validate(valid) = %+v, %v", ok, err)
	}
	bad, err := e.sfn.ValidateStateMachineDefinition(ctx, &sfn.ValidateStateMachineDefinitionInput{
		Definition: aws.String(`{"StartAt":"Missing","States":{"P":{"Type":"Pass","End":true}}}`),
	})
	if err != nil || bad.Result != types.ValidateStateMachineDefinitionResultCodeFail || len(bad.Diagnostics) == 0 {
		t.Fatalf("Validate(invalid) = %+v, %v", bad, err)
	}
	d := bad.Diagnostics[0]
	if d.Severity != types.ValidateStateMachineDefinitionSeverityError || aws.ToString(d.Code) == "" || aws.ToString(d.Message) == "" {
		t.Errorf("diagnostic = %+v", d)
	}
	_, err = e.sfn.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{
		Name: aws.String(uniqueName("bad")), RoleArn: aws.String(roleARN),
		Definition: aws.String(`{"StartAt":"Missing","States":{"P":{"Type":"Pass","End":true}}}`),
	})
	wantAPIError[*types.InvalidDefinition](t, "CreateStateMachine(invalid)", err, "InvalidDefinition")
}
