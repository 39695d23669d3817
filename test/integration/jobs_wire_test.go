//go:build integration

package integration

import (
	"net/http"
	"strings"
	"testing"
)

// athenaServer speaks Athena's AWS JSON 1.1 protocol (X-Amz-Target
// AmazonAthena.<Op>), honouring ClientRequestToken as Athena does.
func athenaServer(t *testing.T, b *jobBook) string {
	const ct = "application/x-amz-json-1.1"
	return serveJSON(t, func(w http.ResponseWriter, r *http.Request, body map[string]any) {
		id, _ := body["QueryExecutionId"].(string)
		switch strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonAthena.") {
		case "StartQueryExecution":
			q, _ := body["QueryString"].(string)
			token, _ := body["ClientRequestToken"].(string)
			reply(w, ct, 200, map[string]any{"QueryExecutionId": b.start("q", q, token).id})
		case "GetQueryExecution":
			j, state, ok := b.state(id, [4]string{"RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"})
			if !ok {
				reply(w, ct, 400, map[string]any{"__type": "InvalidRequestException", "Message": "QueryExecution " + id + " was not found"})
				return
			}
			status := map[string]any{"State": state, "SubmissionDateTime": epochSeconds(j.started)}
			if state == "FAILED" {
				status["StateChangeReason"] = "SYNTAX_ERROR: line 1:1: mismatched input 'FAIL'"
			}
			reply(w, ct, 200, map[string]any{"QueryExecution": map[string]any{"QueryExecutionId": id, "Query": j.text, "Status": status}})
		case "StopQueryExecution":
			b.stop(id)
			reply(w, ct, 200, map[string]any{})
		default:
			reply(w, ct, 400, map[string]any{"__type": "UnknownOperationException"})
		}
	})
}

// batchServer speaks AWS Batch's REST-JSON protocol (POST /v1/<op>,
// lowerCamel members, timestamps as epoch milliseconds).
func batchServer(t *testing.T, b *jobBook) string {
	const ct = "application/json"
	return serveJSON(t, func(w http.ResponseWriter, r *http.Request, body map[string]any) {
		switch r.URL.Path {
		case "/v1/submitjob":
			name, _ := body["jobName"].(string)
			j := b.start("job", name, "")
			reply(w, ct, 200, map[string]any{"jobArn": "arn:aws:batch:us-east-1:000000000000:job/" + j.id, "jobName": name, "jobId": j.id})
		case "/v1/describejobs":
			ids, _ := body["jobs"].([]any)
			var jobs []any
			for _, v := range ids {
				id, _ := v.(string)
				if j, state, ok := b.state(id, [4]string{"RUNNING", "SUCCEEDED", "FAILED", "FAILED"}); ok {
					jobs = append(jobs, map[string]any{"jobArn": "arn:aws:batch:us-east-1:000000000000:job/" + id, "jobName": j.text,
						"jobId": id, "jobQueue": "q", "status": state, "createdAt": j.started.UnixMilli(), "jobDefinition": "d"})
				}
			}
			reply(w, ct, 200, map[string]any{"jobs": jobs})
		case "/v1/terminatejob":
			id, _ := body["jobId"].(string)
			if !b.stop(id) {
				reply(w, ct, 400, map[string]any{"__type": "ClientException", "message": "Job " + id + " not found"})
				return
			}
			reply(w, ct, 200, map[string]any{})
		default:
			reply(w, ct, 404, map[string]any{"__type": "UnknownOperationException"})
		}
	})
}
