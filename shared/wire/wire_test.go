package wire

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/task"
)

// TestInvoker_AllowList: an allow-list of task resources restricts Task
// states, not the Map's readers and writers, whose reach IAM decides.
func TestInvoker_AllowList(t *testing.T) {
	mux := Invoker(aws.Config{Region: "us-east-1"}, nil, []string{"arn:aws:lambda:us-east-1:123456789012:function:app"}, limits.Limits{})
	for resource, want := range map[string]string{
		"arn:aws:states:::s3:getObject":     "States.ItemReaderFailed",
		"arn:aws:states:::s3:listObjectsV2": "States.ItemReaderFailed",
		"arn:aws:states:::s3:putObject":     "States.ResultWriterFailed",
		"arn:aws:states:::sqs:sendMessage":  "States.Permissions",
		"arn:aws:states:::dynamodb:putItem": "States.Permissions",
	} {
		// Inputs without a bucket fail before any call is made.
		res, err := mux.Invoke(context.Background(), task.Request{Resource: resource, Input: jsonval.MustDecode(`{}`)})
		if err != nil || res.Error != want {
			t.Errorf("%s: %+v, %v; want %s", resource, res, err, want)
		}
	}
}
