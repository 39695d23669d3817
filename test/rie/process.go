package rie

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/stepwise/stepwise/test/harness"
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
// emulators) in a process group of its own. Ports another process took
// before the emulator bound them are given up for new ones.
func startProcess(rieBin, bootstrap string, fn Function) (*process, error) {
	const attempts = 3
	for try := 1; ; try++ {
		p, port, err := launch(rieBin, bootstrap, fn)
		if err != nil {
			return nil, err
		}
		addr := "127.0.0.1:" + strconv.Itoa(port)
		err = waitListening(addr, 10*time.Second)
		if err == nil {
			err = harness.CheckOwner(port, p.cmd.Process.Pid)
		}
		if err == nil {
			return p, nil
		}
		p.stop()
		if try < attempts && (errors.Is(err, harness.ErrPortTaken) || strings.Contains(p.logs.String(), "address already in use")) {
			continue
		}
		return nil, fmt.Errorf("emulator for %s: %w\n%s", fn.Name, err, p.logs.String())
	}
}

// launch starts the emulator on two free ports and returns it with its
// invoke port.
func launch(rieBin, bootstrap string, fn Function) (*process, int, error) {
	ports, err := freePorts(2)
	if err != nil {
		return nil, 0, err
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
		return nil, 0, fmt.Errorf("start emulator for %s: %w", fn.Name, err)
	}
	url := "http://" + addr + "/2015-03-31/functions/function/invocations"
	return &process{name: fn.Name, url: url, cmd: cmd, logs: logs}, ports[0], nil
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

// freePorts returns n distinct free loopback ports (harness.FreePort).
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for len(ports) < n {
		p, err := harness.FreePort()
		if err != nil {
			return nil, fmt.Errorf("find a free port: %w", err)
		}
		if !slices.Contains(ports, p) {
			ports = append(ports, p)
		}
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
