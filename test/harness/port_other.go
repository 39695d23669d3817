//go:build !linux

package harness

// ephemeralStart is the usual start of the ephemeral range elsewhere.
func ephemeralStart() int { return 49152 }

// listenerOwned cannot tell who listens on a port here.
func listenerOwned(port, pid int) (owned, known bool) { return false, false }
