package builtin_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// renderCase is one call of a built-in service, taken from the examples
// of the service's API reference: the Parameters a state passes, the
// request the service must receive, the service's answer and the output
// Step Functions shows for it.
type renderCase struct {
	resource string // <service>:<apiAction>
	params   string
	// The request as sent: "METHOD /path" plus, for AWS JSON services,
	// the X-Amz-Target operation; body compared as JSON when it is JSON,
	// else as text (query protocol forms, sorted).
	wantRequest, wantBody string
	status                int // 200 when 0
	contentType, reply    string
	errorType             string // the x-amzn-ErrorType header REST-JSON services name errors by
	wantOutput            string // JSON
	wantError, wantCause  string // when the call fails
}

// recorded is what the test server received.
type recorded struct{ request, body string }

func runRenderCases(t *testing.T, cases map[string]renderCase) {
	t.Helper()
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var got recorded
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				b, _ := io.ReadAll(r.Body)
				got = recorded{request: strings.TrimSpace(r.Method + " " + r.URL.RequestURI() + " " + r.Header.Get("X-Amz-Target")), body: string(b)}
				w.Header().Set("X-Amzn-RequestId", "req-1")
				if c.errorType != "" {
					w.Header().Set("X-Amzn-ErrorType", c.errorType)
				}
				if c.contentType != "" {
					w.Header().Set("Content-Type", c.contentType)
				}
				if c.status != 0 {
					w.WriteHeader(c.status)
				}
				_, _ = io.WriteString(w, c.reply)
			}))
			defer srv.Close()
			res := invokeAt(t, srv.URL, c.resource, c.params)
			if got.request != c.wantRequest {
				t.Errorf("request %q, want %q", got.request, c.wantRequest)
			}
			if c.wantBody != "" && !sameBody(got.body, c.wantBody) {
				t.Errorf("request body\n%s\nwant\n%s", got.body, c.wantBody)
			}
			if c.wantError != "" {
				if !res.Failed || res.Error != c.wantError || (c.wantCause != "" && res.Cause != c.wantCause) {
					t.Errorf("result %+v, want error %s (%s)", res, c.wantError, c.wantCause)
				}
				return
			}
			if res.Failed {
				t.Fatalf("failed: %s: %s", res.Error, res.Cause)
			}
			if want := jsonval.MustDecode(c.wantOutput); !jsonval.Equal(res.Output, want) {
				t.Errorf("output\n%s\nwant\n%s", jsonval.String(res.Output), jsonval.String(want))
			}
		})
	}
}

func invokeAt(t *testing.T, endpoint, resource, params string) task.Result {
	t.Helper()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "secret", "")}
	name, _, _ := strings.Cut(resource, ":")
	inv := sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{name: endpoint}}, builtin.Services()...)
	res, err := inv.Invoke(context.Background(), task.Request{State: "S", Resource: sdktask.ResourcePrefix + resource, Input: jsonval.MustDecode(params)})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sameBody compares JSON bodies by value and form bodies by their sorted
// fields.
func sameBody(got, want string) bool {
	var g, w any
	if json.Unmarshal([]byte(got), &g) == nil && json.Unmarshal([]byte(want), &w) == nil {
		return reflect.DeepEqual(g, w)
	}
	return sortedFields(got) == sortedFields(want)
}

func sortedFields(form string) string {
	f := strings.Split(form, "&")
	slices.Sort(f)
	return strings.Join(f, "&")
}
