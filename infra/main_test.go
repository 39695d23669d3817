package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"
)

func TestMain(m *testing.M) {
	// The jsii Node process inherits this; it silences the end-of-life
	// banner for the Node 20 of the build machines (Node 22+ recommended).
	os.Setenv("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
	code := m.Run()
	jsii.Close()
	os.Exit(code)
}

// newApp makes an app as the CDK CLI would (context, output folder) and a
// folder with fake Lambda assets when assets is true. The jsii Node process
// outlives each test, so the app is configured through props, not the
// working folder or environment.
func newApp(t *testing.T, context map[string]any, assets bool) (app awscdk.App, outdir, assetDir string) {
	dir := t.TempDir()
	assetDir = filepath.Join(dir, "build")
	if assets {
		for _, name := range []string{"api", "stepper"} {
			path := filepath.Join(assetDir, name, "bootstrap")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte("fake "+name), 0o755); err != nil {
				t.Fatal(err)
			}
		}
	}
	outdir = filepath.Join(dir, "cdk.out")
	return awscdk.NewApp(&awscdk.AppProps{Context: &context, Outdir: jsii.String(outdir)}), outdir, assetDir
}

func TestRun_Errors(t *testing.T) {
	tests := []struct {
		name    string
		context map[string]any
		assets  bool
		want    []string
	}{
		{"bad context", map[string]any{"stage": "no spaces"}, true, []string{`stage "no spaces"`}},
		{"missing assets", nil, false, []string{"build/api/bootstrap", "build/stepper/bootstrap", "make lambdas"}},
		{"every function, not forced", map[string]any{"allowedTaskResources": "arn:aws:lambda:*:*:function:*"}, true,
			[]string{`allowedTaskResources: "arn:aws:lambda:*:*:function:*" allows every Lambda function`, "allowAllTaskResources=true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app, _, assets := newApp(t, tt.context, tt.assets)
			err := run(app, assets)
			if err == nil {
				t.Fatal("run succeeded, want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestRun_Synth(t *testing.T) {
	// Forced wildcard task resources synthesize, granted on every function, never on "*".
	app, outdir, assets := newApp(t, map[string]any{"stage": "ci", "retentionDays": "7",
		"allowedTaskResources": "*", "allowAllTaskResources": "true"}, true)
	if err := run(app, assets); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(outdir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var manifest struct {
		Artifacts map[string]struct {
			Type string `json:"type"`
		} `json:"artifacts"`
	}
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatal(err)
	}
	for _, stack := range []string{"Stepwise-ci-Data", "Stepwise-ci-Service"} {
		if manifest.Artifacts[stack].Type != "aws:cloudformation:stack" {
			t.Errorf("manifest has no stack %s: %v", stack, manifest.Artifacts)
		}
		tmpl, err := os.ReadFile(filepath.Join(outdir, stack+".template.json"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(tmpl), `"stepwise:stage"`) {
			t.Errorf("%s resources are not tagged with the stage", stack)
		}
		if strings.Contains(string(tmpl), `"Resource": "*"`) || strings.Contains(string(tmpl), `"Resource":"*"`) {
			t.Errorf("%s grants on Resource *", stack)
		}
	}
	svc, _ := os.ReadFile(filepath.Join(outdir, "Stepwise-ci-Service.template.json"))
	if !strings.Contains(string(svc), `":lambda:*:*:function:*"`) {
		t.Errorf("the forced * is not granted as every function of the partition")
	}
}
