//go:build integration

package console

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/test/harness"
)

// firefox is one headless Firefox tab, driven over WebDriver BiDi.
type firefox struct {
	t    *testing.T
	ctx  context.Context
	c    *bidi
	tab  string // browsing context id
	shot string // folder of screenshots
}

func newFirefox(t *testing.T) *firefox {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	c := startFirefox(t, ctx)
	f := &firefox{t: t, ctx: ctx, c: c, shot: filepath.Join(harness.RepoRoot(t), "build", "console-screenshots")}
	if err := os.MkdirAll(f.shot, 0o755); err != nil {
		t.Fatal(err)
	}
	f.refocus()
	return f
}

// refocus moves to a new window with the system focus, as a user's window
// has it: the tab Firefox starts with never has it, nor a page after Tab
// left the last one for the browser's own UI (no :focus rule matches and
// no focus event fires without it).
func (f *firefox) refocus() {
	f.t.Helper()
	var win struct{ Context string }
	f.do("new window", "browsingContext.create", map[string]any{"type": "window"}, &win)
	if f.tab != "" {
		f.do("close window", "browsingContext.close", map[string]any{"context": f.tab}, nil)
	}
	f.tab = win.Context
	f.do("activate", "browsingContext.activate", map[string]any{"context": f.tab}, nil)
	f.do("viewport", "browsingContext.setViewport", map[string]any{"context": f.tab, "viewport": map[string]int{"width": 1400, "height": 1000}}, nil)
}

// do sends one command and fails the test, naming step, on error.
func (f *firefox) do(step, method string, params, out any) {
	f.t.Helper()
	if err := f.c.call(f.ctx, method, params, out); err != nil {
		f.screenshot("firefox-failed-" + step)
		f.t.Fatalf("%s: %v", step, err)
	}
}

func (f *firefox) open(step, url string) {
	f.t.Helper()
	f.do(step, "browsingContext.navigate", map[string]any{"context": f.tab, "url": url, "wait": "complete"}, nil)
}

func (f *firefox) evaluate(expr string) (remote map[string]any, err error) {
	var res struct {
		Type             string
		Result           map[string]any
		ExceptionDetails struct{ Text string }
	}
	params := map[string]any{"expression": expr, "target": map[string]string{"context": f.tab}, "awaitPromise": true}
	if err := f.c.call(f.ctx, "script.evaluate", params, &res); err != nil {
		return nil, err
	}
	if res.Type == "exception" {
		return nil, &bidiError{"exception", res.ExceptionDetails.Text}
	}
	return res.Result, nil
}

func (f *firefox) eval(step, expr string, out any) {
	f.t.Helper()
	v, err := f.evaluate(`Promise.resolve((` + expr + `)).then((v) => JSON.stringify(v) ?? "null")`)
	if err == nil {
		err = json.Unmarshal([]byte(v["value"].(string)), out)
	}
	if err != nil {
		f.screenshot("firefox-failed-" + step)
		f.t.Fatalf("%s: %v", step, err)
	}
}

func (f *firefox) wait(step, expr string) {
	f.t.Helper()
	var err error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var v map[string]any
		// An evaluation cut off by a navigation is tried again.
		if v, err = f.evaluate(`!!(` + expr + `)`); err == nil && v["value"] == true {
			return
		}
	}
	f.screenshot("firefox-failed-" + step)
	f.t.Fatalf("%s: %s still false (%v)", step, expr, err)
}

// click moves the mouse to the middle of the element, scrolled into view,
// and clicks it, as a user does.
func (f *firefox) click(step, sel string) {
	f.t.Helper()
	q := `document.querySelector(` + jsString(sel) + `)`
	f.wait(step, q)
	el, err := f.evaluate(`(e => (e.scrollIntoView({block: "center"}), e))(` + q + `)`)
	if err != nil {
		f.t.Fatalf("%s: %v", step, err)
	}
	origin := map[string]any{"type": "element", "element": map[string]any{"sharedId": el["sharedId"]}}
	f.do(step, "input.performActions", map[string]any{"context": f.tab, "actions": []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]string{"pointerType": "mouse"},
		"actions": []any{
			map[string]any{"type": "pointerMove", "x": 0, "y": 0, "origin": origin},
			map[string]any{"type": "pointerDown", "button": 0},
			map[string]any{"type": "pointerUp", "button": 0},
		}}}}, nil)
}

// WebDriver's code points for the keys press names.
var webdriverKeys = map[string]string{"Tab": "\uE004", "Enter": "\uE007", "Shift": "\uE008"}

func (f *firefox) press(step, keys string) {
	f.t.Helper()
	var down, up []any
	for _, k := range strings.Split(keys, "+") {
		if c, ok := webdriverKeys[k]; ok {
			k = c
		}
		down = append(down, map[string]any{"type": "keyDown", "value": k})
		up = append([]any{map[string]any{"type": "keyUp", "value": k}}, up...)
	}
	f.do(step, "input.performActions", map[string]any{"context": f.tab, "actions": []any{map[string]any{
		"type": "key", "id": "keyboard", "actions": append(down, up...)}}}, nil)
	f.do(step, "input.releaseActions", map[string]any{"context": f.tab}, nil)
}

// screenshot saves the whole page as build/console-screenshots/NAME.png.
func (f *firefox) screenshot(name string) {
	var shot struct{ Data string }
	if err := f.c.call(f.ctx, "browsingContext.captureScreenshot", map[string]any{"context": f.tab, "origin": "document"}, &shot); err != nil {
		f.t.Logf("screenshot %s: %v", name, err)
		return
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err == nil {
		err = os.WriteFile(filepath.Join(f.shot, name+".png"), png, 0o644)
	}
	if err != nil {
		f.t.Logf("screenshot %s: %v", name, err)
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
