package sfnapi_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// No poison state: input (and task output) nested beyond the depth quota
// (1,000 levels, as AWS's JSON parser) is refused where it enters, with AWS's error, rather
// than stored where the runner could not read it back.
func TestTooDeepInputIsRefused(t *testing.T) {
	e := newEnv(t)
	std := e.mustCreate(t, "sm", "STANDARD", passDef)
	exp := e.mustCreate(t, "ex", "EXPRESS", passDef)
	deep := aws.String(strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000))
	const msg = "Invalid State Machine Execution Input: 'Document nesting depth (1001) exceeds the maximum allowed (1000)'"
	_, err := e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(std), Input: deep})
	wantCode(t, err, "InvalidExecutionInput", msg)
	_, err = e.client.StartSyncExecution(ctx(), &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(exp), Input: deep})
	wantCode(t, err, "InvalidExecutionInput", msg)
	_, err = e.client.TestState(ctx(), &sfn.TestStateInput{Definition: aws.String(`{"Type":"Pass","End":true}`),
		RoleArn: aws.String("arn:aws:iam::000000000000:role/R"), Input: deep})
	wantCode(t, err, "InvalidExecutionInput", msg)

	_, err = e.client.SendTaskSuccess(ctx(), &sfn.SendTaskSuccessInput{TaskToken: aws.String("token"), Output: deep})
	wantCode(t, err, "InvalidOutput", "Invalid Output: 'Document nesting depth (1001) exceeds the maximum allowed (1000)'")

	ok := aws.String(strings.Repeat("[", 1000) + strings.Repeat("]", 1000))
	_, err = e.client.StartExecution(ctx(), &sfn.StartExecutionInput{StateMachineArn: aws.String(std), Input: ok})
	mustNil(t, err, "start with 1,000 levels")
}
