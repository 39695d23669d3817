//go:build integration

package console

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stepwise/stepwise/shared/graph/graphtest"
)

// graphFit is how the graph (#graph) sits on its page.
type graphFit struct {
	States      int      // state nodes drawn
	Outside     []string // states outside the box's visible area, unscrolled
	Beyond      []string // states outside what the box scrolls to
	Hidden      []string // states still outside its visible area once focused
	InColumn    bool     // the box stays inside its column
	PageWidth   float64  // the document's scroll width…
	WindowWidth float64  // …never past the window's
	Zoom        float64  // the scale drawn at
	Natural     float64  // the graph's width at 1:1
	Drawn       float64  // its width on the page
}

// graphFitJS measures the graph once the page has painted (a fitted graph
// follows its box's size, read as the page is laid out).
const graphFitJS = `new Promise((r) => { requestAnimationFrame(() => requestAnimationFrame(r)); setTimeout(r, 300); }).then(() => {
  const box = document.querySelector("#graph"), svg = box.querySelector("svg");
  const area = () => { const b = box.getBoundingClientRect(); const l = b.left + box.clientLeft, t = b.top + box.clientTop;
    return { l, t, r: l + box.clientWidth, b: t + box.clientHeight }; };
  const inside = (r, v) => r.left >= v.l - 1 && r.top >= v.t - 1 && r.right <= v.r + 1 && r.bottom <= v.b + 1;
  const nodes = [...box.querySelectorAll("g.node")];
  box.scrollTo(0, 0);
  const first = area();
  const outside = nodes.filter((n) => !inside(n.getBoundingClientRect(), first)).map((n) => n.dataset.state);
  const range = { l: first.l, t: first.t, r: first.l + box.scrollWidth, b: first.t + box.scrollHeight };
  const beyond = nodes.filter((n) => !inside(n.getBoundingClientRect(), range)).map((n) => n.dataset.state);
  const hidden = nodes.filter((n) => {
    n.focus();
    return !inside(n.getBoundingClientRect(), area());
  }).map((n) => n.dataset.state);
  document.activeElement.blur();
  box.scrollTo(0, 0);
  const b = box.getBoundingClientRect(), col = box.parentElement.getBoundingClientRect();
  return { States: nodes.length, Outside: outside, Beyond: beyond, Hidden: hidden, InColumn: b.left >= col.left - 1 && b.right <= col.right + 1,
    PageWidth: document.documentElement.scrollWidth, WindowWidth: innerWidth, Zoom: +box.dataset.zoom,
    Natural: svg.viewBox.baseVal.width, Drawn: svg.getBoundingClientRect().width };
})`

// checkGraph fails the test unless every state of the page's graph can be
// seen (all at once when fits) without the graph leaving its column.
func checkGraph(t *testing.T, d driver, step string, states int, fits bool) graphFit {
	t.Helper()
	var g graphFit
	d.eval(step, graphFitJS, &g)
	if g.States != states || len(g.Beyond)+len(g.Hidden) > 0 || !g.InColumn || g.PageWidth > g.WindowWidth {
		t.Errorf("%s: %+v: want %d states, each in the graph's scroll range and scrolled to when focused, the box in its column and no sideways page scroll", step, g, states)
	}
	if fits && len(g.Outside) > 0 {
		t.Errorf("%s: zoomed to %.2f, %d states lie outside the box: %v", step, g.Zoom, len(g.Outside), g.Outside)
	}
	if g.Zoom < 0.5 || g.Zoom > 1 {
		t.Errorf("%s: fitted at %.2f, want between 0.5 (legible) and 1", step, g.Zoom)
	}
	return g
}

// wideDefinition is a Parallel of n branches of two states each.
func wideDefinition(n int) string {
	branches := make([]any, n)
	for i := range branches {
		a, b := fmt.Sprintf("Branch%02dCheck", i), fmt.Sprintf("Branch%02dRecord", i)
		branches[i] = map[string]any{"StartAt": a, "States": map[string]any{
			a: map[string]any{"Type": "Pass", "Next": b}, b: map[string]any{"Type": "Pass", "End": true}}}
	}
	raw, _ := json.Marshal(map[string]any{"StartAt": "Fan", "States": map[string]any{
		"Fan": map[string]any{"Type": "Parallel", "Branches": branches, "Next": "Done"}, "Done": map[string]any{"Type": "Succeed"}}})
	return string(raw)
}

// graphZoom checks the zoom buttons on a page whose graph is fitted below
// 1:1: Actual size draws it 1:1 (the box scrolls to every state), Zoom
// out shrinks it, and Fit returns to the fitted scale.
func graphZoom(t *testing.T, d driver, step string, states int, fitted graphFit) {
	t.Helper()
	d.click(step+" actual size", `button[aria-label="Actual size"]`)
	if g := checkGraph(t, d, step+" actual size", states, false); g.Zoom != 1 || g.Drawn < g.Natural-1 || len(g.Outside) == 0 {
		t.Errorf("%s: after Actual size: %+v: want 1:1, wider than the box", step, g)
	}
	d.click(step+" zoom out", `button[aria-label="Zoom out"]`)
	var zoom float64
	if d.eval(step+" zoom", `+document.querySelector("#graph").dataset.zoom`, &zoom); zoom != 0.8 {
		t.Errorf("%s: Zoom out from 1:1 drew at %v, want 0.8", step, zoom)
	}
	d.click(step+" fit", `button[aria-label="Zoom to fit"]`)
	if g := checkGraph(t, d, step+" fit again", states, true); g.Zoom != fitted.Zoom {
		t.Errorf("%s: Fit drew at %v, first fitted at %v", step, g.Zoom, fitted.Zoom)
	}
}

// testGraphFit opens a wide graph (it is fitted whole) and a 300-state one
// (fitted no smaller than legible, the rest scrolled to) on the state
// machine and execution pages.
func testGraphFit(t *testing.T, d driver, url, prefix string) {
	wide := createMachine(t, url, "wide", wideDefinition(6))
	large := createMachine(t, url, "large", graphtest.Chain(300))
	wideExec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": wide})
	largeExec := call(t, url, "StartExecution", map[string]string{"stateMachineArn": large, "input": `{"x":-1}`})
	largeStates := countStates(mustJSON(t, graphtest.Chain(300)))

	d.open("wide machine", url+"/console/state-machine?arn="+wide)
	d.wait("wide graph", `document.querySelector('#graph g.node[data-state="Branch05Record"]')`)
	fitted := checkGraph(t, d, "wide machine", 14, true)
	if fitted.Zoom >= 1 {
		t.Errorf("wide machine: %+v: the test wants a graph wider than its box", fitted)
	}
	d.screenshot(prefix + "12-wide-fitted")
	graphZoom(t, d, "wide machine", 14, fitted)

	d.open("large machine", url+"/console/state-machine?arn="+large)
	d.wait("large graph", `document.querySelector('#graph g.node[data-state="Step299"]')`)
	checkGraph(t, d, "large machine", largeStates, false)
	d.screenshot(prefix + "13-large-scrolled")

	for _, c := range []struct {
		name   string
		exec   map[string]any
		states int
		fits   bool
	}{{"wide execution", wideExec, 14, true}, {"large execution", largeExec, largeStates, false}} {
		d.open(c.name, url+"/console/execution?arn="+fmt.Sprint(c.exec["executionArn"]))
		// The large one fails at its first Choice after a Parallel (an array
		// has no $.x): what counts here is that it ran.
		d.wait(c.name, `/SUCCEEDED|FAILED/.test(document.querySelector('#exec-status')?.textContent) && document.querySelector('#steps tr.step')`)
		checkGraph(t, d, c.name, c.states, c.fits)
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}
