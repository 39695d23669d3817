package main

import (
	"strings"
	"testing"
)

func TestConsole_Flags(t *testing.T) {
	tests := []struct {
		args []string
		err  string
	}{
		{[]string{"--endpoint", "https://abc.execute-api.eu-west-1.amazonaws.com/"}, ""},
		{[]string{"--endpoint", "https://abc.execute-api.eu-west-1.amazonaws.com/", "--port", "0", "--region", "eu-west-1"}, ""},
		{nil, "--endpoint must be"},
		{[]string{"--endpoint", "abc"}, "--endpoint must be"},
		{[]string{"--endpoint", "https://x/", "--port", "70000"}, "--port must be"},
		{[]string{"--endpoint", "https://x/", "extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		_, err := parseConsoleFlags(tt.args)
		if (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("%v: error %v, want %q", tt.args, err, tt.err)
		}
	}
}
