//go:build integration

package console

// driver is one browser tab as the scenarios shared by Chromium and
// Firefox see it. Each method fails the test, naming step, on error.
type driver interface {
	open(step, url string)
	// eval decodes the JSON of a JavaScript expression's value (a
	// promise's, once settled) into out.
	eval(step, expr string, out any)
	// wait polls a JavaScript expression until it is true.
	wait(step, expr string)
	// click clicks the middle of the first element sel matches.
	click(step, sel string)
	// press presses keys: "Tab", "Shift+Tab", "Enter" or " ".
	press(step, keys string)
	screenshot(name string)
}
