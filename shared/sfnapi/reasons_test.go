package sfnapi_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/history"
	"github.com/stepwise/stepwise/shared/runner"
	"github.com/stepwise/stepwise/shared/sfnapi"
	"github.com/stepwise/stepwise/shared/store"
	"github.com/stepwise/stepwise/shared/store/memstore"
)

// mapRunRuntime is the fake runtime with one map run in a given status.
type mapRunRuntime struct {
	*fakeRuntime
	run runner.MapRun
}

func (m *mapRunRuntime) MapRuns(context.Context, string) ([]runner.MapRun, error) {
	return []runner.MapRun{m.run}, nil
}

func (m *mapRunRuntime) MapRun(_ context.Context, a string) (runner.MapRun, error) {
	if a != m.run.ARN {
		return runner.MapRun{}, store.ErrNotFound
	}
	return m.run, nil
}

func (m *mapRunRuntime) UpdateMapRun(context.Context, string, runner.MapRunUpdate) error {
	if m.run.Status != "RUNNING" {
		return runner.ErrMapRunNotRunning
	}
	return nil
}

// TestValidationReasons: ValidationExceptions the model gives a reason
// carry it on the wire ("reason"), where SDKs expose it.
func TestValidationReasons(t *testing.T) {
	const runARN = "arn:aws:states:us-east-1:123456789012:mapRun:sm/label:0b7b4b35-3a2c-4d0e-9f5a-8d5c1a2b3c4d"
	st := memstore.New()
	rt := &mapRunRuntime{fakeRuntime: &fakeRuntime{st: st, clock: &fakeClock{}, history: map[string][]history.Event{}},
		run: runner.MapRun{ARN: runARN, Status: "SUCCEEDED"}}
	api := sfnapi.New(st, rt, sfnapi.Options{Scope: arn.Default})
	sm := arn.Default.StateMachine("sm")
	tests := []struct {
		name, op, body, reason string
		status                 string // the map run's
	}{
		{"completed map run", "UpdateMapRun", `{"mapRunArn":"` + runARN + `","maxConcurrency":2}`, "CANNOT_UPDATE_COMPLETED_MAP_RUN", "SUCCEEDED"},
		{"running map run", "UpdateMapRun", `{"mapRunArn":"` + runARN + `","maxConcurrency":2}`, "", "RUNNING"},
		{"map run update without settings", "UpdateMapRun", `{"mapRunArn":"` + runARN + `"}`, "MISSING_REQUIRED_PARAMETER", "RUNNING"},
		{"alias routing to a state machine", "CreateStateMachineAlias",
			`{"name":"a","routingConfiguration":[{"stateMachineVersionArn":"` + sm + `","weight":100}]}`, "INVALID_ROUTING_CONFIGURATION", ""},
		{"alias weights not 100", "CreateStateMachineAlias",
			`{"name":"a","routingConfiguration":[{"stateMachineVersionArn":"` + sm + `:1","weight":60},{"stateMachineVersionArn":"` + sm + `:2","weight":30}]}`,
			"INVALID_ROUTING_CONFIGURATION", ""},
		{"labeled ARN to DeleteStateMachine", "DeleteStateMachine", `{"stateMachineArn":"` + sm + `/label"}`, "API_DOES_NOT_SUPPORT_LABELED_ARNS", ""},
		{"labeled ARN to StartExecution", "StartExecution", `{"stateMachineArn":"` + sm + `/label"}`, "API_DOES_NOT_SUPPORT_LABELED_ARNS", ""},
		{"labeled ARN to TagResource", "TagResource", `{"resourceArn":"` + sm + `/label","tags":[]}`, "API_DOES_NOT_SUPPORT_LABELED_ARNS", ""},
		{"labeled ARN to ListStateMachineVersions", "ListStateMachineVersions", `{"stateMachineArn":"` + sm + `/label"}`, "API_DOES_NOT_SUPPORT_LABELED_ARNS", ""},
		{"a plain validation error has none", "ListExecutions", `{"stateMachineArn":"` + sm + `","maxResults":1001}`, "-", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rt.run.Status = tc.status
			status, body, code := api.Handle(context.Background(), sfnapi.TargetPrefix+tc.op, []byte(tc.body))
			var got struct {
				Reason  string `json:"reason"`
				Message string `json:"message"`
			}
			_ = json.Unmarshal(body, &got)
			switch tc.reason {
			case "":
				if status != 200 {
					t.Fatalf("status %d %s: %s", status, code, body)
				}
			case "-":
				if code != sfnapi.CodeValidation || got.Reason != "" {
					t.Fatalf("%s %s: want a ValidationException without reason", code, body)
				}
			default:
				if code != sfnapi.CodeValidation || got.Reason != tc.reason || got.Message == "" {
					t.Fatalf("%s %s: want ValidationException with reason %s", code, body, tc.reason)
				}
			}
		})
	}
}

// TestDescribeStateMachine_LabeledArn: DescribeStateMachine is the one
// operation that takes a labeled ARN: an unknown map run's machine is
// StateMachineDoesNotExist, not a refusal.
func TestDescribeStateMachine_LabeledArn(t *testing.T) {
	st := memstore.New()
	api := sfnapi.New(st, &fakeRuntime{st: st, clock: &fakeClock{}, history: map[string][]history.Event{}}, sfnapi.Options{Scope: arn.Default})
	body := `{"stateMachineArn":"` + arn.Default.StateMachine("sm") + `/label"}`
	if _, resp, code := api.Handle(context.Background(), sfnapi.TargetPrefix+"DescribeStateMachine", []byte(body)); code != sfnapi.CodeStateMachineDoesNotExist {
		t.Fatalf("%s %s", code, resp)
	}
}
