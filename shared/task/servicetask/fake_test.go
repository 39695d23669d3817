package servicetask_test

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/stepwise/stepwise/shared/task/servicetask"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// fakeAWS answers SQS and DynamoDB (AWS JSON 1.0), EventBridge (AWS JSON
// 1.1) and SNS (query) calls.
// Names containing "missing" or "invalid" get the services' errors.
type fakeAWS struct {
	mu     sync.Mutex
	last   string // body of the last request
	signer string // access key that signed the last request
}

func newFake(t *testing.T) (*fakeAWS, servicetask.Clients) {
	f := &fakeAWS{}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	creds := credentials.NewStaticCredentialsProvider("test", "test", "")
	ep := aws.String(srv.URL)
	return f, servicetask.Clients{
		SQS:         sqs.New(sqs.Options{BaseEndpoint: ep, Region: "us-east-1", Credentials: creds}),
		SNS:         sns.New(sns.Options{BaseEndpoint: ep, Region: "us-east-1", Credentials: creds}),
		DynamoDB:    dynamodb.New(dynamodb.Options{BaseEndpoint: ep, Region: "us-east-1", Credentials: creds}),
		EventBridge: eventbridge.New(eventbridge.Options{BaseEndpoint: ep, Region: "us-east-1", Credentials: creds}),
	}
}

func (f *fakeAWS) lastSigner() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.signer
}

func (f *fakeAWS) lastBody() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.last
}

func (f *fakeAWS) serve(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.last = string(b)
	f.signer = roletest.Signer(r.Header)
	f.mu.Unlock()
	w.Header().Set("X-Amzn-Requestid", "req-1")
	target := r.Header.Get("X-Amz-Target")
	switch {
	case strings.HasPrefix(target, "AmazonSQS."):
		f.sqs(w, string(b))
	case strings.HasPrefix(target, "AWSEvents."):
		f.events(w, b)
	case strings.HasPrefix(target, "DynamoDB_20120810."):
		f.dynamo(w, strings.TrimPrefix(target, "DynamoDB_20120810."), string(b))
	default:
		f.sns(w, string(b))
	}
}

func jsonReply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func (f *fakeAWS) sqs(w http.ResponseWriter, body string) {
	var in map[string]any
	_ = json.Unmarshal([]byte(body), &in)
	switch {
	case strings.Contains(body, "missing"):
		jsonReply(w, 400, `{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}`)
	case in["MessageBody"] == nil:
		jsonReply(w, 400, `{"__type":"com.amazonaws.sqs#MissingParameter","message":"The request must contain the parameter MessageBody."}`)
	default:
		sum := md5.Sum([]byte(in["MessageBody"].(string)))
		jsonReply(w, 200, `{"MD5OfMessageBody":"`+hex.EncodeToString(sum[:])+`","MessageId":"m-1"}`)
	}
}

func (f *fakeAWS) dynamo(w http.ResponseWriter, op, body string) {
	switch {
	case strings.Contains(body, "missing"):
		jsonReply(w, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`)
	case op == "GetItem":
		jsonReply(w, 200, `{"Item":{"id":{"S":"1"},"n":{"N":"2.50"},"b":{"B":"AQI="},"l":{"L":[{"BOOL":true},{"NULL":true}]},"m":{"M":{"ss":{"SS":["a","b"]}}}}}`)
	case op == "UpdateItem":
		jsonReply(w, 200, `{"Attributes":{"S":{"S":"new"}}}`)
	default:
		jsonReply(w, 200, `{}`)
	}
}

func (f *fakeAWS) sns(w http.ResponseWriter, body string) {
	form, _ := url.ParseQuery(body)
	w.Header().Set("Content-Type", "text/xml")
	if strings.Contains(form.Get("TopicArn"), "missing") {
		w.WriteHeader(404)
		_, _ = io.WriteString(w, `<ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`)
		return
	}
	_, _ = io.WriteString(w, `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>s-1</MessageId></PublishResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></PublishResponse>`)
}

// events answers PutEvents as EventBridge does: one result per entry, an
// error code for an entry without a Source or with a Detail that is not a
// JSON object; a bus named "missing" does not exist.
func (f *fakeAWS) events(w http.ResponseWriter, body []byte) {
	var in struct {
		Entries []struct{ Source, Detail, EventBusName *string }
	}
	_ = json.Unmarshal(body, &in)
	var results []string
	failed := 0
	for i, e := range in.Entries {
		var detail map[string]any
		switch {
		case e.EventBusName != nil && *e.EventBusName == "missing":
			jsonReply(w, 400, `{"__type":"ResourceNotFoundException","message":"Event bus missing does not exist."}`)
			return
		case e.Source == nil:
			failed++
			results = append(results, `{"ErrorCode":"InvalidArgument","ErrorMessage":"Parameter Source is not valid. Reason: Source is a required argument."}`)
		case e.Detail == nil || json.Unmarshal([]byte(*e.Detail), &detail) != nil:
			failed++
			results = append(results, `{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}`)
		default:
			results = append(results, fmt.Sprintf(`{"EventId":"ev-%d"}`, i))
		}
	}
	jsonReply(w, 200, fmt.Sprintf(`{"Entries":[%s],"FailedEntryCount":%d}`, strings.Join(results, ","), failed))
}
