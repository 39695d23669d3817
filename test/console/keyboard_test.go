//go:build integration

package console

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// focusStop describes the focused element after a Tab.
type focusStop struct {
	Key     string // "#id", "node:State" or "tag:text"
	Visible bool   // a focus indicator is drawn
	After   bool   // it follows the previous stop in the document
	Shown   bool   // it has a box on the page
	Focus   bool   // the page has the system focus
}

// focusJS reads the focused element as a focusStop (null on the body).
// It reads after a short pause, once the page has handled the key.
const focusJS = `new Promise((r) => setTimeout(r, 50)).then(() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const node = e.closest("g.node");
  const key = node ? "node:" + node.dataset.state : e.id ? "#" + e.id : e.tagName.toLowerCase() + ":" + (e.textContent || "").trim().slice(0, 40);
  let visible;
  if (node) visible = getComputedStyle(node.querySelector("rect.ring")).stroke !== "none";
  else { const cs = getComputedStyle(e); visible = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) >= 2; }
  const prev = window.__prevFocus; window.__prevFocus = e;
  const r = e.getBoundingClientRect();
  return { Key: key, Visible: visible, After: !prev || !!(prev.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING), Shown: r.width > 0 && r.height > 0, Focus: document.hasFocus() };
})`

// TestConsoleKeyboard tabs through every page in Chromium and Firefox:
// each stop draws a focus indicator, the order follows the page, every
// state of a graph is reached, and Enter on a state node shows its step.
func TestConsoleKeyboard(t *testing.T) {
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	arn := createMachine(t, url, "keys", `{"StartAt":"First","States":{"First":{"Type":"Pass","Next":"Pick"},
 "Pick":{"Type":"Choice","Choices":[{"Variable":"$.go","BooleanEquals":true,"Next":"Last"}],"Default":"Last"},
 "Last":{"Type":"Pass","End":true}}}`)
	exec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": arn, "input": `{"go":true}`})
	pages := []struct{ name, path, ready string }{
		{"list", "/console/", `document.querySelector('#machines tbody a')`},
		{"state-machine", "/console/state-machine?arn=" + arn, `document.querySelector('#graph g.node') && document.querySelector('#executions tbody a')`},
		{"execution", "/console/execution?arn=" + fmt.Sprint(exec["executionArn"]), `document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED") && document.querySelector('#steps tr.step')`},
		{"editor", "/console/editor?arn=" + arn, `document.querySelector('#diagnostics .ok') && document.querySelector('#graph g.node')`},
	}
	browsers := []struct {
		name  string
		start func(*testing.T) driver
	}{
		{"chromium", func(t *testing.T) driver { return chromium{newBrowser(t)} }},
		{"firefox", func(t *testing.T) driver { return newFirefox(t) }},
	}
	for _, br := range browsers {
		t.Run(br.name, func(t *testing.T) {
			d := br.start(t)
			for _, p := range pages {
				// Firefox's last Tab left the page before for its own UI.
				if f, ok := d.(interface{ refocus() }); ok {
					f.refocus()
				}
				d.open(p.name, url+p.path)
				d.wait(p.name, p.ready)
				tour(t, d, p.name, br.name)
			}
		})
	}
}

// tour tabs from the top of the page to its end and checks each stop.
func tour(t *testing.T, d driver, page, browser string) {
	var states []string
	d.eval(page+" states", `[...document.querySelectorAll("g.node")].map((n) => n.dataset.state)`, &states)
	var seen []string
	entered := false
	for i := 0; i < 80; i++ {
		var stop *focusStop
		d.press(page+" tab", "Tab")
		d.eval(page+" focus", focusJS, &stop)
		if stop == nil || (len(seen) > 0 && (stop.Key == seen[0] || stop.Key == seen[len(seen)-1])) {
			break // past the last stop (Firefox keeps the focus there)
		}
		seen = append(seen, stop.Key)
		if !stop.Visible || !stop.After || !stop.Shown {
			t.Errorf("%s: Tab %d on %s: %+v: want a visible focus indicator on a shown element after the previous one", browser, i+1, page, *stop)
			d.screenshot(browser + "-keyboard-" + page)
		}
		if page == "execution" && !entered && strings.HasPrefix(stop.Key, "node:") {
			entered = true
			name := strings.TrimPrefix(stop.Key, "node:")
			d.press(page+" enter", "Enter")
			d.wait(page+" step shown", `document.querySelector('#step-detail h3')?.textContent === `+jsString(name))
		}
	}
	if len(seen) == 0 {
		t.Fatalf("%s: Tab focuses nothing on %s", browser, page)
	}
	got := " " + strings.Join(seen, " | ") + " "
	for _, s := range states {
		if !strings.Contains(got, " node:"+s+" ") {
			t.Errorf("%s: %s: state %s cannot be reached with Tab: %s", browser, page, s, got)
		}
	}
	if page == "execution" && !entered {
		t.Errorf("%s: no state node on the execution page took Enter: %s", browser, got)
	}
	t.Logf("%s %s: %d stops: %s", browser, page, len(seen), got)
	d.screenshot(browser + "-keyboard-" + page)
}
