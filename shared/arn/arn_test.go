package arn

import "testing"

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		arn, typ string
		n        int
	}{
		{Default.StateMachine("sm"), "stateMachine", 1},
		{Default.Execution("sm", "ex"), "execution", 2},
		{Default.Activity("act"), "activity", 1},
	}
	for _, tt := range tests {
		p, err := Parse(tt.arn)
		if err != nil {
			t.Fatalf("%s: %v", tt.arn, err)
		}
		if p.Type != tt.typ || len(p.Resource) != tt.n || p.Scope != Default {
			t.Errorf("%s: got %+v", tt.arn, p)
		}
	}
}

func TestParseRejects(t *testing.T) {
	for _, s := range []string{"", "arn:aws:s3:::bucket", "arn:aws:states:us-east-1:1:stateMachine:", "foo"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q): want error", s)
		}
	}
}
