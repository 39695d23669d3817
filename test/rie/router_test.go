package rie

import "testing"

func TestParseFunction(t *testing.T) {
	tests := []struct{ in, name, qualifier string }{
		{"echo", "echo", "$LATEST"},
		{"echo:prod", "echo", "prod"},
		{"arn:aws:lambda:us-east-1:000000000000:function:echo", "echo", "$LATEST"},
		{"arn:aws:lambda:us-east-1:000000000000:function:echo:7", "echo", "7"},
		{"000000000000:function:echo", "echo", "$LATEST"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			name, q := parseFunction(tt.in)
			if name != tt.name || q != tt.qualifier {
				t.Errorf("parseFunction(%q) = %q, %q; want %q, %q", tt.in, name, q, tt.name, tt.qualifier)
			}
		})
	}
}

func TestIsErrorPayload(t *testing.T) {
	tests := map[string]bool{
		`{"errorMessage":"x","errorType":"CustomError"}`:       true,
		`{"errorMessage":"x","errorType":"E","stackTrace":[]}`: true,
		`{"errorMessage":"only a message"}`:                    true,
		`{"errorType":"E","data":1}`:                           false,
		`{"result":"ok"}`:                                      false,
		`"errorType"`:                                          false,
		`[{"errorType":"E"}]`:                                  false,
		`not json`:                                             false,
	}
	for in, want := range tests {
		if got := isErrorPayload([]byte(in)); got != want {
			t.Errorf("isErrorPayload(%s) = %v, want %v", in, got, want)
		}
	}
}
