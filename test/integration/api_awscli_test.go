//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/test/harness"
)

// cli runs the `aws` command against one endpoint, with dummy credentials
// and none of the user's AWS configuration.
type cli struct {
	bin, endpoint string
	env           []string
}

func newCLI(t *testing.T, endpoint string) *cli {
	t.Helper()
	bin, err := exec.LookPath("aws")
	if err != nil {
		t.Fatalf("the aws CLI is not installed (Debian: apt-get install -y awscli; .ci/run installs it): %v", err)
	}
	out, _ := exec.Command(bin, "--version").CombinedOutput()
	t.Logf("using %s: %s", bin, bytes.TrimSpace(out))
	none := filepath.Join(t.TempDir(), "none")
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}
	env = append(env,
		"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_DEFAULT_REGION="+harness.Region, "AWS_REGION="+harness.Region,
		"AWS_CONFIG_FILE="+none, "AWS_SHARED_CREDENTIALS_FILE="+none, "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true")
	return &cli{bin: bin, endpoint: endpoint, env: env}
}

// run runs `aws stepfunctions <args>` and returns stdout, stderr and
// whether it exited 0.
func (c *cli) run(t *testing.T, args ...string) (string, string, bool) {
	t.Helper()
	full := append([]string{"stepfunctions"}, args...)
	full = append(full, "--endpoint-url", c.endpoint, "--output", "json")
	cmd := exec.Command(c.bin, full...)
	cmd.Env = c.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err == nil
}

// json runs a command that must succeed and decodes its output into v.
func (c *cli) json(t *testing.T, v any, args ...string) {
	t.Helper()
	out, errOut, ok := c.run(t, args...)
	if !ok {
		t.Fatalf("aws stepfunctions %s failed: %s", strings.Join(args, " "), errOut)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("aws stepfunctions %s: output %q: %v", args[0], out, err)
	}
}

// TestAPI_AWSCLI runs the order-processing sample with the aws CLI
// against `stepwise serve`.
func TestAPI_AWSCLI(t *testing.T) {
	root := harness.RepoRoot(t)
	srv := startServe(t, filepath.Join(root, "events", "order-processing", "mock-config.json"))
	aws := newCLI(t, srv.URL)
	def := "file://" + filepath.Join(root, "events", "order-processing", "definition.asl.json")
	input := "file://" + filepath.Join(root, "events", "order-processing", "input.json")

	// Dates are numbers in CLI v1 output and ISO strings in v2.
	var created struct {
		StateMachineArn string
		CreationDate    any
	}
	aws.json(t, &created, "create-state-machine", "--name", "order-processing", "--definition", def,
		"--role-arn", roleARN, "--tags", "key=team,value=core")
	if created.StateMachineArn != "arn:aws:states:us-east-1:000000000000:stateMachine:order-processing" || created.CreationDate == nil {
		t.Fatalf("create-state-machine = %+v", created)
	}
	var started struct{ ExecutionArn string }
	aws.json(t, &started, "start-execution", "--state-machine-arn", created.StateMachineArn+"#HappyPath", "--name", "cli-run", "--input", input)
	if started.ExecutionArn != "arn:aws:states:us-east-1:000000000000:execution:order-processing:cli-run" {
		t.Fatalf("start-execution = %+v", started)
	}

	var desc struct {
		Status, Output      string
		StartDate, StopDate any
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		aws.json(t, &desc, "describe-execution", "--execution-arn", started.ExecutionArn)
		if desc.Status != "RUNNING" || time.Now().After(deadline) {
			break
		}
	}
	if desc.Status != "SUCCEEDED" || desc.StopDate == nil {
		t.Fatalf("describe-execution = %+v", desc)
	}
	sameJSON(t, "output", desc.Output, orderReceipt)

	var hist struct {
		Events []struct {
			ID   int64 `json:"id"`
			Type string
		}
	}
	aws.json(t, &hist, "get-execution-history", "--execution-arn", started.ExecutionArn)
	n := len(hist.Events)
	if n < 10 || hist.Events[0].Type != "ExecutionStarted" || hist.Events[n-1].Type != "ExecutionSucceeded" || hist.Events[n-1].ID != int64(n) {
		t.Fatalf("get-execution-history: %d events %+v", n, hist.Events)
	}
	var rev struct {
		Events []struct {
			ID   int64 `json:"id"`
			Type string
		}
		NextToken string
	}
	aws.json(t, &rev, "get-execution-history", "--execution-arn", started.ExecutionArn, "--reverse-order", "--max-items", "2")
	if len(rev.Events) != 2 || rev.Events[0].Type != "ExecutionSucceeded" || rev.Events[1].ID != int64(n-1) || rev.NextToken == "" {
		t.Errorf("get-execution-history --reverse-order --max-items 2 = %+v", rev)
	}

	_, errOut, ok := aws.run(t, "describe-execution", "--execution-arn", started.ExecutionArn+"-missing")
	if ok || !strings.Contains(errOut, "ExecutionDoesNotExist") {
		t.Errorf("describe-execution of a missing execution: ok=%t stderr %q", ok, errOut)
	}
}

// TestAPI_AWSCLI_DisableHostPrefixInjection calls the two operations for
// which AWS's clients prefix "sync-" to the host (StartSyncExecution,
// TestState) with AWS's standard switch, AWS_DISABLE_HOST_PREFIX_INJECTION,
// against `stepwise serve`. A CLI too old to know the switch resolves
// sync-127.0.0.1, which fails to connect: the test skips, naming it.
func TestAPI_AWSCLI_DisableHostPrefixInjection(t *testing.T) {
	srv := startServe(t, "")
	aws := newCLI(t, srv.URL)
	aws.env = append(aws.env, "AWS_DISABLE_HOST_PREFIX_INJECTION=true")
	var created struct{ StateMachineArn string }
	aws.json(t, &created, "create-state-machine", "--name", "sync", "--type", "EXPRESS", "--role-arn", roleARN,
		"--definition", `{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"ok":true},"End":true}}}`)
	out, errOut, ok := aws.run(t, "start-sync-execution", "--state-machine-arn", created.StateMachineArn)
	if !ok && strings.Contains(errOut, "sync-127.0.0.1") {
		version, _ := exec.Command(aws.bin, "--version").CombinedOutput()
		t.Skipf("this aws CLI (%s) does not honour AWS_DISABLE_HOST_PREFIX_INJECTION: %s", bytes.TrimSpace(version), errOut)
	}
	var sync struct{ Status, Output string }
	if !ok || json.Unmarshal([]byte(out), &sync) != nil || sync.Status != "SUCCEEDED" || sync.Output != `{"ok":true}` {
		t.Fatalf("start-sync-execution: ok=%t out %s stderr %s", ok, out, errOut)
	}
	var tested struct{ Status, Output, NextState string }
	aws.json(t, &tested, "test-state", "--definition", `{"Type":"Pass","Result":1,"Next":"N"}`)
	if tested.Status != "SUCCEEDED" || tested.Output != "1" || tested.NextState != "N" {
		t.Fatalf("test-state = %+v", tested)
	}
}
