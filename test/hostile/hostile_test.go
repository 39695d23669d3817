// Package hostile runs definitions and inputs written as an attacker would
// through the real `stepwise` binary and checks that the process survives,
// that the execution ends with the documented error, and that its peak
// memory (RSS) stays under a stated bound. One file per kind of attack adds
// its cases to the table through hostileCase.
package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// binary is the stepwise command built once for the package.
var binary string

func TestMain(m *testing.M) {
	os.Exit(func() int {
		dir, err := os.MkdirTemp("", "stepwise-hostile-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "stepwise")
		build := exec.Command("go", "build", "-o", binary, "./functions/stepwise")
		build.Dir = mustRoot()
		if out, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "building stepwise: %v\n%s", err, out)
			return 1
		}
		return m.Run()
	}())
}

// mustRoot is the repository root: the directory of go.mod.
func mustRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		panic(fmt.Sprintf("go env GOMOD: %v", err))
	}
	return filepath.Dir(string(bytes.TrimSpace(out)))
}

// hostileCase is one attack run with `stepwise run`.
type hostileCase struct {
	name       string
	definition string
	input      string
	args       []string // extra flags, e.g. --wait-scale 0
	wantStatus string
	wantError  string // "" when the execution must succeed
	maxRSSMiB  int    // peak RSS bound of the whole process (see rssBound)
}

// result is what `stepwise run` printed, plus the process's peak RSS.
type result struct {
	Status string          `json:"status"`
	Error  string          `json:"error"`
	Cause  string          `json:"cause"`
	Output json.RawMessage `json:"output"`
	rssMiB int
}

// runCase runs c and checks its outcome and memory bound.
func runCase(t *testing.T, c hostileCase) result {
	t.Helper()
	dir := t.TempDir()
	def := filepath.Join(dir, "definition.json")
	if err := os.WriteFile(def, []byte(c.definition), 0o600); err != nil {
		t.Fatal(err)
	}
	input := c.input
	if input == "" {
		input = "{}"
	}
	in := filepath.Join(dir, "input.json")
	if err := os.WriteFile(in, []byte(input), 0o600); err != nil {
		t.Fatal(err)
	}
	// The bound is generous: a hostile case either ends in seconds or is
	// the bug this package exists to catch.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"run", "--definition", def, "--input", in}, c.args...)
	cmd := exec.CommandContext(ctx, binary, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: still running after 2 minutes (killed)", c.name)
	}
	if err != nil {
		t.Fatalf("%s: stepwise run: %v\nstderr: %.2000s", c.name, err, stderr.String())
	}
	var r result
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("%s: output is not one JSON object: %v\n%.2000s", c.name, err, stdout.String())
	}
	r.rssMiB = int(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024)
	t.Logf("%s: %s %s, peak RSS %d MiB", c.name, r.Status, r.Error, r.rssMiB)
	if r.Status != c.wantStatus || r.Error != c.wantError {
		t.Errorf("%s: status %s error %q (cause %.300q), want %s %q", c.name, r.Status, r.Error, r.Cause, c.wantStatus, c.wantError)
	}
	if bound := rssBound(t, c.maxRSSMiB); r.rssMiB > bound {
		t.Errorf("%s: peak RSS %d MiB, over its bound of %d MiB", c.name, r.rssMiB, bound)
	}
	return r
}

// runCases runs a table of cases as subtests.
func runCases(t *testing.T, cases []hostileCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { runCase(t, c) })
	}
}
