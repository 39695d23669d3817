package rie

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// process is one emulator running one function.
type process struct {
	name string
	url  string // the emulator's invocation URL
	cmd  *exec.Cmd
	logs *syncBuffer
	mu   sync.Mutex // the emulator runs one invocation at a time
}

// startProcess runs the emulator for fn's bootstrap on free loopback ports
// (its own invoke port and the Runtime API port, which must differ between
// emulators) in a process group of its own.
func startProcess(rieBin, bootstrap string, fn Function) (*process, error) {
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	addr := "127.0.0.1:" + strconv.Itoa(ports[0])
	cmd := exec.Command(rieBin,
		"--runtime-interface-emulator-address", addr,
		"--runtime-api-address", "127.0.0.1:"+strconv.Itoa(ports[1]),
		bootstrap)
	cmd.Dir = filepath.Dir(bootstrap)
	cmd.Env = functionEnv(fn)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logs := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start emulator for %s: %w", fn.Name, err)
	}
	p := &process{name: fn.Name, url: "http://" + addr + "/2015-03-31/functions/function/invocations", cmd: cmd, logs: logs}
	if err := waitListening(addr, 10*time.Second); err != nil {
		p.stop()
		return nil, fmt.Errorf("emulator for %s: %w\n%s", fn.Name, err, logs.String())
	}
	return p, nil
}

// functionEnv is the whole environment of the emulator, which passes it on
// to the function: the host's environment stays out.
func functionEnv(fn Function) []string {
	timeout := fn.TimeoutSeconds
	if timeout <= 0 {
		timeout = 30
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"AWS_LAMBDA_FUNCTION_NAME=" + fn.Name,
		"AWS_LAMBDA_FUNCTION_TIMEOUT=" + strconv.Itoa(timeout),
		"AWS_REGION=" + Region,
		"AWS_DEFAULT_REGION=" + Region,
		"LOG_LEVEL=warn",
	}
	return append(env, fn.Env...)
}

// stop kills the emulator and the function it started (one process group).
func (p *process) stop() {
	if p.cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
	_ = p.cmd.Wait()
}

func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	var ls []net.Listener
	defer func() {
		for _, l := range ls {
			_ = l.Close()
		}
	}()
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func waitListening(addr string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err == nil {
			return c.Close()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("not listening on %s after %v: %w", addr, limit, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// syncBuffer collects a process's output from its two pipes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
