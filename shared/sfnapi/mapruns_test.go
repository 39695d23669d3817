package sfnapi_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

func TestMapRuns(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	ex, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn)})
	mustNil(t, err, "start")
	list, err := e.client.ListMapRuns(ctx(), &sfn.ListMapRunsInput{ExecutionArn: ex.ExecutionArn})
	mustNil(t, err, "list map runs")
	if len(list.MapRuns) != 0 || list.NextToken != nil {
		t.Fatalf("map runs of an execution without a Distributed Map: %+v", list)
	}
	_, err = e.client.ListMapRuns(ctx(), &sfn.ListMapRunsInput{ExecutionArn: aws.String(*ex.ExecutionArn + "x")})
	wantCode(t, err, "ExecutionDoesNotExist", "")
	mapRun := strings.Replace(smArn, ":stateMachine:", ":mapRun:", 1) + "/label:0b7b4b35-3a2c-4d0e-9f5a-8d5c1a2b3c4d"
	_, err = e.client.DescribeMapRun(ctx(), &sfn.DescribeMapRunInput{MapRunArn: aws.String(mapRun)})
	wantCode(t, err, "ResourceNotFound", "Resource not found: '"+mapRun+"'")
	_, err = e.client.DescribeMapRun(ctx(), &sfn.DescribeMapRunInput{MapRunArn: ex.ExecutionArn})
	wantCode(t, err, "InvalidArn", "")
	_, err = e.client.UpdateMapRun(ctx(), &sfn.UpdateMapRunInput{MapRunArn: aws.String(mapRun), MaxConcurrency: aws.Int32(2)})
	wantCode(t, err, "ResourceNotFound", "")
	_, err = e.client.UpdateMapRun(ctx(), &sfn.UpdateMapRunInput{MapRunArn: aws.String(mapRun), ToleratedFailurePercentage: aws.Float32(101)})
	wantCode(t, err, "ValidationException", "Member must have value less than or equal to 100")
}
