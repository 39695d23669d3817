//go:build integration

package console

import (
	"encoding/json"

	"github.com/chromedp/chromedp"
)

// chromium is the Chromium browser as a driver.
type chromium struct{ *browser }

func (b chromium) open(step, url string) { b.run(step, chromedp.Navigate(url)) }

func (b chromium) eval(step, expr string, out any) {
	b.t.Helper()
	raw := value(b.browser, step, chromedp.Evaluate[string](`Promise.resolve((`+expr+`)).then((v) => JSON.stringify(v) ?? "null")`, chromedp.EvalAwaitPromise))
	if err := json.Unmarshal([]byte(raw), out); err != nil {
		b.t.Fatalf("%s: %v in %s", step, err, raw)
	}
}

func (b chromium) wait(step, expr string) { b.t.Helper(); b.run(step, waitJS(`!!(`+expr+`)`)) }

func (b chromium) click(step, sel string) {
	b.t.Helper()
	b.run(step, chromedp.Click(chromedp.CSS(sel)))
}

func (b chromium) press(step, keys string) {
	b.t.Helper()
	switch keys {
	case "Tab":
		b.run(step, chromedp.KeyEvent("\t"))
	case "Shift+Tab":
		b.run(step, chromedp.KeyEvent("\t", chromedp.KeyModifiers(chromedp.ModifierShift)))
	case "Enter":
		b.run(step, chromedp.KeyEvent("\r"))
	default:
		b.run(step, chromedp.KeyEvent(keys))
	}
}
