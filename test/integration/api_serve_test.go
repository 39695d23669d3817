//go:build integration

package integration

import (
	"bytes"
	"encoding/json"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/smithy-go/middleware"

	"github.com/stepwise/stepwise/test/harness"
)

// samples are the events/ samples every served endpoint mocks.
var samples = []string{"order-processing", "loan-approval", "etl"}

// served is a running `stepwise serve` process.
type served struct {
	URL  string
	logs *lockedBuffer
}

// buildStepwise builds the CLI into a temporary directory.
func buildStepwise(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "stepwise")
	cmd := exec.Command("go", "build", "-o", bin, "./functions/stepwise")
	cmd.Dir = harness.RepoRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./functions/stepwise: %v\n%s", err, out)
	}
	return bin
}

// startServe runs `stepwise serve` on a free loopback port with the
// given mock configuration and extra environment (KEY=VALUE) or flags
// (--flag), and stops it by PID when the test ends.
func startServe(t *testing.T, mockConfig string, extra ...string) *served {
	t.Helper()
	bin := buildStepwise(t)
	port := freeLoopbackPort(t)
	args := []string{"serve", "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--mock-config", mockConfig}
	env := append(os.Environ(), "AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_REGION="+harness.Region)
	for _, x := range extra {
		if strings.HasPrefix(x, "--") {
			args = append(args, x)
		} else {
			env = append(env, x)
		}
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stepwise serve: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() { stopPID(t, cmd.Process.Pid, exited) })
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	if err := waitPort(addr, exited, 15*time.Second); err != nil {
		t.Fatalf("stepwise serve: %v\n%s", err, logs.String())
	}
	if err := harness.CheckOwner(port, cmd.Process.Pid); err != nil {
		t.Fatalf("stepwise serve: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("stepwise serve output:\n%s", logs.String())
		}
	})
	return &served{URL: "http://" + addr, logs: logs}
}

// stopPID asks the process to stop (SIGTERM, which serve handles) and
// kills it if it has not exited after a few seconds.
func stopPID(t *testing.T, pid int, exited <-chan struct{}) {
	_ = syscall.Kill(pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(8 * time.Second):
		t.Errorf("stepwise serve (pid %d) ignored SIGTERM; killing it", pid)
		_ = syscall.Kill(pid, syscall.SIGKILL)
		<-exited
	}
}

// freeLoopbackPort is a free loopback port outside the kernel's ephemeral
// range (harness.FreePort), which no port-0 server can take first.
func freeLoopbackPort(t *testing.T) int {
	t.Helper()
	p, err := harness.FreePort()
	if err != nil {
		t.Fatalf("find a free port: %v", err)
	}
	return p
}

func waitPort(addr string, exited <-chan struct{}, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			return c.Close()
		}
		select {
		case <-exited:
			return errExited
		default:
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

var errExited = &exitError{}

type exitError struct{}

func (*exitError) Error() string { return "process exited before listening" }

// mergedMockConfig writes one mock configuration holding every sample's
// state machines and responses, plus extra test cases.
func mergedMockConfig(t *testing.T, extraCases map[string]map[string]map[string]string) string {
	t.Helper()
	machines := map[string]map[string]map[string]map[string]string{}
	responses := map[string]json.RawMessage{}
	for _, s := range samples {
		var cfg struct {
			StateMachines   map[string]map[string]map[string]map[string]string
			MockedResponses map[string]json.RawMessage
		}
		readJSON(t, filepath.Join(harness.RepoRoot(t), "events", s, "mock-config.json"), &cfg)
		for k, v := range cfg.StateMachines {
			machines[k] = v
		}
		for k, v := range cfg.MockedResponses {
			responses[k] = v
		}
	}
	for sm, cases := range extraCases {
		for name, tc := range cases {
			machines[sm]["TestCases"][name] = tc
		}
	}
	b, err := json.Marshal(map[string]any{"StateMachines": machines, "MockedResponses": responses})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "mock-config.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func readSample(t *testing.T, sample, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", sample, file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sfnClient is an aws-sdk-go-v2 Step Functions client of endpoint.
func sfnClient(endpoint string) *sfn.Client {
	return sfn.New(sfn.Options{
		Region:       harness.Region,
		Credentials:  credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(endpoint),
		APIOptions:   []func(*middleware.Stack) error{harness.DisableHostPrefix},
	})
}

// lockedBuffer collects a process's output from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
