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
