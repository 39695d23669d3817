package console

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
)

func TestProxy(t *testing.T) {
	var got *http.Request
	var gotBody string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("Content-Type", "application/x-amz-json-1.0")
		w.Header().Set("X-Amzn-ErrorType", "StateMachineDoesNotExist")
		w.WriteHeader(400)
		_, _ = w.Write([]byte(`{"__type":"StateMachineDoesNotExist"}`))
	}))
	defer api.Close()
	endpoint, _ := url.Parse(api.URL + "/")
	p := &Proxy{Endpoint: endpoint, Region: "eu-west-1",
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		Now:         func() time.Time { return time.Date(2026, 12, 5, 1, 0, 0, 0, time.UTC) }}
	h := Mount(p)
	cases := []struct {
		name, method, path, target, ctype, origin string
		status                                    int
		forwarded                                 bool
	}{
		{"API call", "POST", "/", "AWSStepFunctions.DescribeStateMachine", "application/x-amz-json-1.0", "", 400, true},
		{"same origin", "POST", "/", "AWSStepFunctions.DescribeStateMachine", "application/x-amz-json-1.0", "http://example.com", 400, true},
		{"other origin", "POST", "/", "AWSStepFunctions.DescribeStateMachine", "application/x-amz-json-1.0", "http://evil.test", 403, false},
		{"form post", "POST", "/", "", "text/plain", "", 403, false},
		{"GET", "GET", "/", "", "", "", 403, false},
		{"page", "GET", "/console/", "", "", "", 200, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got = nil
			req := httptest.NewRequest(c.method, c.path, strings.NewReader(`{"stateMachineArn":"x"}`))
			for k, v := range map[string]string{"X-Amz-Target": c.target, "Content-Type": c.ctype, "Origin": c.origin} {
				if v != "" {
					req.Header.Set(k, v)
				}
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != c.status || (got != nil) != c.forwarded {
				t.Fatalf("status %d forwarded %v, want %d %v: %s", rec.Code, got != nil, c.status, c.forwarded, rec.Body)
			}
			if !c.forwarded {
				return
			}
			auth := got.Header.Get("Authorization")
			if !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261205/eu-west-1/execute-api/aws4_request") {
				t.Errorf("Authorization %q", auth)
			}
			if got.Header.Get("X-Amz-Target") != c.target || gotBody != `{"stateMachineArn":"x"}` || got.Header.Get("X-Amz-Content-Sha256") == "" && !strings.Contains(auth, "Signature=") {
				t.Errorf("forwarded %v %q", got.Header, gotBody)
			}
			if rec.Header().Get("X-Amzn-ErrorType") != "StateMachineDoesNotExist" || !strings.Contains(rec.Body.String(), "StateMachineDoesNotExist") {
				t.Errorf("answer %v %s", rec.Header(), rec.Body)
			}
		})
	}
}
