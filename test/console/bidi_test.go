//go:build integration

package console

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/coder/websocket"
)

// No maintained Go library speaks WebDriver BiDi (tebeka/selenium and its
// kin need geckodriver, which Debian does not ship), so the Firefox tests
// use this small client of the protocol over one WebSocket: commands are
// sent one at a time and the reply with the same id is awaited; events
// are not subscribed to.
type bidi struct {
	conn *websocket.Conn
	next int
}

// bidiError is a BiDi error reply.
type bidiError struct{ Code, Message string }

func (e *bidiError) Error() string { return e.Code + ": " + e.Message }

// call sends one command and decodes its result into out (when not nil).
func (c *bidi) call(ctx context.Context, method string, params, out any) error {
	c.next++
	id := c.next
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	if err := c.conn.Write(ctx, websocket.MessageText, msg); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	for {
		_, data, err := c.conn.Read(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", method, err)
		}
		var reply struct {
			ID      *int            `json:"id"`
			Type    string          `json:"type"`
			Result  json.RawMessage `json:"result"`
			Error   string          `json:"error"`
			Message string          `json:"message"`
		}
		if err := json.Unmarshal(data, &reply); err != nil {
			return fmt.Errorf("%s: reply %s: %w", method, data, err)
		}
		if reply.ID == nil || *reply.ID != id {
			continue // an event, or a reply to a command given up on
		}
		if reply.Type == "error" {
			return fmt.Errorf("%s: %w", method, &bidiError{reply.Error, reply.Message})
		}
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(reply.Result, out); err != nil {
			return fmt.Errorf("%s: result %s: %w", method, reply.Result, err)
		}
		return nil
	}
}

var bidiListening = regexp.MustCompile(`WebDriver BiDi listening on (ws://\S+)`)

// startFirefox runs headless Firefox (Debian's firefox-esr) with a fresh
// profile and opens a BiDi session on it; both end with the test.
func startFirefox(t *testing.T, ctx context.Context) *bidi {
	t.Helper()
	path, err := exec.LookPath("firefox-esr")
	if err != nil {
		if path, err = exec.LookPath("firefox"); err != nil {
			t.Fatalf("headless Firefox is required (apt-get install firefox-esr): %v", err)
		}
	}
	profile := t.TempDir()
	// Quiet start: no first-run pages, no update or telemetry traffic.
	prefs := `user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("app.update.disabledForTesting", true);
user_pref("browser.startup.homepage_override.mstone", "ignore");
`
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(prefs), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, "--headless", "--no-remote", "--profile", profile, "--remote-debugging-port=0", "about:blank")
	logs := &lockedBuffer{}
	cmd.Stdout, cmd.Stderr = logs, logs
	cmd.Env = append(os.Environ(), "MOZ_CRASHREPORTER_DISABLE=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // its content processes end with it
	if err := cmd.Start(); err != nil {
		t.Fatalf("start firefox: %v", err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(8 * time.Second):
			_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
	})
	var url string
	for deadline := time.Now().Add(30 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if m := bidiListening.FindStringSubmatch(logs.String()); m != nil {
			url = m[1]
		}
	}
	if url == "" {
		t.Fatalf("firefox did not announce WebDriver BiDi:\n%s", logs.String())
	}
	conn, _, err := websocket.Dial(ctx, url+"/session", nil)
	if err != nil {
		t.Fatalf("connect to firefox at %s: %v", url, err)
	}
	conn.SetReadLimit(64 << 20) // full-page screenshots
	t.Cleanup(func() { _ = conn.CloseNow() })
	c := &bidi{conn: conn}
	if err := c.call(ctx, "session.new", map[string]any{"capabilities": map[string]any{}}, nil); err != nil {
		t.Fatal(err)
	}
	return c
}
