package harness

import (
	"fmt"
	"runtime"
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

func TestFreePort_Loopback(t *testing.T) {
	p, err := freePort()
	if err != nil || p == "" || p == "0" {
		t.Fatalf("freePort() = %q, %v", p, err)
	}
}
