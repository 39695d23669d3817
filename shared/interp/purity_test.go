package interp

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// purePackages are the layers that must stay free of I/O, clocks,
// randomness and goroutines (see ARCHITECTURE.md).
var purePackages = []string{"jsonval", "jsonpath", "intrinsic", "jsonata", "asl", "history", "interp", "validate", "arn"}

func TestPureCore_Dependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	// net/url and net/netip only parse strings (the JSONata library's
	// $encodeUrl needs them); every other net package does I/O.
	allowed := map[string]bool{"net/url": true, "net/netip": true}
	for _, dep := range strings.Fields(string(out)) {
		if allowed[dep] {
			continue
		}
		if strings.HasPrefix(dep, "github.com/aws/") || dep == "net" || strings.HasPrefix(dep, "net/") || dep == "os/exec" {
			t.Errorf("interp depends on %s", dep)
		}
	}
}

func TestPureCore_NoClockRandomOrGoroutines(t *testing.T) {
	forbidden := map[string]bool{"time.Now": true, "time.Sleep": true, "time.Since": true, "time.Until": true, "time.After": true, "time.NewTimer": true}
	for _, pkg := range purePackages {
		files, _ := filepath.Glob(filepath.Join("..", pkg, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, f, nil, 0)
			if err != nil {
				t.Fatalf("parse %s: %v", f, err)
			}
			for _, imp := range file.Imports {
				p := strings.Trim(imp.Path.Value, `"`)
				if p == "math/rand" || p == "math/rand/v2" || p == "os" || p == "net" || strings.HasPrefix(p, "net/") {
					t.Errorf("%s imports %s", f, p)
				}
			}
			ast.Inspect(file, func(n ast.Node) bool {
				switch x := n.(type) {
				case *ast.GoStmt:
					t.Errorf("%s: go statement at %s", f, fset.Position(x.Pos()))
				case *ast.SelectorExpr:
					if id, ok := x.X.(*ast.Ident); ok && forbidden[id.Name+"."+x.Sel.Name] {
						t.Errorf("%s: %s.%s at %s", f, id.Name, x.Sel.Name, fset.Position(x.Pos()))
					}
				}
				return true
			})
		}
	}
}
