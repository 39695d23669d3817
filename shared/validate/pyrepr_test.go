package validate

import "testing"

// Expected values are what CPython 3's repr() prints.
func TestPyRepr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", `''`},
		{"Label cannot be empty", `'Label cannot be empty'`},
		{" ", `' '`},
		{`\`, `'\\'`},
		{`"`, `'"'`},
		{`'`, `"'"`},
		{`'"'`, `'\'"\''`},
		{"\x00", `'\x00'`},
		{"\x1f\x7f", `'\x1f\x7f'`},
		{"\t\n\r", `'\t\n\r'`},
		{"\u0085\u00a0\u00e9", `'\x85\xa0é'`},
		{"\u2028\u200b\u4e2d", `'\u2028\u200b中'`},
		{"\U000e0001\U0001f600", `'\U000e0001😀'`},
		{"Label contains invalid character: '\\\\'", `"Label contains invalid character: '\\\\'"`},
	} {
		if got := PyRepr(tc.in); got != tc.want {
			t.Errorf("PyRepr(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// A bad Map Label is answered as AWS's ValueError alone, the definition
// quoted as sent (message recorded from AWS for the label `label_"`).
func TestInvalidDefinitionMessage_Exception(t *testing.T) {
	def := `{"StartAt": "M", "States": {"M": {"Type": "Map", "Next": "Gone", "Label": "label_\"", ` +
		`"ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}`
	ds := Definition([]byte(def), Options{})
	want := `Error=ValueError Args=['Label contains invalid character: \'"\''] in definition '` + def + `'.`
	if got := InvalidDefinitionMessage(def, ds); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if len(ds) < 2 {
		t.Errorf("the other errors must still be reported as diagnostics: %v", ds)
	}
}
