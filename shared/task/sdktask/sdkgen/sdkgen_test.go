package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestReadList(t *testing.T) {
	path := filepath.Join(t.TempDir(), "services.txt")
	src := "# comment\n\ns3  S3  github.com/aws/aws-sdk-go-v2/service/s3  getObject,putObject # two\nsqs Sqs github.com/aws/aws-sdk-go-v2/service/sqs\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := readList(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].prefix != "S3" || !got[0].only["putObject"] || got[1].only != nil {
		t.Errorf("readList = %+v", got)
	}
	if err := os.WriteFile(path, []byte("s3 S3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readList(path); err == nil {
		t.Error("a line of two fields was accepted")
	}
}

// TestScan reads the real S3 client: operations by method, event-stream
// and unsupported actions left out, unions and prefixed-header maps found.
func TestScan(t *testing.T) {
	dir, err := packageDir("github.com/aws/aws-sdk-go-v2/service/s3")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scan(entry{name: "s3", prefix: "S3"}, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, op := range []string{"GetObject", "PutObject", "ListObjectsV2", "CreateBucket"} {
		if !slices.Contains(s.ops, op) {
			t.Errorf("operation %s missing", op)
		}
	}
	if slices.Contains(s.ops, "SelectObjectContent") {
		t.Error("SelectObjectContent (an event stream Step Functions does not support) was built in")
	}
	if !slices.Contains(s.unions["ObjectEncryption"], "ObjectEncryptionMemberSSEKMS") {
		t.Errorf("unions = %v", s.unions)
	}
	if !slices.Contains(s.headerMaps, "GetObjectOutput.Metadata") || !s.pathStyle {
		t.Errorf("headerMaps = %v, pathStyle = %v", s.headerMaps, s.pathStyle)
	}
	only, err := scan(entry{name: "s3", prefix: "S3", only: map[string]bool{"getObject": true}}, dir)
	if err != nil || !slices.Equal(only.ops, []string{"GetObject"}) {
		t.Errorf("scan with one action = %v, %v", only.ops, err)
	}
	if !slices.Contains(only.all, "putObject") || slices.Contains(only.all, "selectObjectContent") || len(only.all) != len(s.all) {
		t.Errorf("the catalog of a one-action line has %d actions, the full line %d", len(only.all), len(s.all))
	}
	if _, err := scan(entry{name: "s3", only: map[string]bool{"getObjects": true}}, dir); err == nil {
		t.Error("an unknown action was accepted")
	}
}

// TestScanRequired reads the real Step Functions client: the required
// members of the built-in operations' responses and of the structures
// they hold, and nothing of the rest.
func TestScanRequired(t *testing.T) {
	dir, err := packageDir("github.com/aws/aws-sdk-go-v2/service/sfn")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		only   map[string]bool
		member string
		want   bool
	}{
		{nil, "StartExecutionOutput.ExecutionArn", true},
		{nil, "StartExecutionOutput.StartDate", true},
		{nil, "types.StateMachineListItem.CreationDate", true},   // in ListStateMachinesOutput
		{nil, "types.HistoryEvent.Timestamp", true},              // in GetExecutionHistoryOutput
		{nil, "DescribeExecutionOutput.Output", false},           // optional
		{nil, "types.Tag.Key", false},                            // optional
		{nil, "types.CloudWatchLogsLogGroup.LogGroupArn", false}, // optional
		{map[string]bool{"startExecution": true}, "StartExecutionOutput.ExecutionArn", true},
		{map[string]bool{"startExecution": true}, "types.StateMachineListItem.CreationDate", false}, // not reachable
	}
	for _, tc := range tests {
		s, err := scan(entry{name: "sfn", prefix: "Sfn", only: tc.only}, dir)
		if err != nil {
			t.Fatal(err)
		}
		if got := slices.Contains(s.required, tc.member); got != tc.want {
			t.Errorf("only %v: %s required = %v, want %v", tc.only, tc.member, got, tc.want)
		}
	}
}

func TestGroupRequired(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{nil, ""},
		{[]string{"AOutput.X"}, "AOutput.X"},
		{[]string{"AOutput.X", "AOutput.Y", "types.Item.Id", "types.Item.Name", "types.Other.Z"}, "AOutput.X,Y types.Item.Id,Name types.Other.Z"},
	}
	for _, tc := range tests {
		if got := groupRequired(tc.in); got != tc.want {
			t.Errorf("groupRequired(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
