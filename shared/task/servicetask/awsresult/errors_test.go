package awsresult

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
)

// A task.FailureError (Task Credentials whose role cannot be assumed)
// keeps its result instead of becoming the service's SdkClientException.
func TestFailure_KeepsFailureError(t *testing.T) {
	want := task.Failure("States.TaskFailed", "Unable to assume the role 'r' of the Task's Credentials: AccessDenied")
	for name, err := range map[string]error{
		"bare":    &task.FailureError{Result: want},
		"wrapped": fmt.Errorf("start job: %w", &task.FailureError{Result: want}),
	} {
		if got := SQS.Failure(err); got.Error != want.Error || got.Cause != want.Cause || !got.Failed {
			t.Errorf("%s: %+v, want %+v", name, got, want)
		}
	}
	if got := SQS.Failure(errors.New("dial tcp: refused")); got.Error != "SQS.SdkClientException" {
		t.Errorf("plain error: %s", got.Error)
	}
}
