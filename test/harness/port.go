package harness

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
)

// ErrPortTaken says a port a test server was started on answers, but from
// another process: it took the port between FreePort and the server's bind.
var ErrPortTaken = errors.New("port answered by another process")

// FreePort returns a free loopback port below the kernel's ephemeral range.
// Servers that bind port 0 (httptest, the tests of other packages running at
// the same time) and outgoing connections take their ports from that range,
// so none of them can take this one between the check and the bind of the
// process it is handed to; a port from ":0" could be, and was.
func FreePort() (int, error) {
	lo, hi := lowPortRange()
	for range 200 {
		p := lo + rand.IntN(hi-lo)
		l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			continue // in use: try another
		}
		_ = l.Close()
		return p, nil
	}
	return 0, fmt.Errorf("no free loopback port in [%d, %d) after 200 tries", lo, hi)
}

// lowPortRange is the ports FreePort chooses from: from 10000 up to the
// start of the ephemeral range, or a fixed range when that is too narrow.
func lowPortRange() (lo, hi int) {
	const lo0, minWidth = 10000, 5000
	if start := ephemeralStart(); start-lo0 >= minWidth {
		return lo0, start
	}
	return lo0, lo0 + minWidth
}

// CheckOwner returns ErrPortTaken when a process other than pid, or one of
// the process group pid leads, listens on port; nil when one of them does
// or when the platform cannot tell.
func CheckOwner(port, pid int) error {
	owned, known := listenerOwned(port, pid)
	if known && !owned {
		return fmt.Errorf("%w: 127.0.0.1:%d is not pid %d's", ErrPortTaken, port, pid)
	}
	return nil
}
