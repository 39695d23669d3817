package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGraph_Command(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "history.json")
	events := `{"events":[{"id":1,"previousEventId":0,"type":"ExecutionStarted"},` +
		`{"id":2,"previousEventId":0,"type":"PassStateEntered","stateEnteredEventDetails":{"name":"RecordOrder"}}]}`
	if err := os.WriteFile(hist, []byte(events), 0o600); err != nil {
		t.Fatal(err)
	}
	def := sample("order-processing", "definition.asl.json")
	tests := []struct {
		name string
		args []string
		code int
		want string // in stdout, or in stderr when code != 0
	}{
		{"default svg", []string{def}, exitOK, ">Parallel: FulfilOrder</text>"},
		{"dot", []string{def, "--format", "dot"}, exitOK, "subgraph cluster_"},
		{"mermaid", []string{"--format", "mermaid", def}, exitOK, "flowchart TB"},
		{"coloured", []string{def, "--format", "dot", "--execution-history", hist}, exitOK, `RecordOrder\nPass\n▶ running`},
		{"bad format", []string{def, "--format", "png"}, exitUsage, `--format must be svg, dot or mermaid, not "png"`},
		{"no file", []string{}, exitUsage, "graph takes exactly one definition file"},
		{"unreadable", []string{filepath.Join(dir, "missing.json")}, exitUsage, "cannot read definition"},
		{"invalid", []string{hist}, exitUsage, "invalid definition"},
		{"timeout", []string{def, "--timeout", "1ns"}, exitUsage, "the layout did not finish within 1ns (--timeout)"},
		{"bad history", []string{def, "--execution-history", def}, exitUsage, `no "events" or "history" array`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append([]string{"graph"}, tt.args...), &out, &errOut)
			got := out.String()
			if code != exitOK {
				got = errOut.String()
			}
			if code != tt.code || !strings.Contains(got, tt.want) {
				t.Errorf("code %d (want %d); output lacks %q:\n%.2000s", code, tt.code, tt.want, got)
			}
		})
	}
}
