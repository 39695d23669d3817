//go:build integration

package console

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/test/harness"
)

// TestConsoleFirefox walks the console in headless Firefox against the
// real `stepwise serve`: the list, a state machine with its graph, an
// execution watched while its Wait state finishes, and the editor's
// diagnostics.
func TestConsoleFirefox(t *testing.T) {
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	f := newFirefox(t)
	walkthrough(t, f, url, "firefox-")
	testGraphFit(t, f, url, "firefox-")
}

// walkthrough is the console's main path, the same in every browser.
func walkthrough(t *testing.T, d driver, url, prefix string) {
	order, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", "order-processing", "definition.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	createMachine(t, url, "order-processing", string(order))
	waitArn := createMachine(t, url, "wait-demo", waitDefinition)

	d.open("list", url+"/console/")
	d.wait("list", `document.querySelector('#machines tbody a')`)
	if text := textOf(d, `#machines`); !strings.Contains(text, "order-processing") || !strings.Contains(text, "wait-demo") {
		t.Errorf("list page:\n%s", text)
	}
	d.screenshot(prefix + "1-list")
	d.click("search", `#search`)
	for _, k := range "order" {
		d.press("type", string(k))
	}
	d.wait("search", `document.querySelectorAll('#machines tbody a').length === 1`)
	d.click("open order workflow", `#machines tbody a`)
	d.wait("graph", `document.querySelector('#graph svg g.node[data-state="ValidateOrder"]')`)
	if text := textOf(d, `#definition`); !strings.Contains(text, `"StartAt": "RecordOrder"`) {
		t.Errorf("definition panel:\n%s", text)
	}
	d.screenshot(prefix + "2-state-machine")

	d.open("wait machine", url+"/console/state-machine?arn="+waitArn)
	d.wait("start button", `document.querySelector('#start')`)
	setValue(d, `#input`, `{"customer":"ada"}`)
	d.click("start", `#start`)
	d.wait("Hold running", `location.pathname === "/console/execution" && document.querySelector('g.node[data-state="Hold"].st-running')`)
	var ok bool
	d.eval("mark document", `window.__sameDocument = true`, &ok)
	d.screenshot(prefix + "3-execution-running")
	d.wait("Hold succeeded", `document.querySelector('g.node[data-state="Hold"].st-succeeded') && document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`)
	if d.eval("no reload", `window.__sameDocument === true`, &ok); !ok {
		t.Error("the execution page reloaded instead of updating in place")
	}
	var label string
	if d.eval("aria status", `document.querySelector('g.node[data-state="Hold"]').getAttribute("aria-label")`, &label); !strings.Contains(label, "✓ succeeded") {
		t.Errorf("Hold's label %q carries no text status", label)
	}
	d.click("click a step", `#steps tr[data-state="Done"]`)
	d.wait("step output", `document.querySelector('#step-output')`)
	if text := textOf(d, `#step-output`); !strings.Contains(text, `"shipped": "A-1"`) || !strings.Contains(text, "all done") {
		t.Errorf("Done's output:\n%s", text)
	}
	d.screenshot(prefix + "4-execution-succeeded")
	checkLegend(t, d, "legend")

	d.open("editor", url+"/console/editor")
	d.wait("editor", `document.querySelector('#diagnostics .ok')`)
	setValue(d, `#definition`, `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}`)
	d.wait("diagnostic", `document.querySelector('#diagnostics .diag') && document.querySelector('g.node[data-state="A"].has-error')`)
	if text := textOf(d, `#diagnostics`); !strings.Contains(text, "ERROR") || !strings.Contains(text, "Nowhere") {
		t.Errorf("editor diagnostics:\n%s", text)
	}
	d.screenshot(prefix + "6-editor")
}

// textOf is the rendered text of the first element sel matches.
func textOf(d driver, sel string) string {
	var s string
	d.eval("read "+sel, `document.querySelector(`+jsString(sel)+`).innerText`, &s)
	return s
}

// setValue sets a field's value and tells the page, as typing does.
func setValue(d driver, sel, value string) {
	var ok bool
	d.eval("set "+sel, `(e => (e.value = `+jsString(value)+`, e.dispatchEvent(new Event("input", {bubbles: true})), true))(document.querySelector(`+jsString(sel)+`))`, &ok)
}
