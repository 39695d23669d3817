package jobtask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/jobtask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// json11 answers an AWS JSON 1.1 service from canned bodies by operation
// (the X-Amz-Target suffix), recording the requests.
func json11(t *testing.T, bodies map[string][]string) (string, *[]string) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		target := r.Header.Get("X-Amz-Target")
		op := target[strings.LastIndex(target, ".")+1:]
		got = append(got, op+" "+string(body))
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		next := bodies[op]
		if len(next) == 0 {
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"__type":"InvalidInputException","message":"unexpected `+op+`"}`)
			return
		}
		bodies[op] = next[1:]
		_, _ = io.WriteString(w, next[0])
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &got
}

func runOver(t *testing.T, service, url string, req task.Request) task.Result {
	t.Helper()
	cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
	sdk := sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{service: url}}, builtin.Services()...)
	inv := jobtask.New(sdk, jobtask.Options{FirstPoll: time.Millisecond})
	res, err := inv.Invoke(context.Background(), req)
	for i := 0; err == nil && res.Poll != nil && i < 5; i++ {
		req.Job = res.Poll.Job
		res, err = inv.Invoke(context.Background(), req)
	}
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestGlue_OverTheWire(t *testing.T) {
	url, got := json11(t, map[string][]string{
		"StartJobRun": {`{"JobRunId":"jr_1"}`},
		"GetJobRun": {`{"JobRun":{"Id":"jr_1","JobName":"etl","JobRunState":"RUNNING","StartedOn":1.6E9}}`,
			`{"JobRun":{"Id":"jr_1","JobName":"etl","JobRunState":"FAILED","ErrorMessage":"boom","StartedOn":1.6E9,"CompletedOn":1.600000012E9}}`},
	})
	res := runOver(t, "glue", url, task.Request{Resource: "arn:aws:states:::glue:startJobRun.sync",
		Input: jsonval.MustDecode(`{"JobName":"etl","Arguments":{"--day":"1"}}`)})
	// The SDK's non-pointer members (AllocatedCapacity, ExecutionTime)
	// cannot be told absent from zero; Glue sends them anyway.
	want := `{"AllocatedCapacity":0,"Attempt":0,"ExecutionTime":0,"Id":"jr_1","JobName":"etl","JobRunState":"FAILED","ErrorMessage":"boom","StartedOn":1600000000000,"CompletedOn":1600000012000}`
	if cause, err := jsonval.DecodeString(res.Cause); res.Error != "States.TaskFailed" || err != nil || !jsonval.Equal(cause, jsonval.MustDecode(want)) {
		t.Errorf("got %+v, want States.TaskFailed with cause %s", res, want)
	}
	if len(*got) != 3 || (*got)[0] != `StartJobRun {"Arguments":{"--day":"1"},"JobName":"etl"}` || (*got)[1] != `GetJobRun {"JobName":"etl","RunId":"jr_1"}` {
		t.Errorf("requests %q", *got)
	}
}

func TestECS_OverTheWire(t *testing.T) {
	task1 := `{"taskArn":"arn:aws:ecs:us-east-1:1:task/c/t1","clusterArn":"arn:aws:ecs:us-east-1:1:cluster/c","lastStatus":"%s","stopCode":"EssentialContainerExited","containers":[{"name":"app","exitCode":0}],"createdAt":1.6E9}`
	state := func(s string) string { return strings.Replace(task1, "%s", s, 1) }
	url, got := json11(t, map[string][]string{
		"RunTask":       {`{"tasks":[` + state("PROVISIONING") + `],"failures":[]}`},
		"DescribeTasks": {`{"tasks":[` + state("RUNNING") + `],"failures":[]}`, `{"tasks":[` + state("STOPPED") + `],"failures":[]}`},
	})
	res := runOver(t, "ecs", url, task.Request{Resource: "arn:aws:states:::ecs:runTask.sync", AttemptID: "a",
		Input: jsonval.MustDecode(`{"Cluster":"c","TaskDefinition":"td","LaunchType":"FARGATE"}`)})
	want := `{"ClusterArn":"arn:aws:ecs:us-east-1:1:cluster/c","Containers":[{"ExitCode":0,"Name":"app"}],"CreatedAt":1600000000000,"EnableExecuteCommand":false,"LastStatus":"STOPPED","StopCode":"EssentialContainerExited","TaskArn":"arn:aws:ecs:us-east-1:1:task/c/t1","Version":0}`
	if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want)) {
		t.Errorf("got %+v %s, want %s", res, jsonval.String(res.Output), want)
	}
	if len(*got) != 3 || !strings.Contains((*got)[0], `"clientToken":"`) || (*got)[1] != `DescribeTasks {"cluster":"c","tasks":["arn:aws:ecs:us-east-1:1:task/c/t1"]}` {
		t.Errorf("requests %q", *got)
	}
}

func TestNotBuiltIn(t *testing.T) {
	sdk := sdktask.New(aws.Config{Region: "us-east-1"}, sdktask.Options{}) // no services at all
	res, err := jobtask.New(sdk, jobtask.Options{}).Invoke(context.Background(),
		task.Request{Resource: "arn:aws:states:::glue:startJobRun.sync", Input: jsonval.MustDecode(`{"JobName":"j"}`)})
	if err != nil || res.Error != "States.TaskFailed" || !strings.Contains(res.Cause, `"glue" is not built into this Stepwise`) {
		t.Errorf("%+v %v", res, err)
	}
}

func TestCodeBuild_OverTheWire(t *testing.T) {
	build := `{"id":"p:1","arn":"arn:aws:codebuild:us-east-1:1:build/p:1","buildStatus":"%s","projectName":"p","startTime":1.6E9}`
	state := func(s string) string { return strings.Replace(build, "%s", s, 1) }
	url, got := json11(t, map[string][]string{
		"StartBuild":     {`{"build":` + state("IN_PROGRESS") + `}`},
		"BatchGetBuilds": {`{"builds":[` + state("IN_PROGRESS") + `]}`, `{"builds":[` + state("SUCCEEDED") + `]}`},
	})
	res := runOver(t, "codebuild", url, task.Request{Resource: "arn:aws:states:::codebuild:startBuild.sync", AttemptID: "a",
		Input: jsonval.MustDecode(`{"ProjectName":"p","EnvironmentVariablesOverride":[{"Name":"K","Type":"PLAINTEXT","Value":"v"}]}`)})
	// BuildComplete is one of the SDK's non-pointer members (see TestGlue_OverTheWire).
	want := `{"Build":{"Arn":"arn:aws:codebuild:us-east-1:1:build/p:1","BuildComplete":false,"BuildStatus":"SUCCEEDED","Id":"p:1","ProjectName":"p","StartTime":1600000000000}}`
	if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want)) {
		t.Errorf("got %+v %s, want %s", res, jsonval.String(res.Output), want)
	}
	if len(*got) != 3 || !strings.Contains((*got)[0], `"idempotencyToken":"`) || (*got)[1] != `BatchGetBuilds {"ids":["p:1"]}` {
		t.Errorf("requests %q", *got)
	}
}
