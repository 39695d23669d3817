//go:build integration

package console

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/stepwise/stepwise/shared/console"
	"github.com/stepwise/stepwise/shared/graph/graphtest"
	"github.com/stepwise/stepwise/test/harness"
)

const waitDefinition = `{"StartAt":"Prepare","States":{
 "Prepare":{"Type":"Pass","Result":{"order":"A-1"},"Next":"Hold"},
 "Hold":{"Type":"Wait","Seconds":5,"Next":"Done"},
 "Done":{"Type":"Pass","Parameters":{"shipped.$":"$.order","note":"all done"},"End":true}}}`

const fanDefinition = `{"StartAt":"Fan","States":{
 "Fan":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},
   "StartAt":"Double","States":{"Double":{"Type":"Pass","End":true}}},"ResultPath":null,"Next":"Both"},
 "Both":{"Type":"Parallel","Branches":[
   {"StartAt":"Left","States":{"Left":{"Type":"Pass","End":true}}},
   {"StartAt":"Right","States":{"Right":{"Type":"Pass","End":true}}}],"End":true}}}`

const longWaitDefinition = `{"StartAt":"Nap","States":{"Nap":{"Type":"Wait","Seconds":600,"End":true}}}`

// TestConsole drives the console in headless Chromium against the real
// `stepwise serve`: list, a state machine, a live execution, a stopped one
// and the editor's diagnostics.
func TestConsole(t *testing.T) {
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	order, err := os.ReadFile(filepath.Join(harness.RepoRoot(t), "events", "order-processing", "definition.asl.json"))
	if err != nil {
		t.Fatal(err)
	}
	orderArn := createMachine(t, url, "order-processing", string(order))
	waitArn := createMachine(t, url, "wait-demo", waitDefinition)
	longArn := createMachine(t, url, "long-wait", longWaitDefinition)
	b := newBrowser(t)

	b.run("list", chromedp.Navigate(url+"/console/"), chromedp.WaitVisible(chromedp.CSS(`#machines a`)))
	text := b.text(`#machines`)
	for _, name := range []string{"order-processing", "wait-demo", "long-wait", "STANDARD"} {
		if !strings.Contains(text, name) {
			t.Errorf("list page lacks %q:\n%s", name, text)
		}
	}
	b.screenshot("1-list")
	b.run("search", chromedp.SendKeys(chromedp.CSS(`#search`), "order"))
	if text := b.text(`#machines tbody`); !strings.Contains(text, "order-processing") || strings.Contains(text, "wait-demo") {
		t.Errorf("search for order shows:\n%s", text)
	}

	b.run("open order workflow", chromedp.Click(chromedp.CSS(`#machines tbody a`)), chromedp.WaitVisible(chromedp.CSS(`#graph svg g.node[data-state="ValidateOrder"]`)))
	if text := b.text(`#definition`); !strings.Contains(text, `"StartAt": "RecordOrder"`) {
		t.Errorf("definition panel:\n%s", text)
	}
	if loc := value(b, "location", chromedp.Location()); !strings.HasSuffix(loc, "/console/state-machine?arn="+strings.ReplaceAll(orderArn, ":", "%3A")) {
		t.Errorf("state machine page at %s", loc)
	}
	b.screenshot("2-state-machine")

	b.run("start with a Wait state", chromedp.Navigate(url+"/console/state-machine?arn="+waitArn), chromedp.WaitVisible(chromedp.CSS(`#start`)),
		chromedp.SetValue(chromedp.CSS(`#input`), `{"customer":"ada"}`), chromedp.Click(chromedp.CSS(`#start`)),
		waitJS(`location.pathname === "/console/execution" && !!document.querySelector('g.node[data-state="Hold"].st-running')`),
		eval(`window.__sameDocument = true`))
	b.screenshot("3-execution-running")
	b.run("Wait turns succeeded", waitJS(`!!document.querySelector('g.node[data-state="Hold"].st-succeeded')`),
		waitJS(`document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`))
	if !value(b, "no reload", chromedp.Evaluate[bool](`window.__sameDocument === true`)) {
		t.Error("the execution page reloaded instead of updating in place")
	}
	if label := value(b, "aria status", chromedp.AttributeValue(chromedp.CSS(`g.node[data-state="Hold"]`), "aria-label")); !strings.Contains(label.Value, "✓ succeeded") {
		t.Errorf("Hold's label %q carries no text status", label.Value)
	}
	b.run("click a step", chromedp.Click(chromedp.CSS(`#steps tr[data-state="Done"]`)), chromedp.WaitVisible(chromedp.CSS(`#step-output`)))
	if text := b.text(`#step-output`); !strings.Contains(text, `"shipped": "A-1"`) || !strings.Contains(text, "all done") {
		t.Errorf("Done's output:\n%s", text)
	}
	b.screenshot("4-execution-succeeded")
	checkLegend(t, chromium{b}, "legend")
	b.run("keyboard", chromedp.Focus(chromedp.CSS(`g.node[data-state="Hold"]`)), chromedp.KeyEvent("\r"),
		waitJS(`document.querySelector('#step-detail h3')?.textContent === "Hold"`))
	if text := b.text(`#step-detail`); !strings.Contains(text, "✓ succeeded") || !strings.Contains(text, `"order": "A-1"`) {
		t.Errorf("Hold's details after Enter:\n%s", text)
	}

	b.run("executions filter", chromedp.Navigate(url+"/console/state-machine?arn="+waitArn), chromedp.WaitVisible(chromedp.CSS(`#executions a`)),
		chromedp.SetValue(chromedp.CSS(`#status-filter`), "ABORTED"),
		eval(`document.querySelector('#status-filter').dispatchEvent(new Event('change'))`),
		waitJS(`document.querySelector('#executions tbody').textContent.includes("No executions")`),
		chromedp.SetValue(chromedp.CSS(`#status-filter`), "SUCCEEDED"),
		eval(`document.querySelector('#status-filter').dispatchEvent(new Event('change'))`),
		waitJS(`document.querySelector('#executions tbody').textContent.includes("SUCCEEDED")`))

	fan := call(t, url, "StartExecution", map[string]string{"stateMachineArn": createMachine(t, url, "fan", fanDefinition), "input": `{"items":[1,2]}`})
	b.run("map and parallel", chromedp.Navigate(url+"/console/execution?arn="+fmt.Sprint(fan["executionArn"])),
		waitJS(`document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`))
	text = b.text(`#step-table`)
	for _, group := range []string{"Fan #0", "Fan #1", "Both branch Left", "Both branch Right"} {
		if !strings.Contains(text, group) {
			t.Errorf("steps lack the group %q:\n%s", group, text)
		}
	}
	b.screenshot("7-map-parallel")

	exec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": longArn, "name": "to-stop"})
	b.run("stop", chromedp.Navigate(url+"/console/execution?arn="+fmt.Sprint(exec["executionArn"])),
		waitJS(`!!document.querySelector('g.node[data-state="Nap"].st-running')`), chromedp.Click(chromedp.CSS(`#stop`)),
		waitJS(`document.querySelector('#exec-status')?.textContent.includes("ABORTED")`),
		waitJS(`!!document.querySelector('g.node[data-state="Nap"].st-aborted')`))
	b.screenshot("5-execution-aborted")

	failing := createMachine(t, url, "flaky", `{"StartAt":"Check","States":{"Check":{"Type":"Pass","Next":"Broken"},"Broken":{"Type":"Fail","Error":"Boom","Cause":"always"}}}`)
	failed := call(t, url, "StartExecution", map[string]string{"stateMachineArn": failing})
	b.run("redrive", chromedp.Navigate(url+"/console/execution?arn="+fmt.Sprint(failed["executionArn"])),
		waitJS(`document.querySelector('#exec-status')?.textContent.includes("FAILED") && !!document.querySelector('g.node[data-state="Broken"].st-failed')`),
		chromedp.Click(chromedp.CSS(`#redrive`)),
		waitJS(`document.querySelector('#redrive-count')?.textContent.startsWith("1")`))
	b.screenshot("8-redriven")

	invalid := `{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}`
	b.run("editor diagnostic", chromedp.Navigate(url+"/console/editor"), chromedp.WaitVisible(chromedp.CSS(`#diagnostics .ok`)),
		chromedp.SetValue(chromedp.CSS(`#definition`), invalid),
		eval(`document.querySelector('#definition').dispatchEvent(new Event('input'))`),
		chromedp.WaitVisible(chromedp.CSS(`#diagnostics .diag`)),
		waitJS(`!!document.querySelector('g.node[data-state="A"].has-error')`))
	if text := b.text(`#diagnostics`); !strings.Contains(text, "ERROR") || !strings.Contains(text, "Nowhere") {
		t.Errorf("editor diagnostics:\n%s", text)
	}
	b.screenshot("6-editor")
	measure(t, b, url)

	// `stepwise console` serves the same pages for a deployed API, signing
	// the calls; `serve` stands in for that API here (it ignores signatures).
	proxied := startStepwise(t, bin, regexp.MustCompile(`Web console: (http://\S+)/console/`), "console", "--endpoint", url+"/", "--port", "0", "--region", harness.Region)
	b.run("console through the signing proxy", chromedp.Navigate(proxied+"/console/"), chromedp.WaitVisible(chromedp.CSS(`#machines a`)))
	if text := b.text(`#machines`); !strings.Contains(text, "wait-demo") {
		t.Errorf("proxied list page:\n%s", text)
	}
}

// measure logs the layout time of the largest conformance definition and
// of three 300-state shapes (a chain with Choices and Parallels, 300 Tasks
// whose Catch edges reach one Fail state, Parallels holding Maps), in this
// page and as the first layout of a fresh browser, and the console's page
// weight.
func measure(t *testing.T, b *browser, url string) {
	weight, err := console.Weight()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("page weight: %d bytes of embedded assets", weight)
	name, def := largestCase(t)
	for _, c := range []struct{ name, def string }{{name, def}, {"synthetic 300 states", graphtest.Chain(300)},
		{"300 Catch edges to one state", graphtest.Catches(300)}, {"300 states nested three deep", graphtest.Nested(300)}} {
		ms := value(b, "layout "+c.name, chromedp.Evaluate[float64](`drawGraph(`+c.def+`).ms`))
		fresh := newBrowser(t)
		fresh.run("fresh page", chromedp.Navigate(url+"/console/"), chromedp.WaitVisible(chromedp.CSS(`#machines`)))
		first := value(fresh, "first layout "+c.name, chromedp.Evaluate[float64](`drawGraph(`+c.def+`).ms`))
		fresh.close()
		t.Logf("layout of %s: %.1f ms (first in a fresh browser: %.1f ms)", c.name, ms, first)
	}
}
