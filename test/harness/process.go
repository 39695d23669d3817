package harness

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// startTimeout bounds how long an emulator may take to answer on its port.
const startTimeout = 30 * time.Second

// emulator says how to run one node_modules/.bin program on a port.
type emulator struct {
	name string
	args func(port string) []string
	env  func(port string) []string
}

// start runs e on a free loopback port, waits until the port accepts
// connections, registers its stop with t.Cleanup, and returns its URL. A
// port another process took before e bound it is given up for a new one.
func start(t testing.TB, e emulator) string {
	t.Helper()
	bin := filepath.Join(RepoRoot(t), "node_modules", ".bin", e.name)
	if _, err := os.Stat(bin); err != nil {
		t.Fatalf("harness: emulator %s is not installed (%s missing): run `npm install` at the repository root", e.name, bin)
	}
	const attempts = 3
	for try := 1; ; try++ {
		port, err := FreePort()
		if err != nil {
			t.Fatalf("harness: find a free port for %s: %v", e.name, err)
		}
		p, err := launch(t, bin, e, strconv.Itoa(port))
		if err != nil {
			t.Fatalf("harness: start %s: %v", e.name, err)
		}
		addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
		err = waitForPort(addr, p.exited)
		if err == nil {
			err = CheckOwner(port, p.cmd.Process.Pid)
		}
		if err == nil {
			return "http://" + addr
		}
		if try < attempts && (errors.Is(err, ErrPortTaken) || strings.Contains(p.out.String(), "EADDRINUSE")) {
			t.Logf("harness: %s on %s: %v; trying another port", e.name, addr, err)
			p.givenUp = true
			stop(p.cmd.Process.Pid, p.exited)
			continue
		}
		t.Fatalf("harness: %s on %s: %v\n--- its output ---\n%s", e.name, addr, err, p.out.String())
	}
}

// launched is one emulator process.
type launched struct {
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
	// givenUp is set when its port was taken and another was tried.
	givenUp bool
}

// launch starts e on port and registers its stop with t.Cleanup.
func launch(t testing.TB, bin string, e emulator, port string) (*launched, error) {
	var args []string
	if e.args != nil {
		args = e.args(port)
	}
	cmd := exec.Command(bin, args...)
	cmd.Dir = RepoRoot(t)
	cmd.Env = os.Environ()
	if e.env != nil {
		cmd.Env = append(cmd.Env, e.env(port)...)
	}
	p := &launched{cmd: cmd, out: &syncBuffer{}, exited: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.out, p.out
	cmd.SysProcAttr = sysProcAttr()
	if err := startLocked(cmd, p.exited); err != nil {
		return nil, err
	}
	t.Cleanup(func() {
		if p.givenUp {
			return
		}
		select {
		case <-p.exited: // it died under the test: say why, for the failures that follow
			t.Logf("harness: %s exited before the test ended; its output:\n%s", e.name, p.out.String())
		default:
		}
		stop(cmd.Process.Pid, p.exited)
	})
	return p, nil
}

// startLocked starts cmd and waits for it on one locked thread, and closes
// exited when it has ended. A parent-death signal fires when the forking
// thread (not the process) exits, so that thread must outlive the child;
// it ends with the goroutine, after the child.
func startLocked(cmd *exec.Cmd, exited chan<- struct{}) error {
	errc := make(chan error, 1)
	go func() {
		defer close(exited)
		runtime.LockOSThread()
		err := cmd.Start()
		errc <- err
		if err == nil {
			_ = cmd.Wait()
		}
	}()
	return <-errc
}

func waitForPort(addr string, exited <-chan struct{}) error {
	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-exited:
			return errors.New("exited before listening")
		default:
		}
		if c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond); err == nil {
			_ = c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("not listening after %v", startTimeout)
}

// stop ends the process group of pid: SIGTERM, then SIGKILL if it is still
// running after a grace period.
func stop(pid int, exited <-chan struct{}) {
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-exited
	}
}

// syncBuffer collects an emulator's output for failure messages.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 64<<10 {
		return len(p), nil // keep the start of the output only
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
