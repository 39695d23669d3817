package validate

import "testing"

// Columns count the characters read, the offending one included, plus
// one, as Jackson reports them ("not a definition" → column 4).
func TestJSONSyntax(t *testing.T) {
	tests := []struct {
		text, msg string
		line, col int
	}{
		{"not a definition", "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", 1, 4},
		{"{'not': 'json'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name", 1, 3},
		{`{"a" 1}`, "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value", 1, 7},
		{`[1 2]`, "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries", 1, 5},
		{"{\n\"a\": tru}", "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", 2, 9},
		{`{"a":1}`, "", 0, 0},
		{` [true, null, "x\"y", -1.5e3, {}] `, "", 0, 0},
	}
	for _, tc := range tests {
		msg, line, col, bad := JSONSyntax(tc.text)
		if bad != (tc.msg != "") || msg != tc.msg || line != tc.line || col != tc.col {
			t.Errorf("%q: got %q %d:%d, want %q %d:%d", tc.text, msg, line, col, tc.msg, tc.line, tc.col)
		}
	}
}
