//go:build integration

package integration

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

const (
	httpConnKey   = "arn:aws:events:us-east-1:123456789012:connection/key/1"
	httpConnBasic = "arn:aws:events:us-east-1:123456789012:connection/basic/2"
	httpConnOAuth = "arn:aws:events:us-east-1:123456789012:connection/oauth/3"
)

// httpAPI is the loopback API the HTTP Tasks call: /echo answers with
// what it received, /token is the OAuth client-credentials endpoint,
// anything else is 404.
func httpAPI(t *testing.T) (*httptest.Server, *atomic.Int64) {
	var tokens atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"method": r.Method, "query": r.URL.RawQuery, "body": string(body),
			"auth": r.Header.Get("Authorization"), "key": r.Header.Get("X-Api-Key"), "req": r.Header.Get("X-Req"),
			"agent": r.Header.Get("User-Agent")})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		tokens.Add(1)
		if id, secret, _ := r.BasicAuth(); id != "cid" || secret != "csecret" || r.FormValue("grant_type") != "client_credentials" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"tok","expires_in":600}`)
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, `{"message":"not here"}`)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &tokens
}

// httpFiles writes the connections file and the definition.
func httpFiles(t *testing.T, base string) (conns, def string) {
	dir := t.TempDir()
	conns = filepath.Join(dir, "connections.json")
	def = filepath.Join(dir, "definition.json")
	connDoc := `{
	  "` + httpConnKey + `": {"AuthorizationType": "API_KEY", "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "X-Api-Key", "ApiKeyValue": "k1"},
	    "InvocationHttpParameters": {"QueryStringParameters": [{"Key": "tenant", "Value": "t1"}]}}},
	  "` + httpConnBasic + `": {"AuthorizationType": "BASIC", "AuthParameters": {"BasicAuthParameters": {"Username": "ann", "Password": "pw"}}},
	  "` + httpConnOAuth + `": {"AuthorizationType": "OAUTH_CLIENT_CREDENTIALS", "AuthParameters": {"OAuthParameters": {
	    "AuthorizationEndpoint": "` + base + `/token", "HttpMethod": "POST", "ClientParameters": {"ClientID": "cid", "ClientSecret": "csecret"}}}}
	}`
	task := func(conn, rest string) string {
		return `"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{"Authentication":{"ConnectionArn":"` + conn + `"},` + rest + `}`
	}
	defDoc := `{"StartAt":"Key","States":{
	  "Key":{` + task(httpConnKey, `"ApiEndpoint.$":"States.Format('{}/echo', $.base)","Method":"POST",
	    "QueryParameters":{"q":"a b"},"RequestBody":{"items":["x","y"]},"Headers":{"Content-Type":"application/x-www-form-urlencoded","X-Req.$":"$.id"},
	    "Transform":{"RequestBodyEncoding":"URL_ENCODED","RequestEncodingOptions":{"ArrayFormat":"REPEAT"}}`) + `,
	    "ResultSelector":{"seen.$":"$.ResponseBody","code.$":"$.StatusCode"},"ResultPath":"$.key","Next":"Basic"},
	  "Basic":{"Type":"Task","QueryLanguage":"JSONata","Resource":"arn:aws:states:::http:invoke",
	    "Arguments":{"ApiEndpoint":"{% $states.input.base & '/echo' %}","Method":"GET","Authentication":{"ConnectionArn":"` + httpConnBasic + `"}},
	    "Output":"{% $merge([$states.input, {'basic': $states.result.ResponseBody.auth}]) %}","Next":"OAuth"},
	  "OAuth":{` + task(httpConnOAuth, `"ApiEndpoint.$":"States.Format('{}/echo', $.base)","Method":"DELETE"`) + `,
	    "ResultSelector":{"auth.$":"$.ResponseBody.auth"},"ResultPath":"$.oauth","Next":"Missing"},
	  "Missing":{` + task(httpConnBasic, `"ApiEndpoint.$":"States.Format('{}/missing', $.base)","Method":"GET"`) + `,
	    "Catch":[{"ErrorEquals":["States.Http.StatusCode.404"],"ResultPath":"$.notFound","Next":"Refused"}],"End":true},
	  "Refused":{` + task(httpConnBasic, `"ApiEndpoint.$":"$.refused","Method":"GET"`) + `,
	    "Catch":[{"ErrorEquals":["States.Http.Socket"],"ResultPath":"$.socket","Next":"NoConnection"}],"End":true},
	  "NoConnection":{` + task("arn:aws:events:us-east-1:123456789012:connection/none/9", `"ApiEndpoint.$":"$.base","Method":"GET"`) + `,
	    "Catch":[{"ErrorEquals":["Events.ConnectionResource.ResourceNotFound"],"ResultPath":"$.noConn","Next":"Done"}],"End":true},
	  "Done":{"Type":"Succeed"}}}`
	for file, doc := range map[string]string{conns: connDoc, def: defDoc} {
		if err := os.WriteFile(file, []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return conns, def
}

// checkHTTPOutput checks what each state of the definition saw.
func checkHTTPOutput(t *testing.T, output string) {
	t.Helper()
	var out struct {
		Key struct {
			Seen map[string]string
			Code int
		}
		Basic                    string
		OAuth                    struct{ Auth string }
		NotFound, Socket, NoConn struct{ Error, Cause string }
	}
	if err := json.Unmarshal([]byte(output), &out); err != nil {
		t.Fatalf("output %s: %v", output, err)
	}
	want := map[string]string{"method": "POST", "query": "q=a%20b&tenant=t1", "body": "items=x&items=y", "key": "k1",
		"req": "r-1", "agent": "Amazon|StepFunctions|HttpInvoke|us-east-1"}
	for k, v := range want {
		if out.Key.Seen[k] != v {
			t.Errorf("API key call: %s = %q, want %q", k, out.Key.Seen[k], v)
		}
	}
	checks := map[string][2]string{
		"code":           {strconv.Itoa(out.Key.Code), "200"},
		"basic":          {out.Basic, "Basic YW5uOnB3"},
		"oauth":          {out.OAuth.Auth, "Bearer tok"},
		"404 error":      {out.NotFound.Error, "States.Http.StatusCode.404"},
		"socket error":   {out.Socket.Error, "States.Http.Socket"},
		"no connection":  {out.NoConn.Error, "Events.ConnectionResource.ResourceNotFound"},
		"404 cause body": {strconv.FormatBool(strings.Contains(out.NotFound.Cause, `"ResponseBody":{"message":"not here"},"StatusCode":404,"StatusText":"Not Found"`)), "true"},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
}

func httpInput(base string, t *testing.T) string {
	return `{"base":"` + base + `","id":"r-1","refused":"http://127.0.0.1:` + strconv.Itoa(freeLoopbackPort(t)) + `/x"}`
}

// TestHTTPTask_Run: `stepwise run --connections` calls a loopback API
// through each kind of connection and reports each error class.
func TestHTTPTask_Run(t *testing.T) {
	api, tokens := httpAPI(t)
	conns, def := httpFiles(t, api.URL)
	cmd := exec.Command(buildStepwise(t), "run", "--definition", def, "--connections", conns, "--input", httpInput(api.URL, t))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("stepwise run: %v\n%s", err, out)
	}
	var res struct{ Status, Error, Cause string }
	var raw struct{ Output json.RawMessage }
	_ = json.Unmarshal(out, &res)
	_ = json.Unmarshal(out, &raw)
	if res.Status != "SUCCEEDED" {
		t.Fatalf("run: %s", out)
	}
	checkHTTPOutput(t, string(raw.Output))
	if n := tokens.Load(); n != 1 {
		t.Errorf("token requests %d, want 1", n)
	}
}

// TestHTTPTask_Serve: `stepwise serve --connections` runs the same
// workflow as an Express state machine.
func TestHTTPTask_Serve(t *testing.T) {
	api, _ := httpAPI(t)
	conns, def := httpFiles(t, api.URL)
	srv := startServe(t, "", "--connections="+conns)
	client := sfnClient(srv.URL)
	ctx := context.Background()
	doc, _ := os.ReadFile(def)
	sm, err := client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("http"), Definition: aws.String(string(doc)),
		RoleArn: aws.String("arn:aws:iam::123456789012:role/r"), Type: sfntypes.StateMachineTypeExpress})
	if err != nil {
		t.Fatal(err)
	}
	ex, err := client.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: sm.StateMachineArn, Input: aws.String(httpInput(api.URL, t))})
	if err != nil {
		t.Fatal(err)
	}
	if ex.Status != sfntypes.SyncExecutionStatusSucceeded {
		t.Fatalf("%s: %s %s", ex.Status, aws.ToString(ex.Error), aws.ToString(ex.Cause))
	}
	checkHTTPOutput(t, aws.ToString(ex.Output))
	_, err = client.CreateStateMachine(ctx, &sfn.CreateStateMachineInput{Name: aws.String("bad"), RoleArn: aws.String("arn:aws:iam::123456789012:role/r"),
		Definition: aws.String(`{"StartAt":"S","States":{"S":{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{"ApiEndpoint":"https://x","Method":"GET","Authentication":{"ConnectionArn":"` + httpConnKey + `"},"Headers":{"Authorization":"x"}},"End":true}}}`)})
	if err == nil || !strings.Contains(err.Error(), "The 'Headers' field contains unsupported values: [authorization]") {
		t.Errorf("forbidden header at definition time: %v", err)
	}
	checkHTTPTestState(t, client, api.URL)
}

// checkHTTPTestState: TestState at level TRACE shows the HTTP call, the
// connection's API key masked unless revealSecrets.
func checkHTTPTestState(t *testing.T, client *sfn.Client, base string) {
	state := `{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{"ApiEndpoint":"` + base + `/echo","Method":"GET",
		"Authentication":{"ConnectionArn":"` + httpConnKey + `"}},"End":true}`
	for _, reveal := range []bool{false, true} {
		out, err := client.TestState(context.Background(), &sfn.TestStateInput{Definition: aws.String(state),
			RoleArn: aws.String("arn:aws:iam::123456789012:role/r"), InspectionLevel: sfntypes.InspectionLevelTrace, RevealSecrets: reveal})
		if err != nil {
			t.Fatal(err)
		}
		key := "X-Api-Key: <redacted>"
		if reveal {
			key = "X-Api-Key: k1"
		}
		d := out.InspectionData
		if out.Status != sfntypes.TestExecutionStatusSucceeded || d == nil || d.Request == nil || d.Response == nil ||
			aws.ToString(d.Request.Url) != base+"/echo?tenant=t1" || !strings.Contains(aws.ToString(d.Request.Headers), key) ||
			aws.ToString(d.Response.StatusCode) != "200" {
			t.Errorf("reveal %v: TestState %s %+v", reveal, out.Status, jsonText(d))
		}
	}
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
