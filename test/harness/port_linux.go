package harness

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ephemeralStart reads the start of the kernel's ephemeral port range.
func ephemeralStart() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err != nil {
		return 32768
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 32768
	}
	n, err := strconv.Atoi(f[0])
	if err != nil {
		return 32768
	}
	return n
}

// listenerOwned says whether the socket listening on port belongs to pid or
// to a process of the group pid leads; known is false when no listener was
// found or /proc could not be read.
func listenerOwned(port, pid int) (owned, known bool) {
	inodes := listeningInodes(port)
	if len(inodes) == 0 {
		return false, false
	}
	procs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return false, false
	}
	for _, dir := range procs {
		n, _ := strconv.Atoi(filepath.Base(dir))
		if n != pid && processGroup(dir) != pid {
			continue
		}
		if holdsAny(dir, inodes) {
			return true, true
		}
	}
	return false, true
}

// listeningInodes returns the inodes of the TCP sockets (IPv4 and IPv6)
// in LISTEN state on port.
func listeningInodes(port int) map[string]bool {
	want := ":" + strings.ToUpper(strconv.FormatInt(int64(port), 16))
	inodes := map[string]bool{}
	for _, table := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(table)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			fs := strings.Fields(sc.Text())
			if len(fs) > 9 && fs[3] == "0A" && strings.HasSuffix(fs[1], want) {
				inodes[fs[9]] = true
			}
		}
		_ = f.Close()
	}
	return inodes
}

// processGroup reads a process's group id from /proc/N/stat (the fields
// after the command name, which may hold spaces, end with ')').
func processGroup(dir string) int {
	b, err := os.ReadFile(filepath.Join(dir, "stat"))
	if err != nil {
		return -1
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return -1
	}
	f := strings.Fields(s[i+1:]) // state ppid pgrp …
	if len(f) < 3 {
		return -1
	}
	g, err := strconv.Atoi(f[2])
	if err != nil {
		return -1
	}
	return g
}

// holdsAny says whether the process in dir has one of the socket inodes open.
func holdsAny(dir string, inodes map[string]bool) bool {
	fds, err := os.ReadDir(filepath.Join(dir, "fd"))
	if err != nil {
		return false
	}
	for _, fd := range fds {
		link, err := os.Readlink(filepath.Join(dir, "fd", fd.Name()))
		if err == nil && strings.HasPrefix(link, "socket:[") && inodes[link[len("socket:["):len(link)-1]] {
			return true
		}
	}
	return false
}
