package httptask

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/task"
)

func TestTrace(t *testing.T) {
	srv := newAPIServer(t)
	inv := New(Options{Connections: testConnections(srv.URL + "/token"), Region: "us-east-1"})
	r := req(srv.URL, `{"ApiEndpoint":"{{URL}}/echo","Method":"POST","Authentication":{"ConnectionArn":"`+arnKey+`"},"RequestBody":{"a":1}}`)
	for _, reveal := range []bool{false, true} {
		var got []task.HTTPExchange
		ctx := task.WithHTTPTracer(context.Background(), &task.HTTPTracer{RevealSecrets: reveal,
			Record: func(x task.HTTPExchange) { got = append(got, x) }})
		if res, err := inv.Invoke(ctx, r); err != nil || res.Failed {
			t.Fatalf("%+v %v", res, err)
		}
		if len(got) != 1 || got[0].Response == nil {
			t.Fatalf("traced %+v", got)
		}
		q, p := got[0].Request, got[0].Response
		key := "X-Api-Key: <redacted>"
		if reveal {
			key = "X-Api-Key: k-1"
		}
		if q.Protocol != "http" || q.Method != "POST" || q.URL != srv.URL+"/echo?QueryParam=conn" ||
			q.Body != `{"a":1,"BodyParam":"conn"}` || !strings.Contains(q.Headers, key) || !strings.HasPrefix(q.Headers, "[Host: 127.0.0.1:") {
			t.Errorf("reveal %v: request %+v", reveal, q)
		}
		if p.StatusCode != "200" || p.StatusMessage != "OK" || !strings.Contains(p.Headers, "Content-Type: application/json") ||
			!strings.Contains(p.Body, `"method":"POST"`) {
			t.Errorf("response %+v", p)
		}
	}
}
