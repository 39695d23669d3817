package httptask

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

const (
	arnKey    = "arn:aws:events:us-east-1:123456789012:connection/key/1"
	arnBasic  = "arn:aws:events:us-east-1:123456789012:connection/basic/2"
	arnOAuth  = "arn:aws:events:us-east-1:123456789012:connection/oauth/3"
	arnDeauth = "arn:aws:events:us-east-1:123456789012:connection/deauth/4"
	arnBadOA  = "arn:aws:events:us-east-1:123456789012:connection/badoauth/5"
	arnNone   = "arn:aws:events:us-east-1:123456789012:connection/none/6"
)

func testConnections(tokenURL string) Connections {
	oauth := &OAuth{Endpoint: tokenURL, HTTPMethod: "POST", Client: OAuthClient{ID: clientID, Secret: clientSecret},
		HTTP: HTTPParameters{Body: []Parameter{{Key: "audience", Value: "api"}},
			Query: []Parameter{{Key: "tenant", Value: "t1"}}, Headers: []Parameter{{Key: "X-Tenant", Value: "t1"}}}}
	bad := *oauth
	bad.Client.Secret = "wrong"
	return Connections{
		arnKey: {AuthorizationType: AuthAPIKey, AuthParameters: AuthParameters{
			APIKey: &APIKeyAuth{Name: "x-api-key", Value: "k-1"},
			Invocation: HTTPParameters{
				Headers: []Parameter{{Key: "Header-Param", Value: "conn"}},
				Query:   []Parameter{{Key: "QueryParam", Value: "conn"}},
				Body:    []Parameter{{Key: "BodyParam", Value: "conn"}},
			}}},
		arnBasic:  {AuthorizationType: AuthBasic, AuthParameters: AuthParameters{Basic: &BasicAuth{Username: "ann", Password: "pw"}}},
		arnOAuth:  {AuthorizationType: AuthOAuth, AuthParameters: AuthParameters{OAuth: oauth}},
		arnBadOA:  {AuthorizationType: AuthOAuth, AuthParameters: AuthParameters{OAuth: &bad}},
		arnDeauth: {AuthorizationType: AuthBasic, ConnectionState: "DEAUTHORIZED", AuthParameters: AuthParameters{Basic: &BasicAuth{}}},
	}
}

// req is a task request whose Parameters are params with {{URL}} replaced.
func req(base, params string) task.Request {
	return task.Request{State: "Call", Resource: Resource,
		Input: jsonval.MustDecode(strings.ReplaceAll(params, "{{URL}}", base))}
}

// echoed checks the echo endpoint saw want (JSON members of its answer).
func echoed(want string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		t.Helper()
		body, _ := res.Output.(*jsonval.Object).Get("ResponseBody")
		got := body.(*jsonval.Object)
		jsonval.MustDecode(want).(*jsonval.Object).Range(func(k string, w jsonval.Value) bool {
			g, _ := got.Get(k)
			if wo, ok := w.(*jsonval.Object); ok {
				wo.Range(func(hk string, hv jsonval.Value) bool {
					if gv, _ := g.(*jsonval.Object).Get(hk); !jsonval.Equal(gv, hv) {
						t.Errorf("echoed %s.%s = %v, want %v", k, hk, jsonval.String(gv), jsonval.String(hv))
					}
					return true
				})
			} else if !jsonval.Equal(g, w) {
				t.Errorf("echoed %s = %v, want %v", k, jsonval.String(g), jsonval.String(w))
			}
			return true
		})
	}
}

func TestInvoker(t *testing.T) {
	srv := newAPIServer(t)
	u, refused := srv.URL, refusedURL(t)
	auth := func(arn string) string { return `"Authentication":{"ConnectionArn":"` + arn + `"}` }
	cases := []tasktest.Case{
		{Name: "api key, merged parameters", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo?a=1","Method":"POST",`+auth(arnKey)+`,
			"Headers":{"Request-Id":"r1","header-param":"task","Accept":["application/json","text/plain"]},"QueryParameters":{"QueryParam":"task","q":["x y","z"]},
			"RequestBody":{"Job":"Engineer","BodyParam":"task","n":1}}`),
			Want: tasktest.Want{Check: echoed(`{"method":"POST","query":"a=1&q=x%20y&q=z&QueryParam=conn",
			"body":"{\"Job\":\"Engineer\",\"BodyParam\":\"conn\",\"n\":1}",
			"headers":{"x-api-key":"k-1","request-id":"r1","accept":"application/json,text/plain","header-param":"conn","content-type":"application/json; charset=UTF-8",
			"user-agent":"Amazon|StepFunctions|HttpInvoke|us-east-1","range":"bytes=0-262144"}}`)}},
		{Name: "basic", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Check: echoed(`{"method":"GET","body":"","headers":{"authorization":"Basic YW5uOnB3"}}`)}},
		{Name: "oauth client credentials", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"DELETE",`+auth(arnOAuth)+`}`),
			Want: tasktest.Want{Check: echoed(`{"method":"DELETE","headers":{"authorization":"Bearer tok-123"}}`)}},
		{Name: "invocation config, url encoded", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"PUT","InvocationConfig":{"ConnectionArn":"`+arnBasic+`"},
			"Headers":{"Content-Type":"application/x-www-form-urlencoded"},"Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"BRACKETS"}},
			"RequestBody":{"description":"Monthly subscription","metadata":{"order":"a&b"},"tags":["x","y"]}}`),
			Want: tasktest.Want{Check: echoed(`{"body":"description=Monthly%20subscription&metadata%5Border%5D=a%26b&tags%5B%5D=x&tags%5B%5D=y",
			"headers":{"content-type":"application/x-www-form-urlencoded"}}`)}},
		{Name: "result shape", Req: req(u, `{"ApiEndpoint":"{{URL}}/text","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Check: func(t *testing.T, res task.Result) {
				o := res.Output.(*jsonval.Object)
				if got := strings.Join(o.Keys(), ","); got != "Headers,ResponseBody,StatusCode,StatusText" {
					t.Errorf("keys %s", got)
				}
				h, _ := o.Get("Headers")
				for k, want := range map[string]string{"ResponseBody": `"plain words"`, "StatusCode": "200", "StatusText": `"OK"`} {
					if v, _ := o.Get(k); jsonval.String(v) != want {
						t.Errorf("%s = %s, want %s", k, jsonval.String(v), want)
					}
				}
				if ct, _ := h.(*jsonval.Object).Get("content-type"); jsonval.String(ct) != `["text/plain"]` {
					t.Errorf("headers %s", jsonval.String(h))
				}
			}}},
		{Name: "404", Req: req(u, `{"ApiEndpoint":"{{URL}}/status/404","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Http.StatusCode.404", Check: causeHas(`"ResponseBody":{"message":"no"},"StatusCode":404,"StatusText":"Not Found"}`)}},
		{Name: "503", Req: req(u, `{"ApiEndpoint":"{{URL}}/status/503","Method":"POST",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Http.StatusCode.503"}},
		{Name: "connection refused", Req: req(refused, `{"ApiEndpoint":"{{URL}}","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Http.Socket", Check: causeHas("connection refused")}},
		{Name: "request timeout", Req: req(u, `{"ApiEndpoint":"{{URL}}/slow","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Http.Socket", Cause: "The HTTP request timed out after 2s.", CheckCause: true, Within: 5 * time.Second}},
		{Name: "unknown connection", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET",`+auth(arnNone)+`}`),
			Want: tasktest.Want{Failed: true, Error: "Events.ConnectionResource.ResourceNotFound", CheckCause: true,
				Cause: "The connection '" + arnNone + "' does not exist."}},
		{Name: "deauthorized connection", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET",`+auth(arnDeauth)+`}`),
			Want: tasktest.Want{Failed: true, Error: "Events.ConnectionResource.InvalidConnectionState"}},
		{Name: "oauth token refused", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET",`+auth(arnBadOA)+`}`),
			Want: tasktest.Want{Failed: true, Error: "Events.ConnectionResource.InvalidConnectionState", Check: causeHas("401 Unauthorized")}},
		{Name: "forbidden header", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET",`+auth(arnBasic)+`,"Headers":{"Host":"h","X-Amz-Date":"d"}}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("The 'Headers' field contains unsupported values: [host, x-amz-date]")}},
		{Name: "string body with connection body", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"POST",`+auth(arnKey)+`,"RequestBody":"raw"}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("cannot be merged")}},
		{Name: "image response", Req: req(u, `{"ApiEndpoint":"{{URL}}/image","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("'image/png'")}},
		{Name: "binary response", Req: req(u, `{"ApiEndpoint":"{{URL}}/binary","Method":"GET",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime"}},
		{Name: "no connection", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET"}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("'Authentication'")}},
		{Name: "bad method", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"FETCH",`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("'Method'")}},
		{Name: "unknown field", Req: req(u, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET","Body":1,`+auth(arnBasic)+`}`),
			Want: tasktest.Want{Failed: true, Error: "States.Runtime", Check: causeHas("The field 'Body' is not supported")}},
	}
	tasktest.Run(t, tasktest.Suite{
		New: func(t *testing.T) task.Invoker {
			// Long enough for a loaded machine, where 200 ms timed out fast cases.
			return New(Options{Connections: testConnections(u + "/token"), RequestTimeout: 2 * time.Second, Region: "us-east-1"})
		},
		Cases:            cases,
		CancelledIsError: true,
	})
}

func causeHas(part string) func(t *testing.T, res task.Result) {
	return func(t *testing.T, res task.Result) {
		t.Helper()
		if !strings.Contains(res.Cause, part) {
			t.Errorf("cause %q does not contain %q", res.Cause, part)
		}
	}
}
