package validate

import "testing"

func TestRules_HTTPTaskHeaders(t *testing.T) {
	const conn = `"Authentication":{"ConnectionArn":"arn:aws:events:us-east-1:123456789012:connection/c/1"}`
	task := func(params string) string {
		return one(`{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Parameters":{"ApiEndpoint":"https://x","Method":"GET",` + conn + params + `},"End":true}`)
	}
	runRules(t, []ruleCase{
		{"authorization", task(`,"Headers":{"Authorization":"x"}`), false, schema,
			"The 'Headers' field contains unsupported values: [authorization]", "/States/S/Parameters"},
		{"several, prefixes", task(`,"Headers":{"ok":"1","Host":"h","X-Amz-Date":"d","x-forwarded-for":"f"}`), false, schema,
			"The 'Headers' field contains unsupported values: [host, x-amz-date, x-forwarded-for]", "/States/S/Parameters"},
		{"jsonata arguments", jsonata(`{"Type":"Task","Resource":"arn:aws:states:::http:invoke","Arguments":{"ApiEndpoint":"https://x","Method":"GET",` + conn + `,"Headers":{"TE":"x"}},"End":true}`), false, schema,
			"The 'Headers' field contains unsupported values: [te]", "/States/S/Arguments"},
	})
	for _, ok := range []string{
		task(`,"Headers":{"Content-Type":"application/json","X-Api-Key":"k"}`),
		task(`,"Headers.$":"$.headers"`),
	} {
		if ds := Definition([]byte(ok), Options{}); HasErrors(ds) {
			t.Errorf("%s: unexpected %v", ok, ds)
		}
	}
}

func TestForbiddenHTTPHeader(t *testing.T) {
	tests := map[string]bool{
		"Authorization": true, "host": true, "X-Amzn-Trace-Id": true, "x-amz-": true,
		"X-Forwarded-Host": true, "Content-Type": false, "X-Api-Key": false, "Amz-Foo": false,
		"Accept": false, "Range": false, "User-Agent": false,
	}
	for name, want := range tests {
		if got := ForbiddenHTTPHeader(name); got != want {
			t.Errorf("ForbiddenHTTPHeader(%q) = %v, want %v", name, got, want)
		}
	}
}
