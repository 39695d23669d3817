package jobtask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// athenaWire answers Athena's AWS JSON 1.1 protocol as the service does:
// a query that succeeds on its second look, timestamps in epoch seconds.
func athenaWire(t *testing.T) (*httptest.Server, *[]string) {
	var got []string
	looks := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		target := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "AmazonAthena.")
		got = append(got, target+" "+string(body))
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-Requestid", "req-1")
		switch target {
		case "StartQueryExecution":
			_, _ = io.WriteString(w, `{"QueryExecutionId":"q-1"}`)
		case "GetQueryExecution":
			looks++
			state := map[bool]string{true: "SUCCEEDED", false: "RUNNING"}[looks > 1]
			_, _ = io.WriteString(w, `{"QueryExecution":{"QueryExecutionId":"q-1","Query":"SELECT 1","Status":{"State":"`+state+`","SubmissionDateTime":1.6E9}}}`)
		default:
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"__type":"InvalidRequestException","Message":"QueryExecution q-2 was not found","AthenaErrorCode":"INVALID_INPUT"}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &got
}

func TestAthena_OverTheWire(t *testing.T) {
	srv, got := athenaWire(t)
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	sdk := sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{"athena": srv.URL}}, builtin.Services()...)
	inv := jobtask.New(sdk, jobtask.Options{FirstPoll: time.Millisecond})
	ctx := context.Background()
	req := task.Request{State: "Q", Resource: "arn:aws:states:::athena:startQueryExecution.sync",
		Input: jsonval.MustDecode(`{"QueryString":"SELECT 1"}`), AttemptID: "a"}
	res, err := inv.Invoke(ctx, req)
	for i := 0; err == nil && res.Poll != nil && i < 5; i++ {
		req.Job = res.Poll.Job
		res, err = inv.Invoke(ctx, req)
	}
	if err != nil {
		t.Fatal(err)
	}
	want := `{"QueryExecution":{"QueryExecutionId":"q-1","Query":"SELECT 1","Status":{"State":"SUCCEEDED","SubmissionDateTime":1600000000000}}}`
	if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want)) {
		t.Fatalf("got %+v %s, want output %s", res, jsonval.String(res.Output), want)
	}
	if len(*got) != 3 || !strings.Contains((*got)[0], `"ClientRequestToken":"`) || (*got)[1] != `GetQueryExecution {"QueryExecutionId":"q-1"}` {
		t.Errorf("requests %q", *got)
	}
	res, err = inv.Invoke(ctx, task.Request{Resource: "arn:aws:states:::athena:startQueryExecution",
		Input: jsonval.MustDecode(`{"QueryString":"SELECT 1"}`)})
	if err != nil || res.Failed {
		t.Fatalf("%+v %v", res, err)
	}
	meta := res.Output.(*jsonval.Object)
	if md, _ := meta.Get("SdkResponseMetadata"); jsonval.String(md) != `{"RequestId":"req-1"}` {
		t.Errorf("request-response metadata: %s", jsonval.String(res.Output))
	}
	res, err = inv.Invoke(ctx, task.Request{Resource: "arn:aws:states:::athena:getQueryResults", Input: jsonval.MustDecode(`{"QueryExecutionId":"q-2"}`)})
	if err != nil || res.Error != "Athena.InvalidRequestException" ||
		res.Cause != "QueryExecution q-2 was not found (Service: AmazonAthena; Status Code: 400; Error Code: InvalidRequestException; Request ID: req-1; Proxy: null)" {
		t.Errorf("error: %+v %v", res, err)
	}
}
