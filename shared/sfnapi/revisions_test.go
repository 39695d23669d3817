package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// TestPublish_RevisionId: PublishStateMachineVersion's revisionId guard.
// A machine never updated has no revisionId; clients name that revision
// INITIAL (AWS's API reference), and a mismatch reports it as null.
func TestPublish_RevisionId(t *testing.T) {
	e := newEnv(t)
	fresh := e.mustCreate(t, "fresh", "STANDARD", passDef)
	updated := e.mustCreate(t, "updated", "STANDARD", passDef)
	up, err := e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(updated), Definition: aws.String(waitDef)})
	mustNil(t, err, "update")
	rev := aws.ToString(up.RevisionId)
	tests := []struct {
		name, sm, revision, code, msg string
	}{
		{"initial matches a fresh machine", fresh, "INITIAL", "", ""},
		{"other revision on a fresh machine", fresh, "r-1", "ConflictException",
			"Failed to publish the State Machine version for revision r-1. The current State Machine revision is null."},
		{"current revision", updated, rev, "", ""},
		{"initial on an updated machine", updated, "INITIAL", "ConflictException",
			"Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is " + rev + "."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := e.client.PublishStateMachineVersion(ctx(), &sfn.PublishStateMachineVersionInput{
				StateMachineArn: aws.String(tc.sm), RevisionId: aws.String(tc.revision)})
			if tc.code == "" {
				mustNil(t, err, "publish")
				return
			}
			wantCode(t, err, tc.code, tc.msg)
		})
	}
}
