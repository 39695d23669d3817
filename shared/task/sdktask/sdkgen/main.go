// Command sdkgen writes the adapters of the AWS SDK integration: for each
// service of a list (ARN name, error prefix, aws-sdk-go-v2 package), one Go
// file that maps every apiAction to a typed call of the service's client
// and lists the service's union types. It reads the SDK's source, so a
// service is added by listing it, `go get`-ting its module and running
// `go generate ./shared/task/sdktask/builtin`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// entry is one line of the service list: ARN name, error prefix, package
// and, optionally, the only apiActions to build in (all when empty).
type entry struct {
	name, prefix, pkg string
	only              map[string]bool
}

func main() {
	list := flag.String("list", "services.txt", "service list: <arn name> <error prefix> <aws-sdk-go-v2 package> [<apiAction>,…] per line")
	out := flag.String("out", ".", "directory of the generated files")
	catalog := flag.String("catalog", "", "file of package validate to write the catalog of every apiAction to (none when empty)")
	flag.Parse()
	entries, err := readList(*list)
	if err != nil {
		log.Fatal(err)
	}
	if err := removeGenerated(*out); err != nil {
		log.Fatal(err)
	}
	var all []*service
	for _, e := range entries {
		dir, err := packageDir(e.pkg)
		if err != nil {
			log.Fatal(err)
		}
		svc, err := scan(e, dir)
		if err != nil {
			log.Fatalf("%s: %v", e.pkg, err)
		}
		if err := write(filepath.Join(*out, "zz_"+e.name+".go"), svc.source()); err != nil {
			log.Fatal(err)
		}
		all = append(all, svc)
	}
	if *catalog != "" {
		if err := write(*catalog, catalogSource(all)); err != nil {
			log.Fatal(err)
		}
	}
	if err := write(filepath.Join(*out, "zz_services.go"), registry(entries)); err != nil {
		log.Fatal(err)
	}
}

func readList(path string) ([]entry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var entries []entry
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 3 && len(fields) != 4 {
			return nil, fmt.Errorf("%s:%d: want <arn name> <error prefix> <package> [<apiAction>,…]", path, n)
		}
		e := entry{name: fields[0], prefix: fields[1], pkg: fields[2]}
		if len(fields) == 4 {
			e.only = map[string]bool{}
			for _, a := range strings.Split(fields[3], ",") {
				e.only[a] = true
			}
		}
		entries = append(entries, e)
	}
	return entries, sc.Err()
}

// packageDir is where the go command finds pkg for this module.
func packageDir(pkg string) (string, error) {
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", pkg).Output()
	if err != nil {
		return "", fmt.Errorf("go list %s (is its module required in go.mod?): %w", pkg, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// removeGenerated deletes earlier output, so that a service taken off the
// list leaves nothing behind.
func removeGenerated(dir string) error {
	old, err := filepath.Glob(filepath.Join(dir, "zz_*.go"))
	if err != nil {
		return err
	}
	for _, f := range old {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}
