package local_test

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/local"
	"github.com/stepwise/stepwise/shared/sfnapi"
)

// TestServer_TrickledBodyIsCutOff: a client sending its body one byte at a
// time loses the connection once the read timeout passes, long before its
// body is complete.
func TestServer_TrickledBodyIsCutOff(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{ReadTimeout: 200 * time.Millisecond})
	conn, err := net.Dial("tcp", srv.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const bodyLen = 200 // at one byte per 25 ms: 5 s, 25 read timeouts
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.ListActivities\r\n"+
		"Content-Type: application/x-amz-json-1.0\r\nContent-Length: %d\r\n\r\n", bodyLen)
	var sent atomic.Int64
	go func() {
		for i := 0; i < bodyLen; i++ {
			if _, err := conn.Write([]byte(" ")); err != nil {
				return
			}
			sent.Add(1)
			time.Sleep(25 * time.Millisecond)
		}
	}()
	_ = conn.SetReadDeadline(time.Now().Add(time.Minute)) // a guard, not the assertion
	_, err = io.Copy(io.Discard, conn)                    // until the server closes the connection
	// A close with unread bytes in the server's buffer arrives as a reset.
	if err != nil && !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("the server did not close the connection: %v", err)
	}
	if n := sent.Load(); n >= bodyLen {
		t.Fatalf("the connection lived until the whole trickled body (%d bytes) was sent", n)
	}
}

// TestServer_IdleConnectionClosed: a keep-alive connection left unused is
// closed after the idle timeout.
func TestServer_IdleConnectionClosed(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{IdleTimeout: 100 * time.Millisecond})
	conn, err := net.Dial("tcp", srv.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSStepFunctions.ListActivities\r\nContent-Length: 2\r\n\r\n{}")
	_ = conn.SetReadDeadline(time.Now().Add(30 * time.Second)) // a guard, not the assertion
	r := bufio.NewReader(conn)
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || resp.Close {
		t.Fatalf("got %d, close %v: want a kept-alive 200", resp.StatusCode, resp.Close)
	}
	if _, err := r.ReadByte(); err != io.EOF {
		t.Fatalf("idle connection not closed by the server: %v", err)
	}
}

// TestServer_HeadersBounded: headers over MaxHeaderBytes are refused
// before any operation runs.
func TestServer_HeadersBounded(t *testing.T) {
	srv := startLocal(t, local.ServerOptions{MaxHeaderBytes: 4 << 10})
	req, _ := http.NewRequest("POST", srv.URL()+"/", strings.NewReader("{}"))
	req.Header.Set("X-Amz-Target", sfnapi.TargetPrefix+"ListActivities")
	req.Header.Set("X-Padding", strings.Repeat("p", 64<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("got %d, want 431", resp.StatusCode)
	}
}
