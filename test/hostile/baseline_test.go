package hostile

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
)

// boundsBaselineMiB is the peak RSS of a one-state `stepwise run` when the
// stated bounds were set. The bounds limit what a hostile input makes the
// process take, so they move with the binary's own baseline: linking more
// SDK clients maps more of the binary (file-backed pages that are not the
// input's doing) and must not fail these tests, while every MiB an attack
// adds above the baseline still counts.
const boundsBaselineMiB = 45

var (
	baselineOnce sync.Once
	baselineMiB  int
)

// rssBound is a stated bound shifted by how far the binary's baseline has
// grown since the bounds were set (never below the stated bound).
func rssBound(t *testing.T, statedMiB int) int {
	t.Helper()
	baselineOnce.Do(func() { baselineMiB = measureBaseline(t) })
	if grown := baselineMiB - boundsBaselineMiB; grown > 0 {
		return statedMiB + grown
	}
	return statedMiB
}

// measureBaseline runs a one-state Pass and returns its peak RSS.
func measureBaseline(t *testing.T) int {
	t.Helper()
	def := filepath.Join(t.TempDir(), "pass.json")
	if err := os.WriteFile(def, []byte(`{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary, "run", "--definition", def)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("baseline run: %v\n%s", err, out)
	}
	mib := int(cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024)
	t.Logf("baseline: a one-state run peaks at %d MiB", mib)
	return mib
}
