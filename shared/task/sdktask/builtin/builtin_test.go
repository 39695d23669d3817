package builtin

import (
	"os"
	"strings"
	"testing"
)

// TestServices_MatchList fails when services.txt was edited without
// running go generate: the generated services must be its lines, in order,
// with their error prefixes.
func TestServices_MatchList(t *testing.T) {
	src, err := os.ReadFile("services.txt")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, line := range strings.Split(string(src), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if f := strings.Fields(line); len(f) >= 3 {
			want = append(want, f[0]+" "+f[1])
		}
	}
	var got []string
	for _, s := range Services() {
		got = append(got, s.Name+" "+s.Prefix)
		if len(s.Operations) == 0 || s.Client == nil {
			t.Errorf("%s has no operations or no client", s.Name)
		}
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("generated services %v, services.txt lists %v: run go generate ./shared/task/sdktask/builtin", got, want)
	}
}
