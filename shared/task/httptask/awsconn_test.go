package httptask

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

const secretARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/oauth/3-AbCd"

// awsAPI speaks the AWS JSON 1.1 protocol of EventBridge DescribeConnection
// and Secrets Manager GetSecretValue for one OAuth connection, recording
// the operation and signer of each call.
func awsAPI(t *testing.T, tokenURL string) (AWSConnections, *[]string) {
	var calls []string
	describe := `{"ConnectionArn":"` + arnOAuth + `","Name":"oauth","ConnectionState":"AUTHORIZED",
		"AuthorizationType":"OAUTH_CLIENT_CREDENTIALS","SecretArn":"` + secretARN + `","AuthParameters":{
		"OAuthParameters":{"AuthorizationEndpoint":"` + tokenURL + `","HttpMethod":"POST","ClientParameters":{"ClientID":"` + clientID + `"},
			"OAuthHttpParameters":{"BodyParameters":[{"Key":"audience","IsValueSecret":true}],
			"QueryStringParameters":[{"Key":"tenant","Value":"t1"}],"HeaderParameters":[{"Key":"X-Tenant","Value":"t1"}]}},
		"InvocationHttpParameters":{"HeaderParameters":[{"Key":"X-Public","Value":"p"},{"Key":"X-Hidden","IsValueSecret":true}]}}}`
	sec := `{"client_id":"` + clientID + `","client_secret":"` + clientSecret + `","authorization_endpoint":"` + tokenURL + `",
		"http_method":"POST","oauth_http_parameters":{"body_parameters":[{"key":"audience","value":"api","is_value_secret":true}]},
		"invocation_http_parameters":{"header_parameters":[{"key":"X-Hidden","value":"h","is_value_secret":true}]}}`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in map[string]string
		_ = json.NewDecoder(r.Body).Decode(&in)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		calls = append(calls, r.Header.Get("X-Amz-Target")+" "+roletest.Signer(r.Header))
		switch target := r.Header.Get("X-Amz-Target"); {
		case target == "AWSEvents.DescribeConnection" && in["Name"] == "oauth":
			_, _ = io.WriteString(w, describe)
		case target == "secretsmanager.GetSecretValue" && in["SecretId"] == secretARN:
			out, _ := json.Marshal(map[string]string{"ARN": secretARN, "SecretString": sec})
			_, _ = w.Write(out)
		default:
			w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"__type":"ResourceNotFoundException","message":"Failed to describe the connection(s). Connection '`+in["Name"]+`' does not exist."}`)
		}
	}))
	t.Cleanup(srv.Close)
	creds := credentials.NewStaticCredentialsProvider("k", "s", "")
	return AWSConnections{
		Events:  eventbridge.New(eventbridge.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds}),
		Secrets: secretsmanager.New(secretsmanager.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds}),
	}, &calls
}

func TestAWSConnections(t *testing.T) {
	api := newAPIServer(t)
	conns, _ := awsAPI(t, api.URL+"/token")
	c, err := conns.Connection(context.Background(), arnOAuth)
	if err != nil {
		t.Fatal(err)
	}
	o := c.AuthParameters.OAuth
	if c.AuthorizationType != AuthOAuth || o.Client.ID != clientID || o.Client.Secret != clientSecret || o.HTTP.Body[0].Value != "api" {
		t.Errorf("connection %+v, oauth %+v", c, o)
	}
	if got := c.AuthParameters.Invocation.Headers; len(got) != 2 || got[0].Value != "p" || got[1].Value != "h" {
		t.Errorf("invocation headers %+v", got)
	}
	for _, arn := range []string{arnNone, "arn:aws:sqs:us-east-1:1:q", strings.Replace(arnOAuth, "/3", "/9", 1)} {
		if _, err := conns.Connection(context.Background(), arn); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: err %v, want ErrNotFound", arn, err)
		}
	}

	// The deployed path end to end: the call carries the token and the hidden header.
	inv := New(Options{Connections: conns})
	res, err := inv.Invoke(context.Background(), req(api.URL, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET","Authentication":{"ConnectionArn":"`+arnOAuth+`"}}`))
	if err != nil || res.Failed {
		t.Fatalf("%+v %v", res, err)
	}
	echoed(`{"headers":{"authorization":"Bearer tok-123","x-hidden":"h","x-public":"p"}}`)(t, res)
	res, _ = inv.Invoke(context.Background(), req(api.URL, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET","Authentication":{"ConnectionArn":"`+arnNone+`"}}`))
	if res.Error != "Events.ConnectionResource.ResourceNotFound" {
		t.Errorf("unknown connection: %+v", res)
	}
}

// A Task with Credentials reads its connection and the connection's secret
// with the role; a role that cannot be assumed fails the Task before any
// call, whatever resolves the connections.
func TestCredentials(t *testing.T) {
	api := newAPIServer(t)
	sts := roletest.Start(t)
	conns, calls := awsAPI(t, api.URL+"/token")
	conns.Roles = sts.Roles()
	inv := New(Options{Connections: conns, Roles: conns.Roles})
	call := func(role string) task.Result {
		t.Helper()
		r := req(api.URL, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET","Authentication":{"ConnectionArn":"`+arnOAuth+`"}}`)
		r.Credentials = jsonval.MustDecode(`{"RoleArn":"` + role + `"}`)
		res, err := inv.Invoke(context.Background(), r)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := call("arn:aws:iam::444455556666:role/api"); res.Failed {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(*calls, ","); got != "AWSEvents.DescribeConnection ASIAROLE1,secretsmanager.GetSecretValue ASIAROLE1" {
		t.Errorf("calls %s", got)
	}
	*calls = nil
	if res := call("arn:aws:iam::444455556666:role/denied"); res.Error != "States.TaskFailed" || len(*calls) != 0 {
		t.Errorf("denied role: %+v, calls %v", res, *calls)
	}
	fixed := New(Options{Connections: testConnections(api.URL + "/token"), Roles: sts.Roles()})
	r := req(api.URL, `{"ApiEndpoint":"{{URL}}/echo","Method":"GET","Authentication":{"ConnectionArn":"`+arnOAuth+`"}}`)
	r.Credentials = jsonval.MustDecode(`{"RoleArn":"arn:aws:iam::444455556666:role/denied"}`)
	if res, err := fixed.Invoke(context.Background(), r); err != nil || res.Error != "States.TaskFailed" {
		t.Errorf("denied role, connections from a file: %+v %v", res, err)
	}
}
