package config

import "testing"

func TestMatchPattern(t *testing.T) {
	fn := "arn:aws:lambda:eu-west-1:123456789012:function:orders"
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{fn, fn, true},
		{fn, fn + "x", false},
		{fn, fn[:len(fn)-1], false},
		{"arn:aws:lambda:*:123456789012:function:*", fn, true},
		{"arn:aws:lambda:*:123456789012:function:*", fn + ":live", true},
		{"arn:aws:lambda:*:999999999999:function:*", fn, false},
		{"arn:aws:lambda:eu-west-1:123456789012:function:order?", fn, true},
		{"arn:aws:lambda:eu-west-1:123456789012:function:order?", fn + "s", false},
		{"*", "", true},
		{"", "", true},
		{"", "a", false},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"a**", "a", true},
		{"*a", "bbbb", false},
	}
	for _, tt := range tests {
		if got := MatchPattern(tt.pattern, tt.s); got != tt.want {
			t.Errorf("MatchPattern(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

func TestConfig_TaskAllowed(t *testing.T) {
	c := Config{AllowedTaskResources: []string{"arn:aws:lambda:*:1:function:a", "arn:aws:lambda:*:1:function:b-*"}}
	tests := []struct {
		resource string
		want     bool
	}{
		{"arn:aws:lambda:us-east-1:1:function:a", true},
		{"arn:aws:lambda:us-east-1:1:function:b-x", true},
		{"arn:aws:lambda:us-east-1:1:function:c", false},
	}
	for _, tt := range tests {
		if got := c.TaskAllowed(tt.resource); got != tt.want {
			t.Errorf("TaskAllowed(%q) = %v, want %v", tt.resource, got, tt.want)
		}
	}
	if (Config{}).TaskAllowed("arn:aws:lambda:us-east-1:1:function:a") {
		t.Error("empty allow-list allowed a resource")
	}
}

func FuzzMatchPattern(f *testing.F) {
	f.Add("a*b?c", "axxbyc")
	f.Add("***", "")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		// Any string matches itself: '*' and '?' also match themselves.
		if !MatchPattern(s, s) {
			t.Fatalf("%q does not match itself", s)
		}
		if !MatchPattern("*", s) {
			t.Fatalf("* does not match %q", s)
		}
		_ = MatchPattern(pattern, s)
	})
}
