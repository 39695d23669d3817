package interp

import "testing"

// Credentials is evaluated as Parameters (JSONPath, over the effective
// input) or Arguments (JSONata) are, and handed to the invoker.
func TestStep_TaskCredentials(t *testing.T) {
	tests := []struct{ name, state, input, want string }{
		{"literal", `"Credentials":{"RoleArn":"arn:aws:iam::111122223333:role/r"}`, `{}`,
			`{"RoleArn":"arn:aws:iam::111122223333:role/r"}`},
		{"path over the effective input", `"InputPath":"$.in","Credentials":{"RoleArn.$":"$.role"}`,
			`{"in":{"role":"arn:aws:iam::111122223333:role/p"}}`, `{"RoleArn":"arn:aws:iam::111122223333:role/p"}`},
		{"intrinsic over the context object", `"Credentials":{"RoleArn.$":"States.Format('arn:aws:iam::111122223333:role/{}', $$.StateMachine.Name)"}`,
			`{}`, `{"RoleArn":"arn:aws:iam::111122223333:role/sm"}`},
		{"jsonata", `"QueryLanguage":"JSONata","Credentials":{"RoleArn":"{% 'arn:aws:iam::' & $states.input.account & ':role/j' %}"}`,
			`{"account":"444455556666"}`, `{"RoleArn":"arn:aws:iam::444455556666:role/j"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := compile(t, `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:listBuckets",`+tt.state+`,"End":true}}}`)
			d := step(t, m, record(t, m, "T", tt.input), Enter{})
			inv, ok := d.Action.(Invoke)
			if !ok || jsonOf(inv.Task.Credentials) != tt.want {
				t.Fatalf("action %#v, want credentials %s", d.Action, tt.want)
			}
		})
	}
}
