package httptask

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// TestOAuth_TokenCache: one token serves calls until it nears expiry or the
// API refuses it.
func TestOAuth_TokenCache(t *testing.T) {
	srv := newAPIServer(t)
	var refuse atomic.Bool
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse.Load() || r.Header.Get("Authorization") != "Bearer "+accessToken {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(api.Close)
	now := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	inv := New(Options{Connections: testConnections(srv.URL + "/token"), Now: func() time.Time { return now }})
	r := req(api.URL, `{"ApiEndpoint":"{{URL}}/x","Method":"GET","Authentication":{"ConnectionArn":"`+arnOAuth+`"}}`)
	steps := []struct {
		name       string
		advance    time.Duration
		refuse     bool
		wantError  string
		wantTokens int64
	}{
		{"first call fetches", 0, false, "", 1},
		{"second call reuses", time.Minute, false, "", 1},
		{"near expiry refetches", time.Hour - 31*time.Second, false, "", 2},
		{"refused token", 0, true, "States.Http.StatusCode.401", 2},
		{"after a 401 refetches", 0, false, "", 3},
	}
	for _, s := range steps {
		now = now.Add(s.advance)
		refuse.Store(s.refuse)
		res, err := inv.Invoke(context.Background(), r)
		if err != nil || res.Error != s.wantError {
			t.Fatalf("%s: %+v %v", s.name, res, err)
		}
		if got := srv.tokenCalls.Load(); got != s.wantTokens {
			t.Errorf("%s: token calls %d, want %d", s.name, got, s.wantTokens)
		}
	}
}

// TestInvoker_TimeoutSeconds: the state's own timeout is States.Timeout.
func TestInvoker_TimeoutSeconds(t *testing.T) {
	srv := newAPIServer(t)
	inv := New(Options{Connections: testConnections(srv.URL + "/token")})
	r := req(srv.URL, `{"ApiEndpoint":"{{URL}}/slow","Method":"GET","Authentication":{"ConnectionArn":"`+arnBasic+`"}}`)
	r.TimeoutSeconds = 1
	res, err := inv.Invoke(context.Background(), r)
	if err != nil || res.Error != "States.Timeout" {
		t.Fatalf("got %+v %v", res, err)
	}
}

func TestParseConnections(t *testing.T) {
	good := `{"arn:aws:events:us-east-1:1:connection/a/1":{"AuthorizationType":"API_KEY","AuthParameters":{
		"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"v"},
		"InvocationHttpParameters":{"HeaderParameters":[{"Key":"h","Value":"1","IsValueSecret":true}]}}}}`
	c, err := ParseConnections([]byte(good))
	if err != nil {
		t.Fatal(err)
	}
	conn := c["arn:aws:events:us-east-1:1:connection/a/1"]
	if conn.AuthParameters.APIKey.Value != "v" || conn.AuthParameters.Invocation.Headers[0].Value != "1" {
		t.Errorf("parsed %+v", conn)
	}
	bad := map[string]string{
		"not a connection ARN": `{"arn:aws:sqs:us-east-1:1:q":{"AuthorizationType":"BASIC","AuthParameters":{"BasicAuthParameters":{}}}}`,
		"unknown type":         `{"arn:aws:events:us-east-1:1:connection/a/1":{"AuthorizationType":"TOKEN","AuthParameters":{}}}`,
		"missing parameters":   `{"arn:aws:events:us-east-1:1:connection/a/1":{"AuthorizationType":"OAUTH_CLIENT_CREDENTIALS","AuthParameters":{}}}`,
		"unknown field":        `{"arn:aws:events:us-east-1:1:connection/a/1":{"AuthorizationType":"BASIC","Auth":{}}}`,
		"not JSON":             `{`,
	}
	for name, doc := range bad {
		if _, err := ParseConnections([]byte(doc)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
