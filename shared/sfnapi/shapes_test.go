package sfnapi

import (
	"reflect"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// handlers are the operations' typed functions, to read their output types.
var handlers = map[string]any{
	"CreateStateMachine": createStateMachine, "DescribeStateMachine": describeStateMachine,
	"UpdateStateMachine": updateStateMachine, "DeleteStateMachine": deleteStateMachine,
	"ListStateMachines": listStateMachines, "ValidateStateMachineDefinition": validateStateMachineDefinition,
	"PublishStateMachineVersion": publishStateMachineVersion, "ListStateMachineVersions": listStateMachineVersions,
	"DeleteStateMachineVersion": deleteStateMachineVersion, "CreateStateMachineAlias": createStateMachineAlias,
	"DescribeStateMachineAlias": describeStateMachineAlias, "UpdateStateMachineAlias": updateStateMachineAlias,
	"DeleteStateMachineAlias": deleteStateMachineAlias, "ListStateMachineAliases": listStateMachineAliases,
	"StartExecution": startExecution, "StartSyncExecution": startSyncExecution, "StopExecution": stopExecution,
	"DescribeExecution": describeExecution, "ListExecutions": listExecutions, "GetExecutionHistory": getExecutionHistory,
	"DescribeStateMachineForExecution": describeStateMachineForExecution, "RedriveExecution": redriveExecution,
	"SendTaskSuccess": sendTaskSuccess, "SendTaskFailure": sendTaskFailure, "SendTaskHeartbeat": sendTaskHeartbeat,
	"CreateActivity": createActivity, "DescribeActivity": describeActivity, "DeleteActivity": deleteActivity,
	"ListActivities": listActivities, "GetActivityTask": getActivityTask, "TagResource": tagResource,
	"UntagResource": untagResource, "ListTagsForResource": listTagsForResource, "TestState": testState,
	"ListMapRuns": listMapRuns, "DescribeMapRun": describeMapRun, "UpdateMapRun": updateMapRun,
}

// sdkOutputs are the SDK's output types, which hold exactly the model's
// members (plus the SDK's ResultMetadata).
var sdkOutputs = map[string]any{
	"CreateStateMachine": sfn.CreateStateMachineOutput{}, "DescribeStateMachine": sfn.DescribeStateMachineOutput{},
	"UpdateStateMachine": sfn.UpdateStateMachineOutput{}, "DeleteStateMachine": sfn.DeleteStateMachineOutput{},
	"ListStateMachines": sfn.ListStateMachinesOutput{}, "ValidateStateMachineDefinition": sfn.ValidateStateMachineDefinitionOutput{},
	"PublishStateMachineVersion": sfn.PublishStateMachineVersionOutput{}, "ListStateMachineVersions": sfn.ListStateMachineVersionsOutput{},
	"DeleteStateMachineVersion": sfn.DeleteStateMachineVersionOutput{}, "CreateStateMachineAlias": sfn.CreateStateMachineAliasOutput{},
	"DescribeStateMachineAlias": sfn.DescribeStateMachineAliasOutput{}, "UpdateStateMachineAlias": sfn.UpdateStateMachineAliasOutput{},
	"DeleteStateMachineAlias": sfn.DeleteStateMachineAliasOutput{}, "ListStateMachineAliases": sfn.ListStateMachineAliasesOutput{},
	"StartExecution": sfn.StartExecutionOutput{}, "StartSyncExecution": sfn.StartSyncExecutionOutput{}, "StopExecution": sfn.StopExecutionOutput{},
	"DescribeExecution": sfn.DescribeExecutionOutput{}, "ListExecutions": sfn.ListExecutionsOutput{}, "GetExecutionHistory": sfn.GetExecutionHistoryOutput{},
	"DescribeStateMachineForExecution": sfn.DescribeStateMachineForExecutionOutput{}, "RedriveExecution": sfn.RedriveExecutionOutput{},
	"SendTaskSuccess": sfn.SendTaskSuccessOutput{}, "SendTaskFailure": sfn.SendTaskFailureOutput{}, "SendTaskHeartbeat": sfn.SendTaskHeartbeatOutput{},
	"CreateActivity": sfn.CreateActivityOutput{}, "DescribeActivity": sfn.DescribeActivityOutput{}, "DeleteActivity": sfn.DeleteActivityOutput{},
	"ListActivities": sfn.ListActivitiesOutput{}, "GetActivityTask": sfn.GetActivityTaskOutput{}, "TagResource": sfn.TagResourceOutput{},
	"UntagResource": sfn.UntagResourceOutput{}, "ListTagsForResource": sfn.ListTagsForResourceOutput{}, "TestState": sfn.TestStateOutput{},
	"ListMapRuns": sfn.ListMapRunsOutput{}, "DescribeMapRun": sfn.DescribeMapRunOutput{}, "UpdateMapRun": sfn.UpdateMapRunOutput{},
}

// Members Stepwise leaves out on purpose, with the reason.
var notAnswered = map[string]string{}

// TestOperations_AnswerTheModelsMembers requires every operation's
// response to have exactly the members of the API model's output.
func TestOperations_AnswerTheModelsMembers(t *testing.T) {
	if len(handlers) != len(operations) || len(sdkOutputs) != len(operations) {
		t.Fatalf("%d handlers and %d SDK outputs for %d operations", len(handlers), len(sdkOutputs), len(operations))
	}
	for op, fn := range handlers {
		ours := jsonMembers(reflect.TypeOf(fn).Out(0))
		for _, m := range modelMembers(reflect.TypeOf(sdkOutputs[op])) {
			if !ours[m] && notAnswered[op+"."+m] == "" {
				t.Errorf("%s: member %s missing", op, m)
			}
			delete(ours, m)
		}
		for m := range ours {
			t.Errorf("%s: member %s is not AWS's", op, m)
		}
	}
}

// TestListItems_AnswerTheModelsMembers does the same for the structures
// the responses nest.
func TestListItems_AnswerTheModelsMembers(t *testing.T) {
	notAnswered := map[string]string{}
	for _, tc := range []struct {
		name      string
		ours, sdk any
	}{
		{"executionItem", executionItem{}, types.ExecutionListItem{}},
		{"stateMachineItem", stateMachineItem{}, types.StateMachineListItem{}},
		{"aliasItem", aliasItem{}, types.StateMachineAliasListItem{}},
		{"versionItem", versionItem{}, types.StateMachineVersionListItem{}},
		{"activityItem", activityItem{}, types.ActivityListItem{}},
		{"mapRunItem", mapRunItem{}, types.MapRunListItem{}},
		{"route", route{}, types.RoutingConfigurationListItem{}},
		{"diagnostic", diagnostic{}, types.ValidateStateMachineDefinitionDiagnostic{}},
		{"encryptionConfig", encryptionConfig{}, types.EncryptionConfiguration{}},
		{"loggingConfig", loggingConfig{}, types.LoggingConfiguration{}},
	} {
		ours := jsonMembers(reflect.TypeOf(tc.ours))
		for _, m := range modelMembers(reflect.TypeOf(tc.sdk)) {
			if !ours[m] && notAnswered[tc.name+"."+m] == "" {
				t.Errorf("%s: member %s missing", tc.name, m)
			}
			delete(ours, m)
		}
		for m := range ours {
			t.Errorf("%s: member %s is not AWS's", tc.name, m)
		}
	}
}

// jsonMembers are the JSON names of a response type's members.
func jsonMembers(t reflect.Type) map[string]bool {
	out := map[string]bool{}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return out
	}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}

// modelMembers are the model's member names of an SDK output type.
func modelMembers(t reflect.Type) []string {
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		r := []rune(f.Name)
		r[0] = unicode.ToLower(r[0])
		out = append(out, string(r))
	}
	sort.Strings(out)
	return out
}
