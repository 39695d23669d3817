//go:build integration

package console

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

const distributedDefinition = `{"StartAt":"Dist","States":{"Dist":{"Type":"Map","ItemsPath":"$.items","Label":"Dist",
 "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`

// longHistoryDefinition writes more than a history page (200 events) and
// then waits, so the page polls a history longer than one page.
const longHistoryDefinition = `{"StartAt":"Many","States":{
 "Many":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"One","States":{"One":{"Type":"Pass","End":true}}},"ResultPath":null,"Next":"Hold"},
 "Hold":{"Type":"Wait","Seconds":4,"End":true}}}`

// TestConsolePages drives the pages TestConsole leaves out: a map run,
// incremental history reads, executions paging, versions and aliases, the
// editor's create, update and line markers, large graphs fitted or
// scrolled, and keyboard navigation.
func TestConsolePages(t *testing.T) {
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	b := newBrowser(t)

	t.Run("map run", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		items := make([]int, 7)
		input, _ := json.Marshal(map[string]any{"items": items})
		exec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": createMachine(t, url, "dist", distributedDefinition), "input": string(input)})
		b.run("parent execution", chromedp.Navigate(url+"/console/execution?arn="+fmt.Sprint(exec["executionArn"])),
			waitJS(`document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`),
			chromedp.Click(chromedp.CSS(`#map-runs a`)),
			waitJS(`location.pathname === "/console/map-run" && document.querySelectorAll('#maprun-children a').length === 7`))
		if text := b.text(`#maprun-status`); !strings.Contains(text, "SUCCEEDED") {
			t.Errorf("map run status %q", text)
		}
		for _, kind := range []string{"items", "executions"} {
			for counter, want := range map[string]string{"succeeded": "7", "total": "7", "failed": "0"} {
				if got := b.text(`#maprun-counts tr[data-kind="` + kind + `"] td[data-counter="` + counter + `"]`); got != want {
					t.Errorf("%s %s = %q, want %s", kind, counter, got, want)
				}
			}
		}
		b.screenshot("9-map-run")
	})

	t.Run("incremental history", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		input, _ := json.Marshal(map[string]any{"items": make([]int, 80)})
		exec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": createMachine(t, url, "long-history", longHistoryDefinition), "input": string(input)})
		b.run("watch", chromedp.Navigate(url+"/console/execution?arn="+fmt.Sprint(exec["executionArn"])),
			waitJS(`document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`))
		var reads []struct {
			Token  bool
			Events int
		}
		raw := value(b, "reads", chromedp.Evaluate[string](`JSON.stringify(window.__historyReads)`))
		if err := json.Unmarshal([]byte(raw), &reads); err != nil {
			t.Fatal(err)
		}
		total := value(b, "event rows", chromedp.Evaluate[int](`document.querySelectorAll('#events tr').length`))
		fresh := 0
		for i, r := range reads {
			if (i == 0) == r.Token || r.Events > 200 {
				t.Errorf("read %d of %v: only the first read starts without a token, and none reads more than a page", i, reads)
			}
			if !r.Token {
				fresh++
			}
		}
		if total <= 200 || len(reads) < 4 || fresh != 1 {
			t.Errorf("%d events in %d reads %v: want a history over one page, polled while it waits", total, len(reads), reads)
		}
	})

	t.Run("executions paging", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		arn := createMachine(t, url, "many", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
		for i := 0; i < 25; i++ {
			call(t, url, "StartExecution", map[string]string{"stateMachineArn": arn, "name": fmt.Sprintf("run-%02d", i)})
		}
		b.run("first page", chromedp.Navigate(url+"/console/state-machine?arn="+arn),
			waitJS(`document.querySelectorAll('#executions tbody a').length === 20 && !document.querySelector('#more').hidden`),
			chromedp.Click(chromedp.CSS(`#more`)),
			waitJS(`document.querySelectorAll('#executions tbody a').length === 25 && document.querySelector('#more').hidden`))
		names := b.text(`#executions tbody`)
		for i := 0; i < 25; i++ {
			if n := strings.Count(names, fmt.Sprintf("run-%02d", i)); n != 1 {
				t.Errorf("run-%02d listed %d times", i, n)
			}
		}
	})

	t.Run("versions and aliases", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		created := call(t, url, "CreateStateMachine", map[string]any{"name": "versioned", "roleArn": "arn:aws:iam::123456789012:role/r",
			"definition": `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`, "publish": true})
		version := fmt.Sprint(created["stateMachineVersionArn"])
		alias := call(t, url, "CreateStateMachineAlias", map[string]any{"name": "live",
			"routingConfiguration": []map[string]any{{"stateMachineVersionArn": version, "weight": 100}}})
		b.run("versions", chromedp.Navigate(url+"/console/state-machine?arn="+fmt.Sprint(created["stateMachineArn"])),
			waitJS(`!!document.querySelector('#versions')?.textContent.includes("Alias")`))
		text := b.text(`#versions`)
		if !strings.Contains(text, version) || !strings.Contains(text, fmt.Sprint(alias["stateMachineAliasArn"])) {
			t.Errorf("versions and aliases:\n%s\nwant %s and %v", text, version, alias["stateMachineAliasArn"])
		}
		b.screenshot("10-versions")
	})

	t.Run("editor", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		first := `{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}`
		b.run("create", chromedp.Navigate(url+"/console/editor"), chromedp.WaitVisible(chromedp.CSS(`#diagnostics .ok`)),
			chromedp.SendKeys(chromedp.CSS(`#sm-name`), "from-editor"),
			chromedp.SetValue(chromedp.CSS(`#definition`), first), eval(`document.querySelector('#definition').dispatchEvent(new Event('input'))`),
			chromedp.Click(chromedp.CSS(`#save`)),
			waitJS(`location.pathname === "/console/state-machine" && !!document.querySelector('#graph g.node[data-state="A"]')`))
		arn := strings.TrimPrefix(value(b, "location", chromedp.Location()), url+"/console/state-machine?arn=")
		arn = strings.ReplaceAll(arn, "%3A", ":")
		second := `{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}`
		b.run("update", chromedp.Navigate(url+"/console/editor?arn="+arn), waitJS(`document.querySelector('#definition').value.includes('"A"')`),
			chromedp.SetValue(chromedp.CSS(`#definition`), second), eval(`document.querySelector('#definition').dispatchEvent(new Event('input'))`),
			chromedp.Click(chromedp.CSS(`#save`)),
			waitJS(`location.pathname === "/console/state-machine" && !!document.querySelector('#graph g.node[data-state="B"]')`))
		if got := call(t, url, "DescribeStateMachine", map[string]string{"stateMachineArn": arn})["definition"]; got != second {
			t.Errorf("definition after update = %v", got)
		}

		// Line 6 holds /States/A/Next, the unknown target.
		invalid := "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\n      \"Type\": \"Pass\",\n      \"Next\": \"Nowhere\"\n    }\n  }\n}"
		b.run("line marker", chromedp.Navigate(url+"/console/editor"), chromedp.WaitVisible(chromedp.CSS(`#diagnostics .ok`)),
			chromedp.SetValue(chromedp.CSS(`#definition`), invalid), eval(`document.querySelector('#definition').dispatchEvent(new Event('input'))`),
			waitJS(`document.querySelectorAll('#gutter .ln.marked').length > 0`))
		marked := value(b, "marked", chromedp.Evaluate[string](`[...document.querySelectorAll('#gutter .ln.marked')].map((e) => e.dataset.line + "=" + e.title).join("; ")`))
		// The missing end state has no location: it marks line 1.
		if !strings.Contains(marked, "6=ERROR MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere") || strings.Count(marked, "=") != 2 {
			t.Errorf("marked lines %q, want line 6 with the unknown Next", marked)
		}
		b.screenshot("11-editor-line-marker")
		broken := "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": { \"Type\": \"Pass\" \"End\": true }\n  }\n}"
		b.run("syntax error marker", chromedp.SetValue(chromedp.CSS(`#definition`), broken), eval(`document.querySelector('#definition').dispatchEvent(new Event('input'))`),
			waitJS(`document.querySelector('#gutter .ln.marked')?.dataset.line === "4"`))
	})

	t.Run("graph fit", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		testGraphFit(t, chromium{b}, url, "")
	})

	t.Run("keyboard", func(t *testing.T) {
		b.t = t // failures end this subtest, not its parent
		b.run("tab to a machine and open it", chromedp.Navigate(url+"/console/"), chromedp.WaitVisible(chromedp.CSS(`#machines tbody a`)),
			chromedp.Focus(chromedp.CSS(`#search`)))
		for i := 0; i < 10 && !value(b, "focus", chromedp.Evaluate[bool](`!!document.activeElement.closest('#machines tbody')`)); i++ {
			b.run("tab", chromedp.KeyEvent("\t"))
		}
		want := value(b, "focused link", chromedp.Evaluate[string](`document.activeElement.textContent`))
		b.run("enter", chromedp.KeyEvent("\r"), waitJS(`location.pathname === "/console/state-machine" && document.querySelector('h1')?.textContent === `+fmt.Sprintf("%q", want)))
	})
}
