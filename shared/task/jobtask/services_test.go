package jobtask

import (
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// Responses shaped as the services' API references show them (timestamps
// as epoch milliseconds, as sdktask.Call renders them).
const (
	athenaRunning   = `{"QueryExecution":{"QueryExecutionId":"q-1","Query":"SELECT 1","Status":{"State":"RUNNING","SubmissionDateTime":1600000000000}}}`
	athenaSucceeded = `{"QueryExecution":{"QueryExecutionId":"q-1","Query":"SELECT 1","StatementType":"DML","ResultConfiguration":{"OutputLocation":"s3://b/q-1.csv"},"Status":{"State":"SUCCEEDED","SubmissionDateTime":1600000000000,"CompletionDateTime":1600000002000},"WorkGroup":"primary"}}`
	athenaFailed    = `{"QueryExecution":{"QueryExecutionId":"q-1","Status":{"State":"FAILED","StateChangeReason":"line 1:8: Column 'x' cannot be resolved"}}}`
	glueRun         = `{"JobRun":{"Id":"jr_1","Attempt":0,"JobName":"etl","StartedOn":1600000000000,"JobRunState":"%s","ExecutionTime":12}}`
	batchJob        = `{"Jobs":[{"JobArn":"arn:aws:batch:us-east-1:1:job/j-1","JobName":"PreprocessingBatchJob","JobId":"j-1","JobQueue":"SecondaryQueue","Status":"%s","CreatedAt":1600000000000}]}`
	ecsTask         = `{"Failures":[],"Tasks":[{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/t-1","ClusterArn":"arn:aws:ecs:us-east-1:1:cluster/c","LastStatus":"%s","StopCode":"EssentialContainerExited","Containers":[{"Name":"app","ExitCode":%s}]}]}`
)

func fill(format string, args ...string) string {
	for _, a := range args {
		format = strings.Replace(format, "%s", a, 1)
	}
	return format
}

func replies(outs ...string) []reply {
	rs := make([]reply, len(outs))
	for i, o := range outs {
		rs[i] = reply{out: o}
	}
	return rs
}

func TestSync(t *testing.T) {
	for _, tc := range []struct {
		name, resource, params string
		replies                map[string][]reply
		wantOut, wantCause     string // one of them
		wantCalls              []string
	}{
		{name: "athena succeeds", resource: "arn:aws:states:::athena:startQueryExecution.sync",
			params: `{"QueryString":"SELECT 1","WorkGroup":"primary"}`,
			replies: map[string][]reply{"athena:startQueryExecution": replies(`{"QueryExecutionId":"q-1"}`),
				"athena:getQueryExecution": replies(athenaRunning, athenaRunning, athenaSucceeded)},
			wantOut: athenaSucceeded,
			wantCalls: []string{
				`athena:startQueryExecution {"QueryString":"SELECT 1","WorkGroup":"primary","ClientRequestToken":"` + attemptToken("ex/root@3#0", 64) + `"}`,
				`athena:getQueryExecution {"QueryExecutionId":"q-1"}`}},
		{name: "athena fails", resource: "arn:aws:states:::athena:startQueryExecution.sync", params: `{"QueryString":"SELECT x"}`,
			replies: map[string][]reply{"athena:startQueryExecution": replies(`{"QueryExecutionId":"q-1"}`),
				"athena:getQueryExecution": replies(athenaFailed)},
			wantCause: athenaFailed},
		{name: "glue succeeds", resource: "arn:aws:states:::glue:startJobRun.sync", params: `{"JobName":"etl"}`,
			replies: map[string][]reply{"glue:startJobRun": replies(`{"JobRunId":"jr_1"}`),
				"glue:getJobRun": replies(fill(glueRun, "RUNNING"), fill(glueRun, "SUCCEEDED"))},
			wantOut:   `{"Id":"jr_1","Attempt":0,"JobName":"etl","StartedOn":1600000000000,"JobRunState":"SUCCEEDED","ExecutionTime":12}`,
			wantCalls: []string{`glue:startJobRun {"JobName":"etl"}`, `glue:getJobRun {"JobName":"etl","RunId":"jr_1"}`}},
		{name: "glue times out", resource: "arn:aws:states:::glue:startJobRun.sync", params: `{"JobName":"etl"}`,
			replies:   map[string][]reply{"glue:startJobRun": replies(`{"JobRunId":"jr_1"}`), "glue:getJobRun": replies(fill(glueRun, "TIMEOUT"))},
			wantCause: `{"Id":"jr_1","Attempt":0,"JobName":"etl","StartedOn":1600000000000,"JobRunState":"TIMEOUT","ExecutionTime":12}`},
		{name: "batch succeeds", resource: "arn:aws:states:::batch:submitJob.sync",
			params: `{"JobDefinition":"preprocessing","JobName":"PreprocessingBatchJob","JobQueue":"SecondaryQueue"}`,
			replies: map[string][]reply{"batch:submitJob": replies(`{"JobArn":"arn:aws:batch:us-east-1:1:job/j-1","JobId":"j-1","JobName":"PreprocessingBatchJob"}`),
				"batch:describeJobs": replies(fill(batchJob, "RUNNABLE"), fill(batchJob, "SUCCEEDED"))},
			wantOut:   `{"JobArn":"arn:aws:batch:us-east-1:1:job/j-1","JobName":"PreprocessingBatchJob","JobId":"j-1","JobQueue":"SecondaryQueue","Status":"SUCCEEDED","CreatedAt":1600000000000}`,
			wantCalls: []string{`batch:submitJob {"JobDefinition":"preprocessing","JobName":"PreprocessingBatchJob","JobQueue":"SecondaryQueue"}`, `batch:describeJobs {"Jobs":["j-1"]}`}},
		{name: "batch fails", resource: "arn:aws:states:::batch:submitJob.sync", params: `{"JobName":"n"}`,
			replies:   map[string][]reply{"batch:submitJob": replies(`{"JobId":"j-1"}`), "batch:describeJobs": replies(fill(batchJob, "FAILED"))},
			wantCause: `{"JobArn":"arn:aws:batch:us-east-1:1:job/j-1","JobName":"PreprocessingBatchJob","JobId":"j-1","JobQueue":"SecondaryQueue","Status":"FAILED","CreatedAt":1600000000000}`},
		{name: "ecs succeeds", resource: "arn:aws:states:::ecs:runTask.sync", params: `{"Cluster":"c","TaskDefinition":"td"}`,
			replies: map[string][]reply{"ecs:runTask": replies(fill(ecsTask, "PROVISIONING", "null")),
				"ecs:describeTasks": replies(fill(ecsTask, "RUNNING", "null"), fill(ecsTask, "STOPPED", "0"))},
			wantOut: `{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/t-1","ClusterArn":"arn:aws:ecs:us-east-1:1:cluster/c","LastStatus":"STOPPED","StopCode":"EssentialContainerExited","Containers":[{"Name":"app","ExitCode":0}]}`,
			wantCalls: []string{`ecs:runTask {"Cluster":"c","TaskDefinition":"td","ClientToken":"` + attemptToken("ex/root@3#0", 64) + `"}`,
				`ecs:describeTasks {"Cluster":"c","Tasks":["arn:aws:ecs:us-east-1:1:task/c/t-1"]}`}},
		{name: "ecs container fails", resource: "arn:aws:states:::ecs:runTask.sync", params: `{"Cluster":"c","TaskDefinition":"td"}`,
			replies: map[string][]reply{"ecs:runTask": replies(fill(ecsTask, "PROVISIONING", "null")),
				"ecs:describeTasks": replies(fill(ecsTask, "STOPPED", "1"))},
			wantCause: `{"TaskArn":"arn:aws:ecs:us-east-1:1:task/c/t-1","ClusterArn":"arn:aws:ecs:us-east-1:1:cluster/c","LastStatus":"STOPPED","StopCode":"EssentialContainerExited","Containers":[{"Name":"app","ExitCode":1}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv, c := newTest(tc.replies)
			res, waits := run(t, inv, tc.resource, tc.params)
			if tc.wantOut != "" {
				if res.Failed {
					t.Fatalf("failed: %s %s", res.Error, res.Cause)
				}
				equalJSON(t, "output", res.Output, tc.wantOut)
			} else if !res.Failed || res.Error != "States.TaskFailed" || res.Cause != jsonval.String(jsonval.MustDecode(tc.wantCause)) {
				t.Errorf("got %+v, want States.TaskFailed with cause %s", res, tc.wantCause)
			}
			for i, want := range tc.wantCalls {
				if i >= len(c.got) || c.got[i] != want {
					t.Errorf("call %d: got %v, want %s", i, c.got, want)
				}
			}
			for i, w := range waits {
				if want := min(time.Second<<i, 4*time.Second); w != want {
					t.Errorf("wait %d: %v, want %v", i, w, want)
				}
			}
		})
	}
}

func TestRequestResponse(t *testing.T) {
	for _, tc := range []struct {
		name, resource, params, reply, want string
	}{
		{"glue adds JobName", "arn:aws:states:::glue:startJobRun", `{"JobName":"etl"}`, `{"JobRunId":"jr_1"}`, `{"JobName":"etl","JobRunId":"jr_1"}`},
		{"athena results", "arn:aws:states:::athena:getQueryResults", `{"QueryExecutionId":"q-1"}`,
			`{"ResultSet":{"Rows":[{"Data":[{"VarCharValue":"1"}]}]},"UpdateCount":0}`, `{"ResultSet":{"Rows":[{"Data":[{"VarCharValue":"1"}]}]},"UpdateCount":0}`},
		{"ecs failures do not fail", "arn:aws:states:::ecs:runTask", `{"TaskDefinition":"td"}`,
			`{"Failures":[{"Reason":"RESOURCE:MEMORY"}],"Tasks":[]}`, `{"Failures":[{"Reason":"RESOURCE:MEMORY"}],"Tasks":[]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svc := strings.SplitN(strings.TrimPrefix(tc.resource, resourcePrefix), ":", 2)
			inv, _ := newTest(map[string][]reply{svc[0] + ":" + svc[1]: replies(tc.reply)})
			res := invoke(t, inv, task.Request{Resource: tc.resource, Input: jsonval.MustDecode(tc.params)})
			if res.Failed || res.Pending {
				t.Fatalf("%+v", res)
			}
			out := res.Output.(*jsonval.Object).Clone()
			for _, k := range []string{"SdkHttpMetadata", "SdkResponseMetadata"} {
				if !out.Has(k) {
					t.Errorf("no %s", k)
				}
				out.Delete(k)
			}
			equalJSON(t, "output", out, tc.want)
		})
	}
}

func TestECS_Callback(t *testing.T) {
	inv, _ := newTest(map[string][]reply{"ecs:runTask": replies(fill(ecsTask, "PROVISIONING", "null"), `{"Failures":[{"Arn":"arn:x","Reason":"MISSING"}],"Tasks":[]}`)})
	req := task.Request{Resource: "arn:aws:states:::ecs:runTask.waitForTaskToken", Input: jsonval.MustDecode(`{"TaskDefinition":"td"}`)}
	if res := invoke(t, inv, req); !res.Pending || res.Poll != nil {
		t.Errorf("callback: %+v", res)
	}
	if res := invoke(t, inv, req); res.Error != "AmazonECS.Unknown" {
		t.Errorf("failures: %+v", res)
	}
}

func TestCancel_StopsTheJob(t *testing.T) {
	for resource, want := range map[string]string{
		"arn:aws:states:::athena:startQueryExecution.sync": `athena:stopQueryExecution {"QueryExecutionId":"q-1"}`,
		"arn:aws:states:::glue:startJobRun.sync":           `glue:batchStopJobRun {"JobName":"etl","JobRunIds":["jr_1"]}`,
		"arn:aws:states:::batch:submitJob.sync":            `batch:terminateJob {"JobId":"j-1","Reason":"` + batchStopReason + `"}`,
		"arn:aws:states:::ecs:runTask.sync":                `ecs:stopTask {"Cluster":"c","Task":"t-1","Reason":"` + ecsStopReason + `"}`,
		"arn:aws:states:::codebuild:startBuild.sync":       `codebuild:stopBuild {"Id":"p:1"}`,
	} {
		job := map[string]string{
			"athena": `{"QueryExecutionId":"q-1"}`, "glue": `{"JobName":"etl","RunId":"jr_1"}`,
			"batch": `{"JobId":"j-1"}`, "ecs": `{"Cluster":"c","TaskArn":"t-1"}`, "codebuild": `{"Id":"p:1"}`,
		}
		svc, _, _ := strings.Cut(strings.TrimPrefix(resource, resourcePrefix), ":")
		stop, _, _ := strings.Cut(strings.TrimPrefix(want, svc+":"), " ")
		inv, c := newTest(map[string][]reply{svc + ":" + stop: replies(`{}`)})
		handle := jsonval.MustDecode(`{"Job":` + job[svc] + `,"WaitMillis":1000}`)
		if _, err := inv.Invoke(t.Context(), task.Request{Resource: resource, Job: handle, Cancel: true}); err != nil {
			t.Fatal(err)
		}
		if len(c.got) != 1 || c.got[0] != want {
			t.Errorf("%s: calls %v, want %s", resource, c.got, want)
		}
	}
}

func TestCodeBuild(t *testing.T) {
	build := `{"Build":{"Id":"p:1","BuildStatus":"%s","CurrentPhase":"COMPLETED","StartTime":1600000000000}}`
	builds := `{"Builds":[{"Id":"p:1","BuildStatus":"%s","CurrentPhase":"COMPLETED","StartTime":1600000000000}],"BuildsNotFound":[]}`
	for _, tc := range []struct{ final, err string }{{"SUCCEEDED", ""}, {"FAILED", "States.TaskFailed"}} {
		inv, c := newTest(map[string][]reply{
			"codebuild:startBuild":     replies(fill(build, "IN_PROGRESS")),
			"codebuild:batchGetBuilds": replies(fill(builds, "IN_PROGRESS"), fill(builds, tc.final)),
		})
		res, _ := run(t, inv, "arn:aws:states:::codebuild:startBuild.sync", `{"ProjectName":"p"}`)
		want := fill(build, tc.final)
		if tc.err == "" && (res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(want))) {
			t.Errorf("%s: %+v %s", tc.final, res, jsonval.String(res.Output))
		}
		if tc.err != "" && (res.Error != tc.err || res.Cause != jsonval.String(jsonval.MustDecode(want))) {
			t.Errorf("%s: %+v", tc.final, res)
		}
		if c.got[0] != `codebuild:startBuild {"ProjectName":"p","IdempotencyToken":"`+attemptToken("ex/root@3#0", 32)+`"}` ||
			c.got[1] != `codebuild:batchGetBuilds {"Ids":["p:1"]}` {
			t.Errorf("calls %v", c.got)
		}
	}
}
