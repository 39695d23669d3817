package hostile

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

const historyCause = "The execution reached the maximum number of history events (25000)."

// Issue 9 item 4: runaway workflows end on AWS's history quota (25,000
// events, States.Runtime) or the fan-out quota, with memory bounded.
// Before the quotas the two loops passed 3 GB within 40 s, and a Map of a
// million items took 760 MB. The bounds leave room above the binary's own
// baseline (40–75 MiB with the SDK clients, more under a loaded machine).
func TestRunawayWorkflowsHitTheQuotas(t *testing.T) {
	loop := `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"End"}],"Default":"P"},
		"End":{"Type":"Succeed"}}}`
	retry := `{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:000000000000:function:f",
		"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":99999999,"IntervalSeconds":1,"BackoffRate":1}],"End":true}}}`
	inlineMap := func(n string) string {
		return `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [0..` + n + `] %}",
			"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	}
	cases := []struct {
		hostileCase
		cause string
	}{
		{hostileCase{name: "Pass/Choice loop", definition: loop,
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 150}, historyCause},
		{hostileCase{name: "retry loop without waits", definition: retry, args: []string{"--wait-scale", "0"},
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 150}, historyCause},
		{hostileCase{name: "inline Map of a million items (payload quota raised to take them)",
			definition: `{"StartAt":"M","States":{"M":{"Type":"Map",
				"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`,
			input: "[" + strings.Repeat("0,", 999_999) + "0]", args: []string{"--limits", "payload-bytes=8000000"},
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 250},
			"The state would start 1000000 iterations or branches, more than the maximum of 12500."},
		{hostileCase{name: "a million iterations as a Map of Maps", definition: `{"QueryLanguage":"JSONata","StartAt":"M","States":{
			"M":{"Type":"Map","Items":"{% [0..999] %}","End":true,"ItemProcessor":{"StartAt":"N","States":{
			"N":{"Type":"Map","Items":"{% [0..999] %}","End":true,"ItemProcessor":{"StartAt":"P","States":{
			"P":{"Type":"Pass","End":true}}}}}}}}}`,
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 150}, historyCause},
		{hostileCase{name: "inline Map within the fan-out quota, beyond the history quota", definition: inlineMap("12499"),
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 200}, historyCause},
		{hostileCase{name: "a configured quota (--limits)", definition: loop, args: []string{"--limits", "history-events=50"},
			wantStatus: "FAILED", wantError: "States.Runtime", maxRSSMiB: 150},
			"The execution reached the maximum number of history events (50)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if r := runCase(t, c.hostileCase); !strings.HasSuffix(r.Cause, c.cause) {
				t.Errorf("cause %q, want it to end %q", r.Cause, c.cause)
			}
		})
	}
}

// Issue 9 item 5: input nested beyond the depth quota is refused at the
// start (exit 2, as for invalid JSON) instead of becoming a state the
// runner cannot read back.
func TestTooDeepInputIsRefused(t *testing.T) {
	dir := t.TempDir()
	def := writeFile(t, dir, "definition.json", `{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`)
	in := writeFile(t, dir, "input.json", strings.Repeat("[", 10_000)+strings.Repeat("]", 10_000))
	cmd := exec.Command(binary, "run", "--definition", def, "--input", in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 || stdout.Len() != 0 {
		t.Fatalf("exit %v, stdout %q: want exit 2 and nothing on stdout", err, stdout.String())
	}
	if want := "Document nesting depth (1001) exceeds the maximum allowed (1000)"; !strings.Contains(stderr.String(), want) {
		t.Fatalf("stderr %q lacks %q", stderr.String(), want)
	}
}

func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Issue 9 items 4 and 5 through `stepwise serve`: runaway Standard and
// Express executions end on the history quota while an ordinary execution
// keeps moving, too-deep input is refused with AWS's error, and the
// process's memory stays bounded.
func TestServeQuotas(t *testing.T) {
	s := startServe(t, "--wait-scale", "0")
	ctx := context.Background()
	loop := `{"StartAt":"P","States":{"P":{"Type":"Pass","Next":"C"},
		"C":{"Type":"Choice","Choices":[{"Variable":"$.done","IsPresent":true,"Next":"End"}],"Default":"P"},
		"End":{"Type":"Succeed"}}}`
	// 12,500 iterations, four events each: the history quota, not the
	// fan-out one, stops it.
	wideMap := `{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","Items":"{% [0..12499] %}",
		"ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}`
	normal := `{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":1,"Next":"Done"},"Done":{"Type":"Pass","Result":"ok","End":true}}}`

	var runaway []string
	for name, def := range map[string]string{"loop": loop, "wide-map": wideMap} {
		runaway = append(runaway, s.start(t, s.create(t, name, def, types.StateMachineTypeStandard)))
	}
	good := s.start(t, s.create(t, "normal", normal, types.StateMachineTypeStandard))
	if d := s.await(t, good, time.Minute); d.Status != types.ExecutionStatusSucceeded {
		t.Errorf("ordinary execution: %s, want SUCCEEDED", d.Status)
	}
	for _, arn := range runaway {
		d := s.await(t, arn, 2*time.Minute)
		if d.Status != types.ExecutionStatusFailed || aws.ToString(d.Error) != "States.Runtime" || aws.ToString(d.Cause) != historyCause {
			t.Errorf("%s: %s %s %q, want FAILED States.Runtime %q", arn, d.Status, aws.ToString(d.Error), aws.ToString(d.Cause), historyCause)
		}
	}
	sync, err := s.client.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{StateMachineArn: aws.String(s.create(t, "sync-loop", loop, types.StateMachineTypeExpress))})
	if err != nil {
		t.Fatalf("StartSyncExecution: %v", err)
	}
	if sync.Status != types.SyncExecutionStatusFailed || aws.ToString(sync.Error) != "States.Runtime" || aws.ToString(sync.Cause) != historyCause {
		t.Errorf("StartSyncExecution: %s %s %q", sync.Status, aws.ToString(sync.Error), aws.ToString(sync.Cause))
	}

	deep := aws.String(strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000))
	_, err = s.client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String(s.create(t, "deep", normal, types.StateMachineTypeStandard)), Input: deep})
	var invalid *types.InvalidExecutionInput
	if !errors.As(err, &invalid) || !strings.Contains(aws.ToString(invalid.Message), "Document nesting depth (1001) exceeds the maximum allowed (1000)") {
		t.Errorf("StartExecution with 10,000 levels: %v, want InvalidExecutionInput", err)
	}

	rss := s.peakRSSMiB(t)
	t.Logf("serve peak RSS %d MiB", rss)
	if bound := rssBound(t, 200); rss > bound {
		t.Errorf("serve peak RSS %d MiB, over its bound of %d MiB", rss, bound)
	}
}
