package resultwriter_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/mockconfig"
	"github.com/stepwise/stepwise/shared/resultwriter"
	"github.com/stepwise/stepwise/shared/task/mocktask"
)

// TestWrite_NotMocked: a mock configuration's response for the Map state
// answers its reader, not its writer.
func TestWrite_NotMocked(t *testing.T) {
	root, inv := folder(t)
	cfg, err := mockconfig.Parse([]byte(`{"StateMachines":{"sm":{"TestCases":{"T":{"M":"Items"}}}},
		"MockedResponses":{"Items":{"0":{"Return":[1,2]}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	mocked, err := mocktask.New(cfg, "sm", "T", inv)
	if err != nil {
		t.Fatal(err)
	}
	run := resultwriter.Run{MapRunArn: runArn, State: "M", Config: export("COMPACT", "JSON")}
	if _, err := resultwriter.Write(context.Background(), mocked, run, resultwriter.Slice([]resultwriter.Child{docChild("a", "7")})); err != nil {
		t.Fatal(err)
	}
	if got := read(t, root, "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/SUCCEEDED_0.json"); got != "[7]" || mocked.Calls("M") != 0 {
		t.Fatalf("SUCCEEDED_0.json = %s, mock calls %d", got, mocked.Calls("M"))
	}
}

// TestWrite_Redrive: a redrive writes beside the first attempt and its
// manifest lists every attempt's successes but only its own failures.
func TestWrite_Redrive(t *testing.T) {
	root, inv := folder(t)
	failed := resultwriter.Child{ExecutionArn: "arn:x:b", Status: "FAILED", Error: "E"}
	first, err := resultwriter.Write(context.Background(), inv, resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON")},
		resultwriter.Slice([]resultwriter.Child{docChild("a", out1), failed}))
	if err != nil {
		t.Fatal(err)
	}
	run := resultwriter.Run{MapRunArn: runArn, Config: export("NONE", "JSON"), Redrive: 1, Succeeded: first.Succeeded}
	second, err := resultwriter.Write(context.Background(), inv, run, resultwriter.Slice([]resultwriter.Child{docChild("b", out2)}))
	if err != nil {
		t.Fatal(err)
	}
	base := "csvJobs/da4e9fc7-abab-3b27-9a77-a277e463b709/"
	if got := jsonval.String(second.Value); !strings.Contains(got, `"Key":"`+base+`Redrive-1/manifest.json"`) || len(second.Succeeded) != 2 {
		t.Fatalf("output %s, %d succeeded files", got, len(second.Succeeded))
	}
	m := read(t, root, base+"Redrive-1/manifest.json")
	want := `"ResultFiles":{"FAILED":[],"PENDING":[],"SUCCEEDED":[{"Key":"` + base + `SUCCEEDED_0.json","Size":` + size(read(t, root, base+"SUCCEEDED_0.json")) +
		`},{"Key":"` + base + `Redrive-1/SUCCEEDED_0.json","Size":` + size(read(t, root, base+"Redrive-1/SUCCEEDED_0.json")) + `}]}`
	if !strings.Contains(m, want) {
		t.Fatalf("manifest %s\nwant %s", m, want)
	}
}
