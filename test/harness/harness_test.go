package harness

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
)

// recorder is a testing.TB whose Fatalf records the message and ends the
// calling goroutine, as testing's does.
type recorder struct {
	testing.TB
	fatal    string
	cleanups []func()
}

func (r *recorder) Helper()           {}
func (r *recorder) Cleanup(fn func()) { r.cleanups = append(r.cleanups, fn) }
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestStart_MissingEmulatorFails(t *testing.T) {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		start(r, emulator{name: "no-such-emulator"})
	}()
	<-done
	if !strings.Contains(r.fatal, "no-such-emulator") || !strings.Contains(r.fatal, "npm install") {
		t.Fatalf("missing emulator: got %q, want a failure naming it and `npm install`", r.fatal)
	}
	if len(r.cleanups) != 0 {
		t.Fatalf("%d cleanups registered for a process that never started", len(r.cleanups))
	}
}

func TestFreePort_BelowEphemeralRange(t *testing.T) {
	lo, hi := lowPortRange()
	for range 20 {
		p, err := FreePort()
		if err != nil || p < lo || p >= hi {
			t.Fatalf("FreePort() = %d, %v; want a port in [%d, %d)", p, err, lo, hi)
		}
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			t.Fatalf("FreePort() = %d, which cannot be bound: %v", p, err)
		}
		_ = l.Close()
	}
}

func TestCheckOwner(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux says who listens on a port")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	tests := []struct {
		name    string
		pid     int
		wantErr error
	}{
		{"the listener's own process", os.Getpid(), nil},
		{"another process", 1, ErrPortTaken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := CheckOwner(port, tc.pid); !errors.Is(err, tc.wantErr) {
				t.Fatalf("CheckOwner(%d, %d) = %v, want %v", port, tc.pid, err, tc.wantErr)
			}
		})
	}
}
