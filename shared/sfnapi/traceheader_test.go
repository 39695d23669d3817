package sfnapi_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
)

// AWS echoes the trace header given at start in DescribeExecution (and in
// StartSyncExecution's answer); without one, the member is absent.
func TestTraceHeader_Echoed(t *testing.T) {
	const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	for _, tc := range []struct{ name, header string }{{"given", header}, {"absent", ""}} {
		t.Run(tc.name, func(t *testing.T) {
			in := &sfn.StartExecutionInput{StateMachineArn: aws.String(smArn), Name: aws.String(tc.name)}
			if tc.header != "" {
				in.TraceHeader = aws.String(tc.header)
			}
			out, err := e.client.StartExecution(ctx(), in)
			mustNil(t, err, "start")
			if got := e.rt.starts[len(e.rt.starts)-1].TraceHeader; got != tc.header {
				t.Fatalf("runtime got trace header %q", got)
			}
			d, err := e.client.DescribeExecution(ctx(), &sfn.DescribeExecutionInput{ExecutionArn: out.ExecutionArn})
			mustNil(t, err, "describe")
			if (tc.header == "") != (d.TraceHeader == nil) || aws.ToString(d.TraceHeader) != tc.header {
				t.Fatalf("describe traceHeader %v", d.TraceHeader)
			}
		})
	}
	express := e.mustCreate(t, "ex", "EXPRESS", passDef)
	out, err := e.client.StartSyncExecution(ctx(), &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(express), TraceHeader: aws.String(header)})
	mustNil(t, err, "start sync")
	if aws.ToString(out.TraceHeader) != header {
		t.Fatalf("sync traceHeader %v", out.TraceHeader)
	}
}
