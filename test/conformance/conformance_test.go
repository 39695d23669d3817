package conformance

import (
	"bufio"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// knownFailuresFile lists cases that do not pass yet, one name a line. The
// test fails on any other failure, and on a listed case that now passes, so
// the list can only shrink.
const knownFailuresFile = "known_failures.txt"

func TestConformance(t *testing.T) {
	dir := CorpusDir(filepath.Join("..", ".."))
	cases, err := LoadCases(dir)
	if err != nil {
		t.Fatalf("load corpus from %s: %v", dir, err)
	}
	if len(cases) == 0 {
		t.Fatalf("no cases found in %s", dir)
	}
	known := readKnown(t)
	passed, failed := 0, 0
	for _, c := range cases {
		diffs := runCase(c)
		if len(diffs) == 0 {
			passed++
			if known[c.File] {
				t.Errorf("%s passes now: remove it from %s", c.File, knownFailuresFile)
			}
			continue
		}
		failed++
		if !known[c.File] {
			t.Errorf("%s (%s):\n%s", c.File, c.Name, strings.Join(diffs, "\n"))
		} else if testing.Verbose() {
			t.Logf("known failure %s:\n%s", c.File, strings.Join(diffs, "\n"))
		}
	}
	t.Logf("conformance: %d passed, %d failed", passed, failed)
	os.Stdout.WriteString("conformance: " + itoa(passed) + " passed, " + itoa(failed) + " failed\n")
}

func runCase(c Case) (diffs []string) {
	defer func() {
		if r := recover(); r != nil {
			diffs = []string{"panic: " + strings.TrimSpace(strings.Split(sprint(r), "\n")[0])}
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	res, err := Run(ctx, c)
	if err != nil {
		return []string{"run error: " + err.Error()}
	}
	return Check(c, res)
}

func readKnown(t *testing.T) map[string]bool {
	known := map[string]bool{}
	f, err := os.Open(knownFailuresFile)
	if os.IsNotExist(err) {
		return known
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		known[strings.Fields(line)[0]] = true
	}
	return known
}

func TestConformanceInvalid(t *testing.T) {
	dir := CorpusDir(filepath.Join("..", ".."))
	cases, err := LoadInvalidCases(dir)
	if err != nil {
		t.Fatalf("load invalid corpus: %v", err)
	}
	if len(cases) == 0 {
		t.Fatalf("no invalid cases in %s", dir)
	}
	passed, failed := 0, 0
	for _, c := range cases {
		if diffs := CheckInvalid(c); len(diffs) > 0 {
			failed++
			t.Errorf("%s: %s", c.File, strings.Join(diffs, "; "))
			continue
		}
		passed++
	}
	os.Stdout.WriteString("conformance invalid definitions: " + itoa(passed) + " passed, " + itoa(failed) + " failed\n")
}

// TestConformanceDurable runs the corpus on the durable runner, plainly and
// with every message delivered twice in a random order.
func TestConformanceDurable(t *testing.T) {
	cases, err := LoadCases(CorpusDir(filepath.Join("..", "..")))
	if err != nil || len(cases) == 0 {
		t.Fatalf("load corpus: %v (%d cases)", err, len(cases))
	}
	modes := []struct {
		name   string
		faults func() Faults
	}{
		{"durable", func() Faults { return Faults{} }},
		{"durable+duplicates+shuffle", func() Faults { return Faults{Duplicate: true, Shuffle: rand.New(rand.NewPCG(7, 9))} }},
		{"durable+batches+duplicates+shuffle", func() Faults {
			return Faults{Batches: true, Duplicate: true, Shuffle: rand.New(rand.NewPCG(11, 13))}
		}},
	}
	for _, mode := range modes {
		if testing.Short() && mode.name != "durable" {
			continue
		}
		passed, failed := 0, 0
		for _, c := range cases {
			res, err := RunDurable(context.Background(), c, mode.faults())
			var diffs []string
			if err != nil {
				diffs = []string{"run error: " + err.Error()}
			} else {
				diffs = Check(c, res)
			}
			if len(diffs) > 0 {
				failed++
				t.Errorf("%s %s:\n%s", mode.name, c.File, strings.Join(diffs, "\n"))
				continue
			}
			passed++
		}
		os.Stdout.WriteString("conformance " + mode.name + ": " + itoa(passed) + " passed, " + itoa(failed) + " failed\n")
	}
}
