//go:build integration

package console

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestConsoleNested: a parent passing AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID
// to the child it starts with states:startExecution.sync:2 links the two
// pages both ways, as AWS's console does: the parent's step lists the child,
// the child's summary names the parent; a child started without the
// parameter names no parent.
func TestConsoleNested(t *testing.T) {
	bin := buildStepwise(t)
	url := startStepwise(t, bin, regexp.MustCompile(`listening on (http://\S+)`), "serve", "--host", "127.0.0.1", "--port", "0")
	b := newBrowser(t)
	child := createMachine(t, url, "nested-child", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	parent := createMachine(t, url, "nested-parent", `{"StartAt":"Run","States":{
	 "Run":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution.sync:2","Parameters":{"StateMachineArn":"`+child+`","Name":"kid",
	  "Input":{"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$":"$$.Execution.Id"}},"Next":"Loose"},
	 "Loose":{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"`+child+`","Name":"loose"},"End":true}}}`)
	exec := fmt.Sprint(call(t, url, "StartExecution", map[string]string{"stateMachineArn": parent, "name": "mother"})["executionArn"])
	b.run("parent", chromedp.Navigate(url+"/console/execution?arn="+exec),
		waitJS(`document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`),
		chromedp.Click(chromedp.CSS(`tr.step[data-state="Run"]`)),
		waitJS(`!!document.querySelector('#step-children a')`))
	if got := b.text(`#step-children`); got != "kid" {
		t.Errorf("Run started %q, want kid", got)
	}
	if strings.Contains(b.text(`#summary`), "Started by") {
		t.Errorf("the parent, started by no execution, shows %q", b.text(`#summary`))
	}
	b.run("child", chromedp.Click(chromedp.CSS(`#step-children a`)),
		waitJS(`location.search.includes("kid") && !!document.querySelector('#started-by a')`))
	if got := b.text(`#started-by`); got != "mother" {
		t.Errorf("kid started by %q, want mother", got)
	}
	b.screenshot("11-nested-child")
	b.run("back to the parent", chromedp.Click(chromedp.CSS(`#started-by a`)),
		waitJS(`location.search.includes("mother") && !!document.querySelector('#exec-status')`))
	b.run("loose child", chromedp.Click(chromedp.CSS(`tr.step[data-state="Loose"]`)),
		waitJS(`!!document.querySelector('#step-children a')`),
		chromedp.Click(chromedp.CSS(`#step-children a`)),
		waitJS(`location.search.includes("loose") && document.querySelector('#exec-status')?.textContent.includes("SUCCEEDED")`))
	if strings.Contains(b.text(`#summary`), "Started by") {
		t.Errorf("a child started without the parameter names a parent: %q", b.text(`#summary`))
	}
}
