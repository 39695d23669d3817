package hostile

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/stepwise/stepwise/test/harness"
)

// served is a running `stepwise serve` and its client.
type served struct {
	cmd    *exec.Cmd
	client *sfn.Client
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startServe runs `stepwise serve --port 0` in memory, with extra flags,
// and waits for the address it prints.
func startServe(t *testing.T, extra ...string) *served {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"serve", "--port", "0"}, extra...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				url <- m[1]
			}
		}
	}()
	select {
	case u := <-url:
		client := sfn.New(sfn.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(u),
			Credentials:  credentials.NewStaticCredentialsProvider("x", "x", ""),
			APIOptions:   []func(*middleware.Stack) error{harness.DisableHostPrefix},
		})
		return &served{cmd: cmd, client: client}
	case <-time.After(30 * time.Second):
		t.Fatal("stepwise serve printed no address in 30 s")
	}
	return nil
}

// peakRSSMiB reads the process's high-water RSS.
func (s *served) peakRSSMiB(t *testing.T) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, _ := strconv.Atoi(f[1])
			return kb / 1024
		}
	}
	t.Fatal("no VmHWM")
	return 0
}

func (s *served) create(t *testing.T, name, def string, typ types.StateMachineType) string {
	t.Helper()
	out, err := s.client.CreateStateMachine(context.Background(), &sfn.CreateStateMachineInput{
		Name: aws.String(name), Definition: aws.String(def), Type: typ,
		RoleArn: aws.String("arn:aws:iam::000000000000:role/r"),
	})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return *out.StateMachineArn
}

func (s *served) start(t *testing.T, machine string) string {
	t.Helper()
	out, err := s.client.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: aws.String(machine)})
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return *out.ExecutionArn
}

// await polls until the execution ends and returns its description.
func (s *served) await(t *testing.T, arn string, within time.Duration) *sfn.DescribeExecutionOutput {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		d, err := s.client.DescribeExecution(context.Background(), &sfn.DescribeExecutionInput{ExecutionArn: aws.String(arn)})
		if err != nil {
			t.Fatalf("describe: %v", err)
		}
		if d.Status != types.ExecutionStatusRunning {
			return d
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s still RUNNING after %v", arn, within)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// One process serves everyone: hostile executions fail on their own while
// an ordinary one, started after them, keeps moving and succeeds.
func TestServeSurvivesHostileExecutions(t *testing.T) {
	s := startServe(t)
	recursion := passJSONata(`($f := function($x){$f($x)}; $f(1))`)
	loop := `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$$.State.Name","StringEquals":"never","Next":"End"}],"Default":"P"},
		"End":{"Type":"Succeed"}}}`
	normal := `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"Done"},"Done":{"Type":"Pass","Result":"ok","End":true}}}`
	hostile := s.create(t, "recursion", recursion, types.StateMachineTypeStandard)
	looping := s.create(t, "loop", loop, types.StateMachineTypeStandard)
	ok := s.create(t, "normal", normal, types.StateMachineTypeStandard)

	var bad, loops []string
	for range 8 {
		bad = append(bad, s.start(t, hostile))
	}
	for range 2 {
		loops = append(loops, s.start(t, looping))
	}
	good := s.start(t, ok)
	if d := s.await(t, good, time.Minute); d.Status != types.ExecutionStatusSucceeded {
		t.Errorf("ordinary execution: %s, want SUCCEEDED", d.Status)
	}
	for _, arn := range bad {
		if d := s.await(t, arn, time.Minute); d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.QueryEvaluationError" {
			t.Errorf("recursion: %s %s, want FAILED States.QueryEvaluationError", d.Status, aws.ToString(d.Error))
		}
	}
	for _, arn := range loops {
		d := s.await(t, arn, 2*time.Minute)
		if d.Status != types.ExecutionStatusFailed {
			t.Errorf("endless loop: %s, want FAILED on the history quota", d.Status)
		}
		t.Logf("endless loop: %s %s: %s", d.Status, aws.ToString(d.Error), aws.ToString(d.Cause))
	}

	// The same expression through StartSyncExecution and TestState.
	express := s.create(t, "recursion-express", recursion, types.StateMachineTypeExpress)
	sync, err := s.client.StartSyncExecution(context.Background(), &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(express)})
	if err != nil {
		t.Fatalf("StartSyncExecution: %v", err)
	}
	if sync.Status != types.SyncExecutionStatusFailed || aws.ToString(sync.Error) != "States.QueryEvaluationError" {
		t.Errorf("StartSyncExecution: %s %s, want FAILED States.QueryEvaluationError", sync.Status, aws.ToString(sync.Error))
	}
	ts, err := s.client.TestState(context.Background(), &sfn.TestStateInput{
		Definition: aws.String(`{"QueryLanguage":"JSONata","Type":"Pass","Output":"{% ($f := function($x){$f($x)}; $f(1)) %}","End":true}`),
		Input:      aws.String("{}"),
	})
	if err != nil {
		t.Fatalf("TestState: %v", err)
	}
	if ts.Status != types.TestExecutionStatusFailed || aws.ToString(ts.Error) != "States.QueryEvaluationError" {
		t.Errorf("TestState: %s %s, want FAILED States.QueryEvaluationError", ts.Status, aws.ToString(ts.Error))
	}

	rss := s.peakRSSMiB(t)
	t.Logf("serve peak RSS %d MiB", rss)
	if bound := rssBound(t, 500); rss > bound {
		t.Errorf("serve peak RSS %d MiB, over its bound of %d MiB", rss, bound)
	}
	// Still answering, and it stops promptly on SIGTERM.
	if _, err := s.client.ListStateMachines(context.Background(), &sfn.ListStateMachinesInput{}); err != nil {
		t.Errorf("ListStateMachines after the attacks: %v", err)
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve exited with %v after SIGTERM, want status 0", err)
		}
	case <-time.After(30 * time.Second):
		t.Error("serve still running 30 s after SIGTERM")
	}
}
