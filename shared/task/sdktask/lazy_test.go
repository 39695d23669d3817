package sdktask_test

import (
	"context"
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
)

// TestNewLazy: the services are listed on the first call that needs them,
// once, not when the invoker is made (a cold start that calls no aws-sdk
// Task pays nothing for the tables); both Invoke and Call find them.
func TestNewLazy(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(wire))
	defer srv.Close()
	loads := 0
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	inv := sdktask.NewLazy(cfg, sdktask.Options{Endpoints: map[string]string{"s3": srv.URL, "dynamodb": srv.URL}}, func() []sdktask.Service {
		loads++
		return builtin.Services()
	})
	inv.Register(&task.Mux{})
	if loads != 0 {
		t.Fatalf("services listed %d times before any call", loads)
	}
	res, err := inv.Invoke(context.Background(), sdkReq("s3:getObject", `{"Bucket":"b","Key":"k"}`))
	if err != nil || res.Failed || !strings.Contains(jsonval.String(res.Output), `"Body":"hello"`) {
		t.Fatalf("getObject: %+v, %v", res, err)
	}
	if _, err := inv.Call(context.Background(), "dynamodb", "query", jsonval.MustDecode(`{"TableName":"t"}`).(*jsonval.Object)); err != nil {
		t.Fatalf("Call dynamodb query: %v", err)
	}
	if res, _ := inv.Invoke(context.Background(), sdkReq("nosuch:getThing", `{}`)); !strings.Contains(res.Cause, "not built into this Stepwise") {
		t.Errorf("unknown service: %+v", res)
	}
	if loads != 1 {
		t.Errorf("services listed %d times, want once", loads)
	}
}
