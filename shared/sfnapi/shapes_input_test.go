package sfnapi

import (
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// sdkInputs are the SDK's input types, which hold exactly the model's
// members.
var sdkInputs = map[string]any{
	"CreateStateMachine": sfn.CreateStateMachineInput{}, "DescribeStateMachine": sfn.DescribeStateMachineInput{},
	"UpdateStateMachine": sfn.UpdateStateMachineInput{}, "DeleteStateMachine": sfn.DeleteStateMachineInput{},
	"ListStateMachines": sfn.ListStateMachinesInput{}, "ValidateStateMachineDefinition": sfn.ValidateStateMachineDefinitionInput{},
	"PublishStateMachineVersion": sfn.PublishStateMachineVersionInput{}, "ListStateMachineVersions": sfn.ListStateMachineVersionsInput{},
	"DeleteStateMachineVersion": sfn.DeleteStateMachineVersionInput{}, "CreateStateMachineAlias": sfn.CreateStateMachineAliasInput{},
	"DescribeStateMachineAlias": sfn.DescribeStateMachineAliasInput{}, "UpdateStateMachineAlias": sfn.UpdateStateMachineAliasInput{},
	"DeleteStateMachineAlias": sfn.DeleteStateMachineAliasInput{}, "ListStateMachineAliases": sfn.ListStateMachineAliasesInput{},
	"StartExecution": sfn.StartExecutionInput{}, "StartSyncExecution": sfn.StartSyncExecutionInput{}, "StopExecution": sfn.StopExecutionInput{},
	"DescribeExecution": sfn.DescribeExecutionInput{}, "ListExecutions": sfn.ListExecutionsInput{}, "GetExecutionHistory": sfn.GetExecutionHistoryInput{},
	"DescribeStateMachineForExecution": sfn.DescribeStateMachineForExecutionInput{}, "RedriveExecution": sfn.RedriveExecutionInput{},
	"SendTaskSuccess": sfn.SendTaskSuccessInput{}, "SendTaskFailure": sfn.SendTaskFailureInput{}, "SendTaskHeartbeat": sfn.SendTaskHeartbeatInput{},
	"CreateActivity": sfn.CreateActivityInput{}, "DescribeActivity": sfn.DescribeActivityInput{}, "DeleteActivity": sfn.DeleteActivityInput{},
	"ListActivities": sfn.ListActivitiesInput{}, "GetActivityTask": sfn.GetActivityTaskInput{}, "TagResource": sfn.TagResourceInput{},
	"UntagResource": sfn.UntagResourceInput{}, "ListTagsForResource": sfn.ListTagsForResourceInput{}, "TestState": sfn.TestStateInput{},
	"ListMapRuns": sfn.ListMapRunsInput{}, "DescribeMapRun": sfn.DescribeMapRunInput{}, "UpdateMapRun": sfn.UpdateMapRunInput{},
}

// Input members Stepwise does not read yet, with the reason: a wrong type
// there is not answered with SerializationException.
var notDecoded = map[string]string{}

// TestOperations_DecodeTheModelsMembers requires every operation to decode
// exactly the model's input members, nested structures included, each as
// the model's type: a member it does not decode escapes the type check
// AWS answers with SerializationException, and one AWS does not have is
// rejected where AWS ignores it.
func TestOperations_DecodeTheModelsMembers(t *testing.T) {
	if len(sdkInputs) != len(operations) {
		t.Fatalf("%d SDK inputs for %d operations", len(sdkInputs), len(operations))
	}
	for op, fn := range handlers {
		compareInput(t, op, reflect.TypeOf(fn).In(2), reflect.TypeOf(sdkInputs[op]))
	}
}

// compareInput compares our decoded structure with the SDK's, member by
// member, and descends into nested structures and list items.
func compareInput(t *testing.T, path string, ours, sdk reflect.Type) {
	t.Helper()
	ours, sdk = deref(ours), deref(sdk)
	if sdk.Kind() == reflect.Slice && ours.Kind() == reflect.Slice {
		compareInput(t, path+".member", ours.Elem(), sdk.Elem())
		return
	}
	if sdk.Kind() != reflect.Struct || ours.Kind() != reflect.Struct {
		if k := kindOf(sdk); k != kindOf(ours) {
			t.Errorf("%s: decoded as %s, the model's is %s", path, ours, k)
		}
		return
	}
	fields := decodedFields(ours)
	for i := range sdk.NumField() {
		f := sdk.Field(i)
		if !f.IsExported() || f.Name == "noSmithyDocumentSerde" {
			continue
		}
		r := []rune(f.Name)
		r[0] = unicode.ToLower(r[0])
		name := string(r)
		sub := strings.TrimPrefix(path+"."+name, ".")
		of, ok := fields[name]
		delete(fields, name)
		if !ok {
			if notDecoded[sub] == "" {
				t.Errorf("%s: not decoded", sub)
			}
			continue
		}
		compareInput(t, sub, of, f.Type)
	}
	for name := range fields {
		t.Errorf("%s.%s: decoded, but not the model's", path, name)
	}
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// decodedFields are a Go structure's JSON members, embedded ones included.
func decodedFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch {
		case f.Anonymous && name == "":
			for n, ft := range decodedFields(deref(f.Type)) {
				out[n] = ft
			}
		case name != "" && name != "-":
			out[name] = f.Type
		}
	}
	return out
}

// kindOf is the deserializer's view of a scalar type: the Java type whose
// name a SerializationException gives.
func kindOf(t reflect.Type) string {
	switch deref(t).Kind() {
	case reflect.String:
		return "String"
	case reflect.Int, reflect.Int32:
		return "Integer"
	case reflect.Int64:
		return "Long"
	case reflect.Float32, reflect.Float64:
		return "Float"
	case reflect.Bool:
		return "Boolean"
	}
	return deref(t).Kind().String()
}
