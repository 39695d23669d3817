package lambdatask_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

// fakeLambda speaks Lambda's Invoke wire protocol; each function name has a
// fixed behaviour. It records the last request per function.
type fakeLambda struct {
	mu   sync.Mutex
	last map[string]*recorded
}

type recorded struct {
	header http.Header
	query  string
	body   string
}

func newFake(t *testing.T) (*fakeLambda, *lambda.Client) {
	f := &fakeLambda{last: map[string]*recorded{}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2015-03-31/functions/{name}/invocations", f.invoke)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return f, newClient(srv.URL)
}

func newClient(url string) *lambda.Client {
	return lambda.New(lambda.Options{
		BaseEndpoint: aws.String(url),
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
	})
}

func (f *fakeLambda) request(name string) *recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last[name]
}

func (f *fakeLambda) invoke(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if i := strings.LastIndex(name, ":function:"); i >= 0 {
		name = strings.SplitN(name[i+len(":function:"):], ":", 2)[0]
	}
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.last[name] = &recorded{header: r.Header.Clone(), query: r.URL.RawQuery, body: string(body)}
	f.mu.Unlock()
	w.Header().Set("X-Amzn-Requestid", "req-1")
	w.Header().Set("Content-Type", "application/json")
	if r.Header.Get("X-Amz-Invocation-Type") == "Event" {
		w.WriteHeader(http.StatusAccepted)
		return
	}
	switch name {
	case "echo", "slow", "MyFunction", "HelloFunction": // the last two: the developer guide's names
		if name == "slow" {
			select {
			case <-time.After(3 * time.Second):
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("X-Amz-Executed-Version", "$LATEST")
		if len(body) == 0 {
			body = []byte("{}") // Lambda's stand-in for an empty payload
		}
		_, _ = w.Write(body)
	case "fail":
		functionError(w, `{"errorMessage":"boom","errorType":"CustomError"}`)
	case "crash":
		functionError(w, `{"errorMessage":"RequestId: 1 Error: Runtime exited with error: signal: killed"}`)
	default:
		serviceError(w, name)
	}
}

func functionError(w http.ResponseWriter, body string) {
	w.Header().Set("X-Amz-Executed-Version", "$LATEST")
	w.Header().Set("X-Amz-Function-Error", "Unhandled")
	_, _ = io.WriteString(w, body)
}

// serviceError answers as Lambda's REST-JSON protocol reports API errors.
func serviceError(w http.ResponseWriter, name string) {
	code, status, msg := "ResourceNotFoundException", 404,
		"Function not found: arn:aws:lambda:us-east-1:000000000000:function:"+name
	switch name {
	case "throttled":
		code, status, msg = "TooManyRequestsException", 429, "Rate Exceeded."
	case "broken":
		code, status, msg = "ServiceException", 500, "internal failure"
	case "denied":
		code, status, msg = "AccessDeniedException", 403, "not allowed"
	}
	w.Header().Set("X-Amzn-Errortype", code)
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `{"Type":"User","message":"`+msg+`"}`)
}
