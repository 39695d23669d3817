package stacks

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func ctx(m map[string]any) func(string) any {
	return func(k string) any { return m[k] }
}

func TestSettingsFromContext_Valid(t *testing.T) {
	fn := "arn:aws:lambda:eu-west-1:123456789012:function:orders"
	tests := []struct {
		name string
		ctx  map[string]any
		want func(s *Settings)
	}{
		{"defaults", nil, func(s *Settings) {}},
		{"typed values from cdk.json", map[string]any{
			CtxStage: "prod", CtxRetentionDays: float64(365), CtxAPIMemoryMB: float64(256),
			CtxStepperMemoryMB: float64(2048), CtxLogLevel: "debug", CtxAllowedTaskResources: []any{fn, "arn:aws:lambda:*:1:function:x-*"},
			CtxStepperMaxConcurrency: float64(50), CtxTerminationProtection: true, CtxRetainData: false,
			CtxExecutionTTLDays: float64(0), CtxStepperTimeoutSeconds: float64(300), CtxAPIEndpoint: EndpointFunctionURL,
			CtxLambdaArchitecture: ArchX8664, CtxAlarmTopicArn: "arn:aws:sns:eu-west-1:123456789012:ops",
		}, func(s *Settings) {
			s.APIEndpoint, s.LambdaArchitecture = EndpointFunctionURL, ArchX8664
			s.AlarmTopicArn = "arn:aws:sns:eu-west-1:123456789012:ops"
			s.Stage, s.RetentionDays, s.APIMemoryMB, s.StepperMemoryMB, s.LogLevel = "prod", 365, 256, 2048, "debug"
			s.AllowedTaskResources = []string{fn, "arn:aws:lambda:*:1:function:x-*"}
			s.StepperMaxConcurrency, s.TerminationProtection, s.RetainData = 50, true, false
			s.ExecutionTTLDays, s.StepperTimeoutSeconds = 0, 300
		}},
		{"every function, forced", map[string]any{
			CtxAllowedTaskResources: "arn:aws:lambda:*:*:function:*, *", CtxAllowAllTaskResources: "true",
		}, func(s *Settings) {
			s.AllowedTaskResources, s.AllowAllTaskResources = []string{"arn:aws:lambda:*:*:function:*", "*"}, true
		}},
		{"named patterns need no force", map[string]any{
			CtxAllowedTaskResources: []any{"arn:aws:lambda:*:*:function:orders-*", "arn:aws:lambda:us-east-1:1:function:f?"},
		}, func(s *Settings) {
			s.AllowedTaskResources = []string{"arn:aws:lambda:*:*:function:orders-*", "arn:aws:lambda:us-east-1:1:function:f?"}
		}},
		{"strings from -c", map[string]any{
			CtxRetentionDays: "7", CtxAllowedTaskResources: fn + ", " + fn + "2", CtxTerminationProtection: "true",
			CtxStepperBatchSize: " 5 ", CtxAPIThrottleRate: "10", CtxAPIThrottleBurst: "20",
		}, func(s *Settings) {
			s.RetentionDays, s.AllowedTaskResources, s.TerminationProtection = 7, []string{fn, fn + "2"}, true
			s.StepperBatchSize, s.APIThrottleRate, s.APIThrottleBurst = 5, 10, 20
		}},
		{"limits over AWS's", map[string]any{CtxLimits: "history-events=50000,express-duration=10m"}, func(s *Settings) {
			s.Limits.HistoryEvents, s.Limits.ExpressDuration = 50_000, 10*time.Minute
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := DefaultSettings()
			tt.want(&want)
			got, err := SettingsFromContext(ctx(tt.ctx))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("got  %+v\nwant %+v", got, want)
			}
		})
	}
}

func TestSettingsFromContext_Errors(t *testing.T) {
	tests := []struct {
		name string
		ctx  map[string]any
		want []string
	}{
		{"bad stage", map[string]any{CtxStage: "my stage"}, []string{`stage "my stage"`}},
		{"retention not allowed by CloudWatch", map[string]any{CtxRetentionDays: float64(10)}, []string{"retentionDays 10"}},
		{"fractional memory", map[string]any{CtxAPIMemoryMB: 256.5}, []string{"apiMemoryMb 256.5: want a whole number"}},
		{"memory out of range", map[string]any{CtxStepperMemoryMB: "64"}, []string{"stepperMemoryMb 64: want a number from 128"}},
		{"log level", map[string]any{CtxLogLevel: "chatty"}, []string{`logLevel: log level "chatty"`}},
		{"concurrency below SQS minimum", map[string]any{CtxStepperMaxConcurrency: float64(1)}, []string{"stepperMaxConcurrency 1"}},
		{"bad bool", map[string]any{CtxTerminationProtection: "yes please"}, []string{"terminationProtection yes please: want true or false"}},
		{"bare wildcard resource", map[string]any{CtxAllowedTaskResources: "*"}, []string{`allowedTaskResources: "*" allows every Lambda function`, "allowAllTaskResources=true"}},
		{"every service and resource", map[string]any{CtxAllowedTaskResources: "arn:aws:*:*:*:*"}, []string{`"arn:aws:*:*:*:*" allows every Lambda function`}},
		{"every function anywhere", map[string]any{CtxAllowedTaskResources: "arn:aws:lambda:*:*:function:*"}, []string{`"arn:aws:lambda:*:*:function:*" allows every Lambda function`}},
		{"every function of an account", map[string]any{CtxAllowedTaskResources: []any{"arn:aws:lambda:us-east-1:123456789012:function:*"}}, []string{"allows every Lambda function"}},
		{"every function, qualified", map[string]any{CtxAllowedTaskResources: "arn:aws:lambda:us-east-1:123456789012:function:*:prod"}, []string{"allows every Lambda function"}},
		{"every function, stars and marks", map[string]any{CtxAllowedTaskResources: "arn:aws:lambda:us-east-1:123456789012:function:?*"}, []string{"allows every Lambda function"}},
		{"force is not a bool", map[string]any{CtxAllowedTaskResources: "*", CtxAllowAllTaskResources: "sure"}, []string{"allowAllTaskResources sure: want true or false"}},
		{"non-lambda resource", map[string]any{CtxAllowedTaskResources: []any{"arn:aws:sqs:us-east-1:1:q"}}, []string{"arn:aws:sqs"}},
		{"list of non-strings", map[string]any{CtxAllowedTaskResources: []any{1.0}}, []string{"want a list of strings"}},
		{"unknown architecture", map[string]any{CtxLambdaArchitecture: "amd64"}, []string{`lambdaArchitecture "amd64"`}},
		{"alarm topic not sns", map[string]any{CtxAlarmTopicArn: "arn:aws:sqs:eu-west-1:123456789012:q"}, []string{`alarmTopicArn "arn:aws:sqs`}},
		{"unknown endpoint", map[string]any{CtxAPIEndpoint: "restApi"}, []string{`apiEndpoint "restApi"`}},
		{"wrong type", map[string]any{CtxStage: 3.0}, []string{"stage 3: want a string"}},
		{"unknown limit", map[string]any{CtxLimits: "events=1"}, []string{`limits events=1: want a limits spec (unknown limit "events"`}},
		{"limits not a string", map[string]any{CtxLimits: 3.0}, []string{"limits 3: want a limits spec string"}},
		{"several at once", map[string]any{CtxStage: "", CtxRetentionDays: "x"}, []string{`stage ""`, "retentionDays x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := SettingsFromContext(ctx(tt.ctx))
			if err == nil {
				t.Fatalf("got %+v, want error", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestInvokeResources(t *testing.T) {
	fn := "arn:aws:lambda:eu-west-1:1:function:f"
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{"unqualified gets versions and aliases", []string{fn}, []string{fn, fn + ":*"}},
		{"qualified kept", []string{fn + ":live"}, []string{fn + ":live"}},
		{"trailing wildcard kept", []string{"arn:aws:lambda:*:1:function:f-*"}, []string{"arn:aws:lambda:*:1:function:f-*"}},
		// Forced (allowAllTaskResources): never Resource "*".
		{"forced bare wildcards become every function", []string{"*", fn, "arn:aws:*:*:*:*"},
			[]string{"arn:aws-cn:lambda:*:*:function:*", fn, fn + ":*"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := invokeResources(tt.in, "aws-cn"); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCheckAssets(t *testing.T) {
	tests := []struct {
		name    string
		files   []string // created under the asset dir
		dirs    []string
		missing []string // "" means no error
	}{
		{"both present", []string{"api/bootstrap", "stepper/bootstrap"}, nil, nil},
		{"none", nil, nil, []string{"api/bootstrap", "stepper/bootstrap"}},
		{"stepper missing", []string{"api/bootstrap"}, nil, []string{"stepper/bootstrap"}},
		{"bootstrap is a folder", []string{"api/bootstrap"}, []string{"stepper/bootstrap"}, []string{"stepper/bootstrap"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.files {
				writeFile(t, filepath.Join(dir, f))
			}
			for _, d := range tt.dirs {
				if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			err := CheckAssets(dir, FunctionAPI, FunctionStepper)
			if len(tt.missing) == 0 {
				if err != nil {
					t.Fatalf("CheckAssets: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), "make lambdas") {
				t.Fatalf("error %v, want one telling to run make lambdas", err)
			}
			for _, m := range tt.missing {
				if !strings.Contains(err.Error(), filepath.Join(dir, m)) {
					t.Errorf("error %q does not name %s", err, m)
				}
			}
		})
	}
}

func writeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
}
