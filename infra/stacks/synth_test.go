package stacks

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"
)

// Synthesis runs in a Node.js child process and takes seconds, so each
// variant is synthesized once, lazily, and shared by every test.
type synthesized struct {
	data, svc         assertions.Template
	dataJSON, svcJSON map[string]any
	dataStack         awscdk.Stack
}

const (
	taskFn     = "arn:aws:lambda:eu-west-1:123456789012:function:orders"
	alarmTopic = "arn:aws:sns:eu-west-1:123456789012:ops"
)

var (
	variants = map[string]func(*Settings){
		"default": func(*Settings) {},
		// Every non-default switch, to see each one reach the template.
		"custom": func(s *Settings) {
			s.AllowedTaskResources = []string{taskFn, "arn:aws:lambda:eu-west-1:123456789012:function:etl-*"}
			s.TerminationProtection, s.RetainData = true, false
			s.StepperMaxConcurrency, s.StepperTimeoutSeconds, s.APIMemoryMB = 50, 60, 256
			s.APIEndpoint, s.LambdaArchitecture = EndpointFunctionURL, ArchX8664
			s.AlarmTopicArn = alarmTopic
			s.ItemReaderS3, s.ResultWriterS3 = []string{"in-bucket/csv/", "s3://lists"}, []string{"out-bucket/results"}
			s.HTTPConnections = []string{"arn:aws:events:us-east-1:123456789012:connection/stripe/*"}
			s.AllowedServiceActions = customServiceActions
			s.TaskRoles = customTaskRoles
			s.TestStateRoles = customTestStateRoles
		},
	}
	synthOnce = map[string]*sync.Once{"default": {}, "custom": {}}
	synthed   = map[string]*synthesized{}
	synthErr  = map[string]error{}
)

func TestMain(m *testing.M) {
	// The jsii Node process inherits this; it silences the end-of-life
	// banner for the Node 20 of the build machines (Node 22+ recommended).
	os.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

func templates(t *testing.T, variant string) *synthesized {
	t.Helper()
	synthOnce[variant].Do(func() {
		set := DefaultSettings()
		variants[variant](&set)
		synthed[variant], synthErr[variant] = synth(set)
	})
	if err := synthErr[variant]; err != nil {
		t.Fatalf("synth %s: %v", variant, err)
	}
	return synthed[variant]
}

// synth recovers: a synthesis error is a JavaScript exception, raised as a
// Go panic by jsii, and must fail the tests that need it, not the binary.
func synth(set Settings) (out *synthesized, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("synthesis failed: %v", r)
		}
	}()
	dir, err := os.MkdirTemp("", "stepwise-assets-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	for _, name := range []string{FunctionAPI, FunctionStepper} {
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return nil, err
		}
		// A fake binary: synthesis only hashes and copies it.
		if err := os.WriteFile(filepath.Join(dir, name, "bootstrap"), []byte("fake "+name), 0o755); err != nil {
			return nil, err
		}
	}
	ctx, err := cdkJSONContext()
	if err != nil {
		return nil, err
	}
	app := awscdk.NewApp(&awscdk.AppProps{Outdir: jsii.String(filepath.Join(dir, "cdk.out")), Context: &ctx})
	data := NewDataStack(app, "Data", DataStackProps{Settings: set})
	svc, err := NewServiceStack(app, "Service", ServiceStackProps{Data: data, Settings: set, AssetDir: dir})
	if err != nil {
		return nil, err
	}
	s := &synthesized{
		data:      assertions.Template_FromStack(data.Stack, nil),
		svc:       assertions.Template_FromStack(svc.Stack, nil),
		dataStack: data.Stack,
	}
	s.dataJSON = *s.data.ToJSON()
	s.svcJSON = *s.svc.ToJSON()
	return s, nil
}

// cdkJSONContext is the context (feature flags) of the repository's cdk.json,
// so that the tests synthesize what `cdk synth` synthesizes.
func cdkJSONContext() (map[string]any, error) {
	b, err := os.ReadFile(filepath.Join("..", "..", "cdk.json"))
	if err != nil {
		return nil, err
	}
	var f struct {
		App     string         `json:"app"`
		Context map[string]any `json:"context"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("cdk.json: %w", err)
	}
	if f.App != "go run ./infra" {
		return nil, fmt.Errorf("cdk.json app = %q, want go run ./infra", f.App)
	}
	return f.Context, nil
}

// checker turns a failed template assertion (a JavaScript error, raised as a
// Go panic by jsii) into a test error, so one run reports every failure.
type checker struct {
	t    *testing.T
	tmpl assertions.Template
}

func check(t *testing.T, tmpl assertions.Template) checker { return checker{t, tmpl} }

func (c checker) try(what string, f func()) {
	c.t.Helper()
	defer func() {
		if r := recover(); r != nil {
			c.t.Errorf("%s: %v", what, r)
		}
	}()
	f()
}

func (c checker) count(typ string, n float64) {
	c.t.Helper()
	c.try("count "+typ, func() { c.tmpl.ResourceCountIs(jsii.String(typ), jsii.Number(n)) })
}

func (c checker) props(typ string, p props) {
	c.t.Helper()
	c.try(typ+" properties", func() { c.tmpl.HasResourceProperties(jsii.String(typ), p) })
}

func (c checker) resource(typ string, p props) {
	c.t.Helper()
	c.try(typ, func() { c.tmpl.HasResource(jsii.String(typ), p) })
}

func (c checker) output(id string, p props) {
	c.t.Helper()
	c.try("output "+id, func() { c.tmpl.HasOutput(jsii.String(id), p) })
}

// props builds the map[string]interface{} assertions expect.
type props = map[string]any

func resourcesOfType(tmpl map[string]any, typ string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for id, r := range tmpl["Resources"].(map[string]any) {
		if res := r.(map[string]any); res["Type"] == typ {
			out[id] = res
		}
	}
	return out
}

func resourceWithPrefix(t *testing.T, tmpl map[string]any, typ, prefix string) map[string]any {
	t.Helper()
	var found []map[string]any
	for id, r := range resourcesOfType(tmpl, typ) {
		if strings.HasPrefix(id, prefix) {
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d %s resources named %s*, want 1", len(found), typ, prefix)
	}
	return found[0]
}

func statements(policy map[string]any) []map[string]any {
	doc := policy["Properties"].(map[string]any)["PolicyDocument"].(map[string]any)
	var out []map[string]any
	for _, st := range asList(doc["Statement"]) {
		out = append(out, st.(map[string]any))
	}
	return out
}

func asList(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
