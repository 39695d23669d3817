// Package roletest plays STS for tests of Task Credentials: an HTTP server
// answering sts:AssumeRole in STS's query protocol, and the access key a
// request was signed with.
package roletest

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
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/task/taskrole"
)

// BaseKey is the access key of Config's own credentials.
const BaseKey = "AKIABASE"

// STS answers AssumeRole with credentials valid for an hour whose access
// key is ASIAROLE<n> for the nth role assumed, refusing roles whose name
// ends in "/denied" (AccessDenied, as STS words it).
type STS struct {
	*httptest.Server
	mu       sync.Mutex
	assumed  []string
	signedBy map[string]string // role → access key its AssumeRole signed with
}

// Start starts an STS, closed when the test ends.
func Start(t testing.TB) *STS {
	s := &STS{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Config is an AWS configuration signing with BaseKey.
func Config() aws.Config {
	return aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider(BaseKey, "base", "")}
}

// Roles assumes roles through s with Config's credentials.
func (s *STS) Roles() *taskrole.Roles { return taskrole.New(Config(), s.URL) }

// Assumed lists the roles assumed, in order, comma-separated.
func (s *STS) Assumed() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.assumed, ",")
}

// SignedBy is the access key the last AssumeRole of role was signed with.
func (s *STS) SignedBy(role string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.signedBy[role]
}

func (s *STS) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	form, _ := url.ParseQuery(string(body))
	role := form.Get("RoleArn")
	w.Header().Set("Content-Type", "text/xml")
	if form.Get("Action") != "AssumeRole" || form.Get("RoleSessionName") == "" || strings.HasSuffix(role, "/denied") {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::111122223333:user/stepper is not authorized to perform: sts:AssumeRole on resource: %s</Message></Error><RequestId>r-0</RequestId></ErrorResponse>`, role)
		return
	}
	s.mu.Lock()
	s.assumed = append(s.assumed, role)
	if s.signedBy == nil {
		s.signedBy = map[string]string{}
	}
	s.signedBy[role] = Signer(r.Header)
	n := len(s.assumed)
	s.mu.Unlock()
	fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE%d</AccessKeyId><SecretAccessKey>secret%d</SecretAccessKey><SessionToken>token%d</SessionToken>
<Expiration>%s</Expiration></Credentials>
<AssumedRoleUser><Arn>%s/stepwise</Arn><AssumedRoleId>AROA:stepwise</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult><ResponseMetadata><RequestId>r-%d</RequestId></ResponseMetadata></AssumeRoleResponse>`,
		n, n, n, time.Now().Add(time.Hour).UTC().Format(time.RFC3339), role, n)
}

// Signer is the access key that signed h's request (SigV4), "" if unsigned.
func Signer(h http.Header) string {
	auth := h.Get("Authorization")
	_, cred, ok := strings.Cut(auth, "Credential=")
	if !ok {
		return ""
	}
	key, _, _ := strings.Cut(cred, "/")
	return key
}
