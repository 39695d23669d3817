package stacks

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/stepwise/stepwise/shared/config"
	"github.com/stepwise/stepwise/shared/limits"
	"github.com/stepwise/stepwise/shared/store/dynamostore"
)

func TestDataStack_Table(t *testing.T) {
	s := templates(t, "default")
	check(t, s.data).count("AWS::DynamoDB::Table", 1)
	check(t, s.data).resource("AWS::DynamoDB::Table", props{
		"DeletionPolicy":      "Retain",
		"UpdateReplacePolicy": "Retain",
		"Properties": props{
			"BillingMode":                      "PAY_PER_REQUEST",
			"PointInTimeRecoverySpecification": props{"PointInTimeRecoveryEnabled": true},
			"SSESpecification":                 props{"SSEEnabled": true},
			"TimeToLiveSpecification":          props{"AttributeName": "ttl", "Enabled": true},
			"DeletionProtectionEnabled":        false,
			"KeySchema": []any{
				props{"AttributeName": "pk", "KeyType": "HASH"},
				props{"AttributeName": "sk", "KeyType": "RANGE"},
			},
			"GlobalSecondaryIndexes": []any{gsi("gsi1", props{"ProjectionType": "ALL"}),
				gsi("gsi2", props{"ProjectionType": "INCLUDE", "NonKeyAttributes": anyStrings(dynamostore.TableSchema.GSI2Include)})},
			"TableName": assertions.Match_Absent(),
		},
	})
	if tp := s.dataStack.TerminationProtection(); tp == nil || *tp {
		t.Errorf("default termination protection = %v, want false", tp)
	}
}

func gsi(name string, projection props) props {
	return props{
		"IndexName": name,
		"KeySchema": []any{
			props{"AttributeName": name + "pk", "KeyType": "HASH"},
			props{"AttributeName": name + "sk", "KeyType": "RANGE"},
		},
		"Projection": projection,
	}
}

func TestDataStack_Custom(t *testing.T) {
	s := templates(t, "custom")
	check(t, s.data).resource("AWS::DynamoDB::Table", props{
		"DeletionPolicy": "Delete",
		"Properties":     props{"DeletionProtectionEnabled": true},
	})
	if tp := s.dataStack.TerminationProtection(); tp == nil || !*tp {
		t.Errorf("termination protection = %v, want true", tp)
	}
}

func TestServiceStack_ResourceCounts(t *testing.T) {
	s := templates(t, "default")
	for typ, n := range map[string]float64{
		"AWS::SQS::Queue":                     2,
		"AWS::SQS::QueuePolicy":               2,
		"AWS::Lambda::Function":               2, // no custom-resource helpers
		"AWS::Lambda::EventSourceMapping":     1,
		"AWS::IAM::Role":                      2,
		"AWS::Logs::LogGroup":                 3,
		"AWS::ApiGatewayV2::Api":              1,
		"AWS::ApiGatewayV2::Route":            1,
		"AWS::ApiGatewayV2::Integration":      1,
		"AWS::ApiGatewayV2::Stage":            1,
		"AWS::CloudWatch::Alarm":              1,
		"AWS::CloudWatch::Dashboard":          1,
		"AWS::DynamoDB::Table":                0,
		"AWS::Lambda::Permission":             1,
		"AWS::ApiGatewayV2::Authorizer":       0, // IAM auth needs no authorizer resource
		"Custom::LogRetention":                0,
		"AWS::Lambda::LayerVersion":           0,
		"AWS::ApiGatewayV2::ApiMapping":       0,
		"AWS::ApiGatewayV2::DomainName":       0,
		"AWS::CloudFormation::CustomResource": 0,
	} {
		check(t, s.svc).count(typ, n)
	}
}

func TestServiceStack_Queues(t *testing.T) {
	s := templates(t, "default")
	check(t, s.svc).props("AWS::SQS::Queue", props{
		"SqsManagedSseEnabled": true,
		"VisibilityTimeout":    6 * 120,
		"RedrivePolicy": props{
			"deadLetterTargetArn": props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^DeadLetterQueue")), "Arn"}},
			"maxReceiveCount":     maxReceiveCount,
		},
		"QueueName": assertions.Match_Absent(),
	})
	check(t, s.svc).props("AWS::SQS::Queue", props{
		"SqsManagedSseEnabled":   true,
		"MessageRetentionPeriod": 14 * 24 * 3600,
	})
	// EnforceSSL on both queues.
	policies := s.svc.FindResources(jsii.String("AWS::SQS::QueuePolicy"), props{
		"Properties": props{"PolicyDocument": props{"Statement": []any{props{
			"Effect":    "Deny",
			"Condition": props{"Bool": props{"aws:SecureTransport": "false"}},
		}}}},
	})
	if n := len(*policies); n != 2 {
		t.Errorf("%d queue policies deny insecure transport, want 2", n)
	}
	custom := templates(t, "custom")
	check(t, custom.svc).props("AWS::SQS::Queue", props{"VisibilityTimeout": 6 * 60})
}

func TestServiceStack_EventSource(t *testing.T) {
	s := templates(t, "default")
	check(t, s.svc).props("AWS::Lambda::EventSourceMapping", props{
		"FunctionName":          props{"Ref": assertions.Match_StringLikeRegexp(jsii.String("^stepperFunction"))},
		"EventSourceArn":        props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^StepQueue")), "Arn"}},
		"FunctionResponseTypes": []any{"ReportBatchItemFailures"},
		"BatchSize":             10,
		"ScalingConfig":         props{"MaximumConcurrency": 10},
	})
	check(t, templates(t, "custom").svc).props("AWS::Lambda::EventSourceMapping",
		props{"ScalingConfig": props{"MaximumConcurrency": 50}})
}

func TestServiceStack_Functions(t *testing.T) {
	s := templates(t, "default")
	for name, memory := range map[string]int{FunctionAPI: 512, FunctionStepper: 1024} {
		t.Run(name, func(t *testing.T) {
			fn := resourceWithPrefix(t, s.svcJSON, "AWS::Lambda::Function", name+"Function")
			p := fn["Properties"].(map[string]any)
			want := map[string]any{"Runtime": "provided.al2023", "Handler": "bootstrap", "MemorySize": float64(memory)}
			for k, v := range want {
				if p[k] != v {
					t.Errorf("%s = %v, want %v", k, p[k], v)
				}
			}
			if got := jsonOf(p["Architectures"]); got != `["arm64"]` {
				t.Errorf("Architectures = %s", got)
			}
			if _, ok := p["FunctionName"]; ok {
				t.Error("function has a physical name")
			}
			checkEnv(t, p["Environment"].(map[string]any)["Variables"].(map[string]any))
		})
	}
	check(t, s.svc).props("AWS::Logs::LogGroup", props{"RetentionInDays": 30})
}

// checkEnv: every variable is a shared/config name, and the required ones
// are all there, so functions started by this stack pass config.FromEnv.
func checkEnv(t *testing.T, vars map[string]any) {
	t.Helper()
	known := map[string]bool{}
	for _, k := range []string{config.EnvTable, config.EnvQueueURL, config.EnvDLQURL, config.EnvStage,
		config.EnvLogLevel, config.EnvExecutionTTLDays, config.EnvRegion, config.EnvAccount,
		config.EnvAllowedTaskResources, config.EnvMetricsNamespace, config.EnvLimits} {
		known[k] = true
	}
	for k := range vars {
		if !known[k] {
			t.Errorf("unknown env var %s", k)
		}
	}
	for _, k := range []string{config.EnvTable, config.EnvQueueURL, config.EnvRegion, config.EnvAccount} {
		if vars[k] == nil {
			t.Errorf("required env var %s not set", k)
		}
	}
	if vars[config.EnvStage] != "dev" || vars[config.EnvLogLevel] != "info" || vars[config.EnvExecutionTTLDays] != "90" {
		t.Errorf("stage/log level/ttl = %v/%v/%v", vars[config.EnvStage], vars[config.EnvLogLevel], vars[config.EnvExecutionTTLDays])
	}
	if got := jsonOf(vars[config.EnvAccount]); got != `{"Ref":"AWS::AccountId"}` {
		t.Errorf("%s = %s", config.EnvAccount, got)
	}
	// AWS's quotas, spelled out so a deployment shows what it enforces.
	if got, want := vars[config.EnvLimits], limits.Default().Spec(); got != want {
		t.Errorf("%s = %v, want %s", config.EnvLimits, got, want)
	}
}

func TestServiceStack_HTTPAPI(t *testing.T) {
	s := templates(t, "default")
	check(t, s.svc).props("AWS::ApiGatewayV2::Route", props{
		"RouteKey":          "$default",
		"AuthorizationType": "AWS_IAM",
	})
	check(t, s.svc).props("AWS::ApiGatewayV2::Integration", props{
		"IntegrationType":      "AWS_PROXY",
		"PayloadFormatVersion": "2.0",
	})
	check(t, s.svc).props("AWS::ApiGatewayV2::Stage", props{
		"StageName":  "$default",
		"AutoDeploy": true,
		"DefaultRouteSettings": props{
			"ThrottlingRateLimit":  100,
			"ThrottlingBurstLimit": 200,
		},
		"AccessLogSettings": props{
			"DestinationArn": props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^ApiAccessLogs")), "Arn"}},
			"Format":         assertions.Match_StringLikeRegexp(jsii.String(`"requestId":"\$context.requestId"`)),
		},
	})
	// Every route, however added, must require SigV4.
	for id, r := range resourcesOfType(s.svcJSON, "AWS::ApiGatewayV2::Route") {
		if got := r["Properties"].(map[string]any)["AuthorizationType"]; got != "AWS_IAM" {
			t.Errorf("route %s AuthorizationType = %v", id, got)
		}
	}
}

func TestServiceStack_FunctionURL(t *testing.T) {
	s := templates(t, "custom")
	for _, id := range []string{"apiFunction", "stepperFunction"} {
		fn := resourceWithPrefix(t, s.svcJSON, "AWS::Lambda::Function", id)
		if got := jsonOf(fn["Properties"].(map[string]any)["Architectures"]); got != `["x86_64"]` {
			t.Errorf("%s Architectures = %s, want x86_64", id, got)
		}
	}
	check(t, s.svc).count("AWS::Lambda::Url", 1)
	check(t, s.svc).props("AWS::Lambda::Url", props{
		"AuthType":          "AWS_IAM",
		"TargetFunctionArn": props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^apiFunction")), "Arn"}},
	})
	for _, typ := range []string{"AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Stage"} {
		check(t, s.svc).count(typ, 0)
	}
	check(t, s.svc).output("ApiUrl", props{
		"Value": props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^apiFunctionFunctionUrl")), "FunctionUrl"}},
	})
	check(t, templates(t, "default").svc).count("AWS::Lambda::Url", 0)
}

func TestServiceStack_AlarmDashboardOutputs(t *testing.T) {
	s := templates(t, "default")
	check(t, s.svc).props("AWS::CloudWatch::Alarm", props{
		"Namespace":          "AWS/SQS",
		"MetricName":         "ApproximateNumberOfMessagesVisible",
		"Dimensions":         []any{props{"Name": "QueueName", "Value": props{"Fn::GetAtt": []any{assertions.Match_StringLikeRegexp(jsii.String("^DeadLetterQueue")), "QueueName"}}}},
		"ComparisonOperator": "GreaterThanThreshold",
		"Threshold":          0,
		"TreatMissingData":   "notBreaching",
	})
	alarm := resourceWithPrefix(t, s.svcJSON, "AWS::CloudWatch::Alarm", "DeadLetterQueueAlarm")["Properties"].(map[string]any)
	if alarm["AlarmActions"] != nil {
		t.Errorf("default alarm has actions %v, want none", alarm["AlarmActions"])
	}
	check(t, templates(t, "custom").svc).props("AWS::CloudWatch::Alarm", props{
		"AlarmActions": []any{alarmTopic},
		"OKActions":    []any{alarmTopic},
	})
	body := jsonOf(resourceWithPrefix(t, s.svcJSON, "AWS::CloudWatch::Dashboard", "Dashboard")["Properties"])
	for _, want := range []string{`\"Stepwise\"`, `\"Stage\",\"dev\"`, "ExecutionsStarted", "ExecutionsSucceeded",
		"ExecutionsFailed", "ExecutionsTimedOut", "ExecutionTime"} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard body lacks %s", want)
		}
	}
	for _, out := range []string{"ApiUrl", "TableName", "QueueUrl"} {
		check(t, s.svc).output(out, props{"Value": assertions.Match_AnyValue()})
	}
	check(t, s.svc).output("TableName", props{"Value": props{"Fn::ImportValue": assertions.Match_AnyValue()}})
}

func TestStacks_NoPhysicalNames(t *testing.T) {
	names := []string{"TableName", "QueueName", "FunctionName", "RoleName", "DashboardName", "AlarmName", "LogGroupName", "PolicyName"}
	s := templates(t, "default")
	for _, tmpl := range []map[string]any{s.dataJSON, s.svcJSON} {
		for id, r := range tmpl["Resources"].(map[string]any) {
			res := r.(map[string]any)
			p, _ := res["Properties"].(map[string]any)
			for _, n := range names {
				// A literal string is a physical name; a Ref or GetAtt (an event
				// source naming its function) is not. IAM inline policies carry
				// a generated PolicyName, which names no resource.
				if _, literal := p[n].(string); literal && !(n == "PolicyName" && res["Type"] == "AWS::IAM::Policy") {
					t.Errorf("%s (%s) sets %s", id, res["Type"], n)
				}
			}
		}
	}
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
