package jobtask_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// The developer guide's example Task states, as their services receive
// them on the wire.
func TestDocExamples_Requests(t *testing.T) {
	for _, tc := range []struct {
		service, resource, params, op, want string
		replies                             map[string][]string
	}{
		{service: "athena", resource: "arn:aws:states:::athena:startQueryExecution", op: "StartQueryExecution",
			params:  `{"QueryString":"SELECT * FROM \"myDatabase\".\"myTable\" limit 1","WorkGroup":"primary","ResultConfiguration":{"OutputLocation":"s3://amzn-s3-demo-bucket"}}`,
			want:    `{"QueryString":"SELECT * FROM \"myDatabase\".\"myTable\" limit 1","ResultConfiguration":{"OutputLocation":"s3://amzn-s3-demo-bucket"},"WorkGroup":"primary"}`,
			replies: map[string][]string{"StartQueryExecution": {`{"QueryExecutionId":"q-1"}`}}},
		{service: "ecs", resource: "arn:aws:states:::ecs:runTask", op: "RunTask",
			params:  `{"Cluster":"cluster-arn","TaskDefinition":"job-id","Overrides":{"ContainerOverrides":[{"Name":"container-name","Command":["echo","hi"]}]}}`,
			want:    `{"cluster":"cluster-arn","overrides":{"containerOverrides":[{"command":["echo","hi"],"name":"container-name"}]},"taskDefinition":"job-id"}`,
			replies: map[string][]string{"RunTask": {`{"tasks":[],"failures":[]}`}}},
		// connect-codebuild: Ids from "$.Build..Arn" of a StartBuild result.
		{service: "codebuild", resource: "arn:aws:states:::codebuild:batchDeleteBuilds", op: "BatchDeleteBuilds",
			params:  `{"Ids":["arn:aws:codebuild:us-east-1:123456789012:build/MyProject:b1f5c2b9"]}`,
			want:    `{"ids":["arn:aws:codebuild:us-east-1:123456789012:build/MyProject:b1f5c2b9"]}`,
			replies: map[string][]string{"BatchDeleteBuilds": {`{"buildsDeleted":["arn:aws:codebuild:us-east-1:123456789012:build/MyProject:b1f5c2b9"],"buildsNotDeleted":[]}`}}},
		{service: "glue", resource: "arn:aws:states:::glue:startJobRun", op: "StartJobRun",
			params:  `{"JobName":"GlueJob-JTrRO5l98qMG"}`,
			want:    `{"JobName":"GlueJob-JTrRO5l98qMG"}`,
			replies: map[string][]string{"StartJobRun": {`{"JobRunId":"jr_1"}`}}},
	} {
		t.Run(tc.service, func(t *testing.T) {
			url, got := json11(t, tc.replies)
			res := runOver(t, tc.service, url, task.Request{Resource: tc.resource, Input: jsonval.MustDecode(tc.params)})
			if res.Failed {
				t.Fatalf("%+v", res)
			}
			op, body, _ := strings.Cut((*got)[0], " ")
			var gotBody, wantBody any
			_ = json.Unmarshal([]byte(body), &gotBody)
			// The SDK fills idempotency tokens with a random UUID when the
			// state (or the attempt, see TestSync) sets none.
			delete(gotBody.(map[string]any), "ClientRequestToken")
			delete(gotBody.(map[string]any), "clientToken")
			_ = json.Unmarshal([]byte(tc.want), &wantBody)
			if g, w := mustJSON(gotBody), mustJSON(wantBody); op != tc.op || g != w {
				t.Errorf("%s %s, want %s %s", op, g, tc.op, w)
			}
		})
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
