//go:build !linux

package harness

import "syscall"

// sysProcAttr puts the emulator in its own process group, so that stop can
// signal the group.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
