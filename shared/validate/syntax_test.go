package validate

import "testing"

// TestDefinition_ExpressionSyntax checks that paths, intrinsic calls and
// JSONata expressions are parsed with the interpreter's own parsers.
func TestDefinition_ExpressionSyntax(t *testing.T) {
	tests := []struct{ name, def, loc string }{
		{"bad JSONata", `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $x + %}","End":true}}}`, "/States/P/Output"},
		{"unknown intrinsic", `{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"States.Nope($.x)"},"End":true}}}`, "/States/P/Parameters/a.$"},
		{"unterminated path", `{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a[","End":true}}}`, "/States/P/InputPath"},
		{"wildcard ResultPath", `{"StartAt":"P","States":{"P":{"Type":"Pass","ResultPath":"$.a[*]","End":true}}}`, "/States/P/ResultPath"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := Definition([]byte(tt.def), Options{})
			if !HasErrors(ds) || ds[0].Location != tt.loc || ds[0].Code != CodeSchema {
				t.Fatalf("diagnostics %+v, want an error at %s", ds, tt.loc)
			}
		})
	}
	ok := `{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.input.a[0].b & $string(1) %}","End":true}}}`
	if ds := Definition([]byte(ok), Options{}); HasErrors(ds) {
		t.Fatalf("valid expression rejected: %+v", ds)
	}
}
