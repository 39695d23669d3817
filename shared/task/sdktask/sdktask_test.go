package sdktask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

// wire answers S3 (REST-XML) and DynamoDB (AWS JSON 1.0) as the services
// do, for the error and response shapes under test.
func wire(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("X-Amzn-Requestid", "req-1")
	w.Header().Set("X-Amz-Request-Id", "req-1")
	w.Header().Set("X-Amz-Id-2", "ext-1")
	switch target := r.Header.Get("X-Amz-Target"); {
	case strings.Contains(string(body), "missing"):
		dynamoReply(w, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`)
	case strings.Contains(string(body), "invalid"):
		dynamoReply(w, 400, `{"__type":"com.amazon.coral.validate#ValidationException","message":"1 validation error detected"}`)
	case target == "DynamoDB_20120810.Query":
		dynamoReply(w, 200, `{"Count":1,"Items":[{"id":{"S":"1"}}],"ScannedCount":1}`)
	case strings.HasPrefix(target, "DynamoDB_20120810."):
		dynamoReply(w, 200, `{}`)
	case strings.HasSuffix(r.URL.Path, "/missing-key"):
		w.Header().Set("Content-Type", "application/xml")
		w.WriteHeader(404)
		_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>missing-key</Key><RequestId>req-1</RequestId><HostId>ext-1</HostId></Error>`)
	default:
		w.Header().Set("Last-Modified", "Mon, 06 May 2024 07:08:09 GMT")
		w.Header().Set("Content-Type", "text/plain")
		_, _ = io.WriteString(w, "hello")
	}
}

// ValidationException is modeled by no DynamoDB operation: the Java SDK
// reports it as the service's base exception.

func dynamoReply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.0")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func newInvoker(t *testing.T, endpoint string) *sdktask.Invoker {
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	eps := map[string]string{}
	for _, s := range builtin.Services() {
		eps[s.Name] = endpoint
	}
	return sdktask.New(cfg, sdktask.Options{Endpoints: eps}, builtin.Services()...)
}

func sdkReq(resource, params string) task.Request {
	return task.Request{State: "S", Resource: sdktask.ResourcePrefix + resource, Input: jsonval.MustDecode(params)}
}

func TestInvoker_Contract(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(wire))
	t.Cleanup(srv.Close)
	tasktest.Run(t, tasktest.Suite{
		New:              func(*testing.T) task.Invoker { return newInvoker(t, srv.URL) },
		CancelledIsError: true,
		Cases: []tasktest.Case{
			{Name: "Query", Req: sdkReq("dynamodb:query", `{"TableName":"t","KeyConditionExpression":"id = :id","ExpressionAttributeValues":{":id":{"S":"1"}}}`),
				Want: tasktest.Want{CheckOutput: true, Output: jsonval.MustDecode(`{"Count":1,"Items":[{"id":{"S":"1"}}],"ScannedCount":1}`)}},
			{Name: "PutItemIsBare", Req: sdkReq("dynamodb:putItem", `{"TableName":"t","Item":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{CheckOutput: true, Output: jsonval.MustDecode(`{}`)}},
			{Name: "GetObjectBody", Req: sdkReq("s3:getObject", `{"Bucket":"b","Key":"k"}`),
				Want: tasktest.Want{CheckOutput: true, Output: jsonval.MustDecode(`{"Body":"hello","ContentLength":5,"ContentType":"text/plain","LastModified":"2024-05-06T07:08:09Z","Metadata":{}}`)}},
			{Name: "WaitForTaskToken", Req: sdkReq("dynamodb:putItem.waitForTaskToken", `{"TableName":"t","Item":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Pending: true}},
			{Name: "ModeledError", Req: sdkReq("dynamodb:putItem", `{"TableName":"missing","Item":{"id":{"S":"1"}}}`),
				Want: tasktest.Want{Failed: true, Error: "DynamoDb.ResourceNotFoundException", CheckCause: true,
					Cause: "Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: req-1)"}},
			{Name: "UnmodeledError", Req: sdkReq("dynamodb:putItem", `{"TableName":"invalid"}`),
				Want: tasktest.Want{Failed: true, Error: "DynamoDb.DynamoDbException", CheckCause: true,
					Cause: "1 validation error detected (Service: DynamoDb, Status Code: 400, Request ID: req-1)"}},
			{Name: "S3NoSuchKey", Req: sdkReq("s3:getObject", `{"Bucket":"b","Key":"missing-key"}`),
				Want: tasktest.Want{Failed: true, Error: "S3.NoSuchKeyException", CheckCause: true,
					Cause: "The specified key does not exist. (Service: S3, Status Code: 404, Request ID: req-1, Extended Request ID: ext-1)"}},
			{Name: "BadParameters", Req: sdkReq("dynamodb:putItem", `{"TableName":"t","Itm":{}}`),
				Want: tasktest.Want{Failed: true, Error: "States.Runtime"}},
			{Name: "ParametersNotAnObject", Req: sdkReq("dynamodb:putItem", `[1]`),
				Want: tasktest.Want{Failed: true, Error: "States.Runtime"}},
			{Name: "ServiceNotBuiltIn", Req: sdkReq("ec2nope:describeInstances", `{}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
			{Name: "NoSuchAction", Req: sdkReq("s3:getObjects", `{}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
			{Name: "ActionNotBuiltIn", Req: sdkReq("ec2:describeVpcEndpoints", `{}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed", CheckCause: true,
					Cause: "The API action 'describeVpcEndpoints' of the AWS SDK service 'ec2' (resource 'arn:aws:states:::aws-sdk:ec2:describeVpcEndpoints') is not built into this Stepwise (add it to the service's line in shared/task/sdktask/builtin/services.txt, or drop the line's list of actions, and rebuild)."}},
			{Name: "UnsupportedByStepFunctions", Req: sdkReq("lambda:invokeAsync", `{"FunctionName":"f"}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
			{Name: "StreamingNotBuiltIn", Req: sdkReq("s3:selectObjectContent", `{}`),
				Want: tasktest.Want{Failed: true, Error: "States.TaskFailed"}},
		},
	})
}

func TestInvoker_NoResponse(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens there any more
	res, err := newInvoker(t, url).Invoke(context.Background(), sdkReq("s3:listBuckets", `{}`))
	if err != nil {
		t.Fatal(err)
	}
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "S3.SdkClientException"})
	if !strings.HasPrefix(res.Cause, "Unable to execute HTTP request: ") {
		t.Errorf("cause %q", res.Cause)
	}
}

func TestInvoker_RequestBody(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = r.Method + " " + r.URL.Path + " " + string(b)
		w.Header().Set("ETag", `"x"`)
	}))
	t.Cleanup(srv.Close)
	res, err := newInvoker(t, srv.URL).Invoke(context.Background(), sdkReq("s3:putObject", `{"Bucket":"bucket","Key":"k","Body":{"Dict":"Value"}}`))
	if err != nil || res.Failed {
		t.Fatalf("Invoke = %+v, %v", res, err)
	}
	if want := `PUT /bucket/k {"Dict":"Value"}`; got != want {
		t.Errorf("request %q, want %q", got, want)
	}
	if want := `{"ETag":"\"x\""}`; jsonval.String(res.Output) != want {
		t.Errorf("output %s, want %s", jsonval.String(res.Output), want)
	}
}
