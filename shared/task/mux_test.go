package task_test

import (
	"context"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/tasktest"
)

// named answers with its own name, so tests can see where a request went.
type named string

func (n named) Invoke(_ context.Context, req task.Request) (task.Result, error) {
	return task.Success(string(n)), nil
}

func TestMux_Routing(t *testing.T) {
	var m task.Mux
	m.Handle("arn:aws:lambda:", named("legacy"))
	m.Handle("arn:aws:states:::lambda:invoke", named("optimized"))
	m.Handle("arn:aws:states:::", named("services"))
	m.Handle("arn:aws:states:::sqs:sendMessage", named("old"))
	m.Handle("arn:aws:states:::sqs:sendMessage", named("sqs")) // replaces "old"
	tests := map[string]string{
		"arn:aws:lambda:us-east-1:1:function:f":             "legacy",
		"arn:aws:states:::lambda:invoke":                    "optimized",
		"arn:aws:states:::lambda:invoke.waitForTaskToken":   "optimized",
		"arn:aws:states:::sqs:sendMessage.waitForTaskToken": "sqs",
		"arn:aws:states:::sns:publish":                      "services",
	}
	for resource, want := range tests {
		t.Run(resource, func(t *testing.T) {
			res, err := m.Invoke(context.Background(), task.Request{Resource: resource})
			if err != nil {
				t.Fatal(err)
			}
			tasktest.CheckResult(t, res, tasktest.Want{Output: want, CheckOutput: true})
		})
	}
}

func TestMux_UnknownResource(t *testing.T) {
	var m task.Mux
	m.Handle("arn:aws:lambda:", named("legacy"))
	res, err := m.Invoke(context.Background(), task.Request{Resource: "arn:aws:states:::batch:submitJob"})
	if err != nil {
		t.Fatal(err)
	}
	tasktest.CheckResult(t, res, tasktest.Want{Failed: true, Error: "States.TaskFailed", CheckCause: true,
		Cause: "No task invoker is configured for the resource 'arn:aws:states:::batch:submitJob'."})
}

func TestMux_AllowList(t *testing.T) {
	var m task.Mux
	m.Handle("arn:", named("any"))
	m.Allow("arn:aws:states:::sqs:sendMessage", "arn:aws:lambda:*:123:function:app-*", " ")
	tests := map[string]bool{
		"arn:aws:states:::sqs:sendMessage":                  true,
		"arn:aws:states:::sqs:sendMessage.waitForTaskToken": false, // exact entries are exact
		"arn:aws:lambda:us-east-1:123:function:app-orders":  true,
		"arn:aws:lambda:eu-west-1:123:function:app-":        true,
		"arn:aws:lambda:us-east-1:999:function:app-orders":  false,
		"arn:aws:lambda:us-east-1:123:function:other":       false,
	}
	for resource, allowed := range tests {
		t.Run(resource, func(t *testing.T) {
			res, err := m.Invoke(context.Background(), task.Request{Resource: resource})
			if err != nil {
				t.Fatal(err)
			}
			want := tasktest.Want{Output: "any", CheckOutput: true}
			if !allowed {
				want = tasktest.Want{Failed: true, Error: "States.Permissions"}
			}
			tasktest.CheckResult(t, res, want)
		})
	}
}

func TestMatchResource(t *testing.T) {
	tests := []struct {
		pattern, resource string
		want              bool
	}{
		{"a", "a", true},
		{"a", "ab", false},
		{"*", "", true},
		{"*", "anything:at/all", true},
		{"a*", "a", true},
		{"a*a", "a", false},
		{"a*a", "aba", true},
		{"*b*", "abc", true},
		{"*b*", "ac", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxcyyb", false},
		{"**", "x", true},
	}
	for _, tt := range tests {
		if got := task.MatchResource(tt.pattern, tt.resource); got != tt.want {
			t.Errorf("MatchResource(%q, %q) = %v, want %v", tt.pattern, tt.resource, got, tt.want)
		}
	}
}

func TestMux_Contract(t *testing.T) {
	tasktest.Run(t, tasktest.Suite{
		New: func(t *testing.T) task.Invoker {
			m := &task.Mux{}
			m.Handle("arn:aws:lambda:", named("legacy"))
			m.Allow("arn:aws:lambda:*")
			return m
		},
		Cases: []tasktest.Case{
			{Name: "Routed", Req: task.Request{Resource: "arn:aws:lambda:r:1:function:f"}, Want: tasktest.Want{Output: "legacy", CheckOutput: true}},
			{Name: "Denied", Req: task.Request{Resource: "arn:aws:states:::sns:publish"}, Want: tasktest.Want{Failed: true, Error: "States.Permissions"}},
		},
	})
}
