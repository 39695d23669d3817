package sfnapi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// setupVersions creates "sm" with versions 1 (passDef) and 2 (waitDef),
// and alias "live" routing 70/30 between them.
func setupVersions(t *testing.T, e *env) string {
	t.Helper()
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	_, err := e.client.PublishStateMachineVersion(ctx(), &sfn.PublishStateMachineVersionInput{StateMachineArn: aws.String(smArn)})
	mustNil(t, err, "publish 1")
	_, err = e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(smArn), Definition: aws.String(waitDef), Publish: true})
	mustNil(t, err, "publish 2")
	_, err = e.client.CreateStateMachineAlias(ctx(), &sfn.CreateStateMachineAliasInput{Name: aws.String("live"), RoutingConfiguration: []types.RoutingConfigurationListItem{
		{StateMachineVersionArn: aws.String(smArn + ":1"), Weight: 70}, {StateMachineVersionArn: aws.String(smArn + ":2"), Weight: 30},
	}})
	mustNil(t, err, "alias")
	_, err = e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(smArn), Definition: aws.String(`{"StartAt":"S","States":{"S":{"Type":"Succeed"}}}`)})
	mustNil(t, err, "unpublished revision")
	return smArn
}

func TestStartExecution_Resolution(t *testing.T) {
	e := newEnv(t)
	smArn := setupVersions(t, e)
	tests := []struct {
		name, target string
		random       float64
		wantDef      string // a substring of the definition the runner got
		executed     string
	}{
		{"state machine runs latest revision", smArn, 0, `"Succeed"`, ""},
		{"version", smArn + ":1", 0, `"Pass"`, smArn + ":1"},
		{"alias low roll routes to first", smArn + ":live", 0.69, `"Pass"`, smArn + ":live"},
		{"alias high roll routes to second", smArn + ":live", 0.70, `"Wait"`, smArn + ":live"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e.random = tc.random
			name := "ex" + string(rune('a'+i))
			out, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(tc.target), Name: aws.String(name), Input: aws.String(`{"a":1}`)})
			mustNil(t, err, "start")
			req := e.rt.starts[len(e.rt.starts)-1]
			if !strings.Contains(req.Definition, tc.wantDef) || req.ExecutedARN != tc.executed || req.Input != `{"a":1}` || req.StateMachine.ARN != smArn {
				t.Fatalf("request %+v", req)
			}
			if *out.ExecutionArn != "arn:aws:states:us-east-1:000000000000:execution:sm:"+name || out.StartDate == nil {
				t.Fatalf("out %+v", out)
			}
		})
	}
}

func TestStartExecution_Errors(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	_, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Name: aws.String("dup")})
	mustNil(t, err, "first start")
	tests := []struct {
		name   string
		in     sfn.StartExecutionInput
		target any // a **types.X that errors.As must fill
		code   string
	}{
		{"absent", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn + "x")}, new(*types.StateMachineDoesNotExist), "StateMachineDoesNotExist"},
		{"absent version", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn + ":3")}, new(*types.StateMachineDoesNotExist), "StateMachineDoesNotExist"},
		{"bad arn", sfn.StartExecutionInput{StateMachineArn: aws.String("arn:aws:states:us-east-1:1:execution:sm:x")}, new(*types.InvalidArn), "InvalidArn"},
		{"not json", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Input: aws.String("{nope")}, new(*types.InvalidExecutionInput), "InvalidExecutionInput"},
		{"too big", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Input: aws.String(`"` + strings.Repeat("x", 256<<10) + `"`)}, new(*types.ValidationException), "ValidationException"},
		{"bad name", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Name: aws.String("a/b")}, new(*types.InvalidName), "InvalidName"},
		{"duplicate", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Name: aws.String("dup")}, new(*types.ExecutionAlreadyExists), "ExecutionAlreadyExists"},
		{"sync on standard", sfn.StartExecutionInput{StateMachineArn: aws.String(smArn)}, new(*types.StateMachineTypeNotSupported), "StateMachineTypeNotSupported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.name == "sync on standard" {
				_, err = e.client.StartSyncExecution(ctx(), &sfn.StartSyncExecutionInput{StateMachineArn: tc.in.StateMachineArn})
			} else {
				_, err = e.client.StartExecution(ctx(), &tc.in)
			}
			wantCode(t, err, tc.code, "")
			if !errors.As(err, tc.target) {
				t.Fatalf("error %v does not decode as %T", err, tc.target)
			}
		})
	}
}

func TestStartSyncExecution_Express(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "ex", "EXPRESS", passDef)
	out, err := e.client.StartSyncExecution(ctx(), &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(smArn), Input: aws.String(`{"x":[1]}`)})
	mustNil(t, err, "start sync")
	if out.Status != types.SyncExecutionStatusSucceeded || aws.ToString(out.Output) != `{"x":[1]}` || out.StopDate == nil {
		t.Fatalf("sync out %+v", out)
	}
	_, err = e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn)})
	var tns *types.StateMachineTypeNotSupported
	if !errors.As(err, &tns) {
		t.Fatalf("list express executions: %v", err)
	}
}

func TestExecutions_DescribeStopListRedrive(t *testing.T) {
	e := newEnv(t)
	smArn := setupVersions(t, e)
	var arns []string
	for i, target := range []string{smArn, smArn + ":1", smArn + ":live", smArn} {
		out, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(target), Name: aws.String("e" + string(rune('0'+i)))})
		mustNil(t, err, "start")
		arns = append(arns, *out.ExecutionArn)
	}
	e.rt.finish(t, arns[0], "SUCCEEDED")
	e.rt.finish(t, arns[3], "FAILED")

	d, err := e.client.DescribeExecution(ctx(), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arns[0])})
	mustNil(t, err, "describe")
	if d.Status != types.ExecutionStatusSucceeded || aws.ToString(d.Output) != `{"done":true}` || *d.Input != "{}" || d.StopDate == nil ||
		d.RedriveStatus != types.ExecutionRedriveStatusNotRedrivable {
		t.Fatalf("describe %+v", d)
	}
	d, err = e.client.DescribeExecution(ctx(), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arns[2])})
	mustNil(t, err, "describe alias execution")
	if aws.ToString(d.StateMachineAliasArn) != smArn+":live" || d.Status != types.ExecutionStatusRunning || d.Output != nil {
		t.Fatalf("describe alias execution %+v", d)
	}
	// Listing by version includes the executions an alias routed to it.
	byVersion := map[string][]string{smArn + ":1": {arns[1]}, smArn + ":2": nil}
	routed := aws.ToString(d.StateMachineVersionArn)
	if _, ok := byVersion[routed]; !ok {
		t.Fatalf("alias execution ran version %q", routed)
	}
	byVersion[routed] = append([]string{arns[2]}, byVersion[routed]...)
	_, err = e.client.DescribeExecution(ctx(), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arns[0] + "x")})
	var dne *types.ExecutionDoesNotExist
	if !errors.As(err, &dne) {
		t.Fatalf("describe absent: %v", err)
	}

	stop, err := e.client.StopExecution(ctx(), &sfn.StopExecutionInput{ExecutionArn: aws.String(arns[1]), Error: aws.String("E"), Cause: aws.String("C")})
	mustNil(t, err, "stop")
	if stop.StopDate == nil || e.rt.calls[len(e.rt.calls)-1] != "Stop "+arns[1]+" E C" {
		t.Fatalf("stop: %+v %v", stop, e.rt.calls)
	}

	list := func(in sfn.ListExecutionsInput) []string {
		t.Helper()
		var got []string
		p := sfn.NewListExecutionsPaginator(e.client, &in)
		for p.HasMorePages() {
			out, err := p.NextPage(ctx())
			mustNil(t, err, "list page")
			for _, x := range out.Executions {
				got = append(got, *x.ExecutionArn)
			}
		}
		return got
	}
	cases := []struct {
		name string
		in   sfn.ListExecutionsInput
		want []string
	}{
		{"all newest first", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn), MaxResults: 1}, []string{arns[3], arns[2], arns[1], arns[0]}},
		{"running", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn), StatusFilter: types.ExecutionStatusRunning}, []string{arns[2]}},
		{"aborted", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn), StatusFilter: types.ExecutionStatusAborted}, []string{arns[1]}},
		{"version 1", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn + ":1")}, byVersion[smArn+":1"]},
		{"version 2", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn + ":2")}, byVersion[smArn+":2"]},
		{"alias", sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn + ":live")}, []string{arns[2]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := list(c.in); strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Fatalf("got %v\nwant %v", got, c.want)
			}
		})
	}
	mapRun := strings.Replace(smArn, ":stateMachine:", ":mapRun:", 1) + "/map:abc"
	_, err = e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{MapRunArn: aws.String(mapRun)})
	wantCode(t, err, "ResourceNotFound", "")
	_, err = e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{MapRunArn: aws.String(smArn + "/map:abc")})
	wantCode(t, err, "InvalidArn", "")
	first, err := e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn), MaxResults: 1})
	mustNil(t, err, "first page")
	_, err = e.client.ListExecutions(ctx(), &sfn.ListExecutionsInput{StateMachineArn: aws.String(smArn), StatusFilter: types.ExecutionStatusFailed, NextToken: first.NextToken})
	wantCode(t, err, "InvalidToken", "")

	_, err = e.client.RedriveExecution(ctx(), &sfn.RedriveExecutionInput{ExecutionArn: aws.String(arns[0])})
	var nr *types.ExecutionNotRedrivable
	if !errors.As(err, &nr) {
		t.Fatalf("redrive succeeded execution: %v", err)
	}
	rd, err := e.client.RedriveExecution(ctx(), &sfn.RedriveExecutionInput{ExecutionArn: aws.String(arns[3])})
	mustNil(t, err, "redrive failed execution")
	if rd.RedriveDate == nil {
		t.Fatal("no redrive date")
	}

	smx, err := e.client.DescribeStateMachineForExecution(ctx(), &sfn.DescribeStateMachineForExecutionInput{ExecutionArn: aws.String(arns[1])})
	mustNil(t, err, "describe sm for version execution")
	if *smx.Definition != passDef || *smx.StateMachineArn != smArn {
		t.Fatalf("sm for execution %+v", smx)
	}
}
