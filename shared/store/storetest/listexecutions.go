package storetest

import (
	"fmt"
	"testing"

	"github.com/stepwise/stepwise/shared/store"
)

// seedExecutions stores, for state machine "sm", executions e00..e09 started
// one second apart (e09 newest), alternating RUNNING/SUCCEEDED, with e00-e02
// run from version :1 and e03-e04 from alias :prod (which routed e03 to
// version :1 and e04 to :2), e08-e09 children of a map run; plus one of
// "other".
func seedExecutions(t *testing.T, s store.Store) {
	t.Helper()
	for i := range 10 {
		ex := sampleExec("sm", fmt.Sprintf("e%02d", i), i)
		if i%2 == 1 {
			ex.Status, ex.StopDate, ex.Output = "SUCCEEDED", at(i+100), "{}"
		}
		switch {
		case i < 3:
			ex.ExecutedARN, ex.VersionARN = smARN("sm")+":1", smARN("sm")+":1"
		case i < 5:
			ex.ExecutedARN, ex.VersionARN = smARN("sm")+":prod", smARN("sm")+fmt.Sprintf(":%d", i-2)
		case i >= 8:
			ex.MapRunARN = mapRunARN
		}
		mustNil(t, s.CreateExecution(ctx(), ex), "create "+ex.Name)
	}
	mustNil(t, s.CreateExecution(ctx(), sampleExec("other", "e00", 50)), "create other")
}

const mapRunARN = "arn:aws:states:us-east-1:123456789012:mapRun:sm/label:0b7b4b35-3a2c-4d0e-9f5a-8d5c1a2b3c4d"

func names(ids ...int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = execARN("sm", fmt.Sprintf("e%02d", id))
	}
	return out
}

var listExecutionTests = map[string]func(t *testing.T, s store.Store){
	"Filters": func(t *testing.T, s store.Store) {
		seedExecutions(t, s)
		sm := smARN("sm")
		cases := []struct {
			name string
			f    store.ExecutionFilter
			want []string
		}{
			{"all", store.ExecutionFilter{StateMachineARN: sm}, names(9, 8, 7, 6, 5, 4, 3, 2, 1, 0)},
			{"running", store.ExecutionFilter{StateMachineARN: sm, Status: "RUNNING"}, names(8, 6, 4, 2, 0)},
			{"succeeded", store.ExecutionFilter{StateMachineARN: sm, Status: "SUCCEEDED"}, names(9, 7, 5, 3, 1)},
			{"failed", store.ExecutionFilter{StateMachineARN: sm, Status: "FAILED"}, names()},
			{"version", store.ExecutionFilter{StateMachineARN: sm, VersionARN: sm + ":1"}, names(3, 2, 1, 0)},
			{"version 2", store.ExecutionFilter{StateMachineARN: sm, VersionARN: sm + ":2"}, names(4)},
			{"version+status", store.ExecutionFilter{StateMachineARN: sm, VersionARN: sm + ":1", Status: "SUCCEEDED"}, names(3, 1)},
			{"alias", store.ExecutionFilter{StateMachineARN: sm, ExecutedARN: sm + ":prod"}, names(4, 3)},
			{"alias+status", store.ExecutionFilter{StateMachineARN: sm, ExecutedARN: sm + ":prod", Status: "RUNNING"}, names(4)},
			{"map run", store.ExecutionFilter{StateMachineARN: sm, MapRunARN: mapRunARN}, names(9, 8)},
			{"map run+status", store.ExecutionFilter{StateMachineARN: sm, MapRunARN: mapRunARN, Status: "RUNNING"}, names(8)},
			{"other", store.ExecutionFilter{StateMachineARN: smARN("other")}, []string{execARN("other", "e00")}},
			{"unknown", store.ExecutionFilter{StateMachineARN: smARN("none")}, names()},
		}
		key := func(e store.Execution) string { return e.ARN }
		for _, c := range cases {
			for _, limit := range []int{0, 1, 3, 10} {
				got := pageAll(t, limit, func(p store.Page) ([]store.Execution, string, error) {
					return s.ListExecutions(ctx(), c.f, p)
				})
				sameSeq(t, fmt.Sprintf("%s limit %d", c.name, limit), arns(got, key), c.want)
			}
		}
	},
	"ReflectsUpdates": func(t *testing.T, s store.Store) {
		seedExecutions(t, s)
		ex, err := s.GetExecution(ctx(), names(8)[0])
		mustNil(t, err, "get")
		prev := ex.Version
		ex.Status, ex.Version = "ABORTED", prev+1
		mustNil(t, s.UpdateExecution(ctx(), ex, prev), "update")
		f := store.ExecutionFilter{StateMachineARN: smARN("sm"), Status: "ABORTED"}
		got, _, err := s.ListExecutions(ctx(), f, store.Page{})
		mustNil(t, err, "list")
		if len(got) != 1 || got[0].ARN != ex.ARN || got[0].Status != "ABORTED" {
			t.Fatalf("aborted listing: %+v", got)
		}
		f.Status = "RUNNING"
		running := pageAll(t, 0, func(p store.Page) ([]store.Execution, string, error) {
			return s.ListExecutions(ctx(), f, p)
		})
		sameSeq(t, "running after abort", arns(running, func(e store.Execution) string { return e.ARN }), names(6, 4, 2, 0))
	},
}
