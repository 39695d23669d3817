package apigwtask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/apigwtask"
)

const endpoint = "abc123.execute-api.eu-west-1.amazonaws.com"

// seen is what the loopback API received.
type seen struct {
	method, uri, host, body, auth, token string
}

func api(t *testing.T) (*httptest.Server, *seen) {
	s := &seen{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		*s = seen{r.Method, r.URL.RequestURI(), r.Host, string(b), r.Header.Get("Authorization"), r.Header.Get("TaskToken")}
		switch {
		case strings.HasSuffix(r.URL.Path, "/secret") && s.auth == "":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(403)
			_, _ = io.WriteString(w, `{"message":"Missing Authentication Token"}`)
		case strings.HasSuffix(r.URL.Path, "/text"):
			_, _ = io.WriteString(w, "plain")
		default:
			w.Header().Set("Content-Type", "application/json")
			w.Header().Add("X-Multi", "a")
			w.Header().Add("X-Multi", "b")
			w.Header()["Date"] = nil // no date: the expected headers are fixed
			_, _ = io.WriteString(w, `{"myBills":[]}`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, s
}

func TestInvoke(t *testing.T) {
	srv, got := api(t)
	inv := apigwtask.New(credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		apigwtask.Options{BaseURL: func(string) string { return srv.URL }})
	call := func(resource, params string) task.Result {
		t.Helper()
		res, err := inv.Invoke(context.Background(), task.Request{State: "Call", Resource: resource, Input: jsonval.MustDecode(params)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// The developer guide's example, answered with its example response.
	res := call(apigwtask.Resource, `{"ApiEndpoint":"`+endpoint+`","Method":"GET","Headers":{"key":["value1","value2"]},
		"Stage":"prod","Path":"bills","QueryParameters":{"billId":["123456"]},"AuthType":"NO_AUTH"}`)
	want := `{"ResponseBody":{"myBills":[]},"Headers":{"Content-Length":["14"],"Content-Type":["application/json"],"X-Multi":["a","b"]},"StatusCode":200,"StatusText":"OK"}`
	if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want)) {
		t.Errorf("got %+v %s\nwant %s", res, jsonval.String(res.Output), want)
	}
	if got.method != "GET" || got.uri != "/prod/bills?billId=123456" || got.host != endpoint || got.auth != "" {
		t.Errorf("request %+v", *got)
	}

	res = call(apigwtask.Resource, `{"ApiEndpoint":"`+endpoint+`","Method":"POST","Path":"secret","RequestBody":{"billId":"b"}}`)
	if res.Error != "ApiGateway.403" || res.Cause != `{"message":"Missing Authentication Token"}` || got.body != `{"billId":"b"}` {
		t.Errorf("unsigned: %+v (body %s)", res, got.body)
	}
	res = call(apigwtask.Resource+".waitForTaskToken", `{"ApiEndpoint":"`+endpoint+`","Method":"POST","Stage":"prod","Path":"secret",
		"AuthType":"IAM_ROLE","Headers":{"TaskToken":["tok"]},"RequestBody":"raw"}`)
	if res.Failed || !res.Pending || got.token != "tok" || got.body != "raw" ||
		!strings.HasPrefix(got.auth, "AWS4-HMAC-SHA256 Credential=AKID/") || !strings.Contains(got.auth, "/eu-west-1/execute-api/aws4_request") {
		t.Errorf("signed: %+v, request %+v", res, *got)
	}
	res = call(apigwtask.Resource, `{"ApiEndpoint":"`+endpoint+`","Method":"GET","Path":"text"}`)
	if field(res.Output, "ResponseBody") != "plain" {
		t.Errorf("text body: %s", jsonval.String(res.Output))
	}
}

func TestInvoke_Refused(t *testing.T) {
	inv := apigwtask.New(nil, apigwtask.Options{BaseURL: func(string) string { return "http://127.0.0.1:1" }})
	for _, params := range []string{
		`{"ApiEndpoint":"example.com","Method":"GET"}`,
		`{"ApiEndpoint":"` + endpoint + `","Method":"TRACE"}`,
		`{"ApiEndpoint":"` + endpoint + `","Method":"GET","Headers":{"X-Amz-Date":["now"]}}`,
		`{"ApiEndpoint":"` + endpoint + `","Method":"GET","Headers":{"Host":["evil"]}}`,
		`{"ApiEndpoint":"` + endpoint + `","Method":"GET","QueryParameters":{"a":"b"}}`,
		`{"ApiEndpoint":"` + endpoint + `","Method":"GET","AuthType":"COGNITO"}`,
	} {
		res, _ := inv.Invoke(context.Background(), task.Request{Resource: apigwtask.Resource, Input: jsonval.MustDecode(params)})
		if res.Error != "States.Runtime" {
			t.Errorf("%s: %+v", params, res)
		}
	}
	res, _ := inv.Invoke(context.Background(), task.Request{Resource: apigwtask.Resource,
		Input: jsonval.MustDecode(`{"ApiEndpoint":"` + endpoint + `","Method":"GET"}`)})
	if res.Error != "ApiGateway.ConnectException" {
		t.Errorf("unreachable: %+v", res)
	}
}

func field(v jsonval.Value, k string) jsonval.Value {
	o, _ := v.(*jsonval.Object)
	if o == nil {
		return nil
	}
	x, _ := o.Get(k)
	return x
}
