package harness

import "syscall"

// sysProcAttr puts the emulator in its own process group (so that stop can
// signal the group) and has the kernel kill it if the test binary dies
// without running its cleanups (a go test timeout, a SIGKILL).
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
