//go:build integration

package integration

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// stsServer answers sts:AssumeRole in STS's query protocol (no emulator
// here serves it: fauxqs has GetCallerIdentity only), refusing roles named
// "denied", and records the roles assumed.
type stsServer struct {
	*httptest.Server
	mu      sync.Mutex
	assumed []string
}

func startSTS(t *testing.T) *stsServer {
	s := &stsServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(body))
		role := form.Get("RoleArn")
		w.Header().Set("Content-Type", "text/xml")
		if form.Get("Action") != "AssumeRole" || strings.HasSuffix(role, "/denied") {
			w.WriteHeader(403)
			fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform: sts:AssumeRole on resource: %s</Message></Error><RequestId>r</RequestId></ErrorResponse>`, role)
			return
		}
		s.mu.Lock()
		s.assumed = append(s.assumed, role)
		s.mu.Unlock()
		fmt.Fprintf(w, `<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIATEST</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken><Expiration>%s</Expiration></Credentials><AssumedRoleUser><Arn>%s/stepwise</Arn><AssumedRoleId>AROA:stepwise</AssumedRoleId></AssumedRoleUser></AssumeRoleResult></AssumeRoleResponse>`,
			time.Now().Add(time.Hour).UTC().Format(time.RFC3339), role)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *stsServer) roles() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.assumed, ",")
}

// credentialsCases: a Task with Credentials (RoleArn.$ from the input)
// calls S3 on fauxqs with the role's credentials, assumed once for two
// calls; a role that cannot be assumed fails the Task.
func credentialsCases(t *testing.T, e *sdkEnv, sts *stsServer) {
	def := `{"StartAt":"List","States":{
 "List":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listBuckets","Parameters":{},"Credentials":{"RoleArn.$":"$.role"},"ResultPath":null,"Next":"Again"},
 "Again":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listBuckets","Parameters":{},"Credentials":{"RoleArn.$":"$.role"},"ResultSelector":{"Listed.$":"States.ArrayLength($.Buckets)"},"End":true}}}`
	sm := e.createSM(t, uniqueName("creds"), def, types.StateMachineTypeStandard)
	d := e.await(t, e.start(t, sm, "", `{"role":"arn:aws:iam::444455556666:role/cross"}`))
	if d.Status != types.ExecutionStatusSucceeded || !strings.Contains(aws.ToString(d.Output), "Listed") {
		t.Fatalf("status %s (%s: %s), output %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause), aws.ToString(d.Output))
	}
	if got := sts.roles(); got != "arn:aws:iam::444455556666:role/cross" {
		t.Errorf("roles assumed %q, want the role once", got)
	}
	d = e.await(t, e.start(t, sm, "", `{"role":"arn:aws:iam::444455556666:role/denied"}`))
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.TaskFailed" ||
		!strings.Contains(aws.ToString(d.Cause), "Unable to assume the role 'arn:aws:iam::444455556666:role/denied'") {
		t.Errorf("status %s, error %s: %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
}

// optimizedCredentialsCases: the optimized integrations (SQS, DynamoDB,
// SNS, a nested execution) of Tasks with Credentials run with the role,
// assumed once for them all; a role that cannot be assumed fails the Task
// before any call.
func optimizedCredentialsCases(t *testing.T, e *sdkEnv, sts *stsServer) {
	child := e.createSM(t, uniqueName("credchild"), `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"child","End":true}}}`, types.StateMachineTypeStandard)
	def := `{"StartAt":"Queue","States":{
 "Queue":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sqs:createQueue","Parameters":{"QueueName":"cred-queue"},"ResultPath":"$.queue","Next":"Send"},
 "Send":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Credentials":{"RoleArn.$":"$.role"},"Parameters":{"QueueUrl.$":"$.queue.QueueUrl","MessageBody":"hi"},"ResultPath":null,"Next":"Topic"},
 "Topic":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:sns:createTopic","Parameters":{"Name":"cred-topic"},"ResultPath":"$.topic","Next":"Publish"},
 "Publish":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Credentials":{"RoleArn.$":"$.role"},"Parameters":{"TopicArn.$":"$.topic.TopicArn","Message":"m"},"ResultPath":null,"Next":"Put"},
 "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","Credentials":{"RoleArn.$":"$.role"},"Parameters":{"TableName":"sdk-items","Item":{"pk":{"S":"cred"}}},"ResultPath":null,"Next":"Get"},
 "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem","Credentials":{"RoleArn.$":"$.role"},"Parameters":{"TableName":"sdk-items","Key":{"pk":{"S":"cred"}}},"ResultSelector":{"pk.$":"$.Item.pk.S"},"ResultPath":"$.got","Next":"Child"},
 "Child":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Credentials":{"RoleArn.$":"$.role"},"Parameters":{"StateMachineArn":"` + child + `"},"ResultSelector":{"out.$":"$.Output"},"ResultPath":"$.child","OutputPath":"$.['got','child']","End":true}}}`
	sm := e.createSM(t, uniqueName("credopt"), def, types.StateMachineTypeStandard)
	d := e.await(t, e.start(t, sm, "", `{"role":"arn:aws:iam::444455556666:role/optimized"}`))
	if d.Status != types.ExecutionStatusSucceeded {
		t.Fatalf("status %s (%s: %s)", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
	sameJSON(t, "output", aws.ToString(d.Output), `{"got":{"pk":"cred"},"child":{"out":"child"}}`)
	if n := strings.Count(sts.roles(), "role/optimized"); n != 1 {
		t.Errorf("roles assumed %q: want role/optimized once", sts.roles())
	}
	d = e.await(t, e.start(t, sm, "", `{"role":"arn:aws:iam::444455556666:role/denied"}`))
	if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.TaskFailed" ||
		!strings.Contains(aws.ToString(d.Cause), "Unable to assume the role 'arn:aws:iam::444455556666:role/denied'") {
		t.Errorf("status %s, error %s: %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}
}
