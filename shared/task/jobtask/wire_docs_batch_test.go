package jobtask_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// The developer guide's AWS Batch example (connect-batch: a submitJob.sync
// Task whose optional members are all set), as Batch receives it
// (REST-JSON, POST /v1/submitjob, lowerCamel members), followed to its end.
func TestDocExamples_Batch(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.URL.Path+" "+string(body))
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/v1/submitjob":
			_, _ = io.WriteString(w, `{"jobArn":"arn:aws:batch:us-east-1:123456789012:job/876da822","jobName":"BATCH_NAME","jobId":"876da822-4198-45f2-a252-6cea32512ea8"}`)
		case "/v1/describejobs":
			_, _ = io.WriteString(w, `{"jobs":[{"jobArn":"arn:aws:batch:us-east-1:123456789012:job/876da822","jobName":"BATCH_NAME","jobId":"876da822-4198-45f2-a252-6cea32512ea8","jobQueue":"BATCH_QUEUE_ARN","status":"SUCCEEDED","createdAt":1600000000000,"jobDefinition":"BATCH_JOB_DEFINITION_ARN"}]}`)
		default:
			w.WriteHeader(404)
		}
	}))
	t.Cleanup(srv.Close)
	params := `{"JobName":"BATCH_NAME","JobQueue":"BATCH_QUEUE_ARN","JobDefinition":"BATCH_JOB_DEFINITION_ARN",
		"ArrayProperties":{"Size":10},"ContainerOverrides":{"ResourceRequirements":[{"Type":"VCPU","Value":"4"}]},
		"DependsOn":[{"JobId":"myJobId","Type":"SEQUENTIAL"}],"PropagateTags":true,"Parameters":{"Key1":"value1","Key2":100},
		"RetryStrategy":{"Attempts":1},"Tags":{"Tag":"TAG"},"Timeout":{"AttemptDurationSeconds":10}}`
	res := runOver(t, "batch", srv.URL, task.Request{Resource: "arn:aws:states:::batch:submitJob.sync", Input: jsonval.MustDecode(params)})
	want := `{"CreatedAt":1600000000000,"JobArn":"arn:aws:batch:us-east-1:123456789012:job/876da822","JobDefinition":"BATCH_JOB_DEFINITION_ARN","JobId":"876da822-4198-45f2-a252-6cea32512ea8","JobName":"BATCH_NAME","JobQueue":"BATCH_QUEUE_ARN","Status":"SUCCEEDED"}`
	if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want)) {
		t.Errorf("got %+v %s\nwant %s", res, jsonval.String(res.Output), want)
	}
	wantSubmit := `{"arrayProperties":{"size":10},"containerOverrides":{"resourceRequirements":[{"type":"VCPU","value":"4"}]},"dependsOn":[{"jobId":"myJobId","type":"SEQUENTIAL"}],"jobDefinition":"BATCH_JOB_DEFINITION_ARN","jobName":"BATCH_NAME","jobQueue":"BATCH_QUEUE_ARN","parameters":{"Key1":"value1","Key2":"100"},"propagateTags":true,"retryStrategy":{"attempts":1},"tags":{"Tag":"TAG"},"timeout":{"attemptDurationSeconds":10}}`
	if len(got) != 2 || canonical(t, got[0][len("/v1/submitjob "):]) != canonical(t, wantSubmit) ||
		got[1] != `/v1/describejobs {"jobs":["876da822-4198-45f2-a252-6cea32512ea8"]}` {
		t.Errorf("requests %q\nwant submit %s", got, wantSubmit)
	}
}

// canonical re-encodes JSON text with sorted keys.
func canonical(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
