// Package startup measures how long a Lambda binary takes from exec to
// handler ready: the moment it first asks the Runtime API for an event
// (GET /2018-06-01/runtime/invocation/next), after its init (configuration,
// AWS SDK clients, invokers) has run. The Runtime API is played by a
// loopback server that answers nothing, so the handler never runs.
package startup

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Env is what the functions need to initialize: shared/config's required
// variables and an AWS SDK configuration that never reaches out (static
// keys, no instance metadata).
var Env = []string{
	"STEPWISE_TABLE=stepwise", "STEPWISE_QUEUE_URL=http://127.0.0.1:1/000000000000/steps",
	"STEPWISE_REGION=us-east-1", "STEPWISE_ACCOUNT=000000000000", "AWS_REGION=us-east-1",
	"AWS_ACCESS_KEY_ID=test", "AWS_SECRET_ACCESS_KEY=test", "AWS_EC2_METADATA_DISABLED=true",
	"AWS_LAMBDA_FUNCTION_NAME=startup", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1024",
	"AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "AWS_LAMBDA_LOG_GROUP_NAME=startup", "AWS_LAMBDA_LOG_STREAM_NAME=startup",
}

// Sample is one start: the time to the first Runtime API request, and
// the process's CPU time (user and system) and resident set then. CPU time
// is what the start costs, whatever else the machine runs.
type Sample struct {
	Ready  time.Duration
	CPU    time.Duration
	RSSKiB int64
}

// Measure starts bin once and returns when it asks for its first event;
// the process is killed then. extraEnv is appended to Env (GODEBUG=…).
func Measure(ctx context.Context, bin string, extraEnv ...string) (Sample, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return Sample{}, fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()
	ready := make(chan time.Time, 1)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/runtime/invocation/next") {
			select {
			case ready <- time.Now():
			default:
			}
			<-r.Context().Done() // long poll: no event ever comes
			return
		}
		http.NotFound(w, r)
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(append(append([]string{"PATH=" + os.Getenv("PATH")}, Env...), "AWS_LAMBDA_RUNTIME_API="+ln.Addr().String()), extraEnv...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Sample{}, fmt.Errorf("start %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case at := <-ready:
		s := Sample{Ready: at.Sub(start), RSSKiB: rss(cmd.Process.Pid)}
		// Killed while it waits for an event, it has spent (to the
		// microsecond, from wait4) what its start cost.
		_ = cmd.Process.Kill()
		<-exited
		s.CPU = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		return s, nil
	case err := <-exited:
		return Sample{}, fmt.Errorf("%s exited before asking for an event: %v", bin, err)
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		return Sample{}, fmt.Errorf("%s did not ask for an event within 30 s", bin)
	}
}

// rss is the resident set of a process in KiB (Linux), or 0.
func rss(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}
