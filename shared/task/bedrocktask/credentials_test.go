package bedrocktask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/bedrocktask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
	"github.com/stepwise/stepwise/shared/task/taskrole/roletest"
)

// A Task with Credentials reads its S3 input, invokes the model and writes
// its S3 output with the role's credentials; a role that cannot be
// assumed fails the Task before any call.
func TestCredentials(t *testing.T) {
	var mu sync.Mutex
	var signers []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		mu.Lock()
		signers = append(signers, r.Method+" "+roletest.Signer(r.Header))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Method != http.MethodPut {
			_, _ = io.WriteString(w, `{"inputText":"x"}`)
		}
	}))
	t.Cleanup(srv.Close)
	sts := roletest.Start(t)
	sdk := sdktask.New(roletest.Config(), sdktask.Options{Endpoints: map[string]string{"bedrockruntime": srv.URL, "s3": srv.URL}, Roles: sts.Roles()},
		builtin.Services()...)
	inv := bedrocktask.New(sdk)
	invoke := func(role string) task.Result {
		t.Helper()
		res, err := inv.Invoke(context.Background(), task.Request{State: "Prompt", Resource: bedrocktask.Resource,
			Input:       jsonval.MustDecode(`{"ModelId":"amazon.titan-text-express-v1","Input":{"S3Uri":"s3://in/p.json"},"Output":{"S3Uri":"s3://out/a.json"}}`),
			Credentials: jsonval.MustDecode(`{"RoleArn":"` + role + `"}`)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	if res := invoke("arn:aws:iam::444455556666:role/models"); res.Failed {
		t.Fatalf("%+v", res)
	}
	if got := strings.Join(signers, ","); got != "GET ASIAROLE1,POST ASIAROLE1,PUT ASIAROLE1" {
		t.Errorf("calls signed by %s", got)
	}
	signers = nil
	if res := invoke("arn:aws:iam::444455556666:role/denied"); res.Error != "States.TaskFailed" || len(signers) != 0 {
		t.Errorf("denied role: %+v, calls %v", res, signers)
	}
}
