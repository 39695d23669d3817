package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/stepwise/stepwise/shared/validate"
)

// service is what sdkgen learns of one SDK package.
type service struct {
	entry
	ops        []string            // operation (method) names built in, sorted
	all        []string            // every apiAction Step Functions can call, sorted
	unions     map[string][]string // union interface → member type names
	document   bool                // has a document package
	pathStyle  bool                // Options has UsePathStyle (S3)
	headerMaps []string            // "<Output>.<Member>" bound to a header prefix
	required   []string            // required response members (see scanRequired)
}

func scan(e entry, dir string) (*service, error) {
	s := &service{entry: e, unions: map[string][]string{}}
	files, err := filepath.Glob(filepath.Join(dir, "api_op_*.go"))
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name, ok, err := operation(f)
		if err != nil {
			return nil, err
		}
		if !ok || validate.UnsupportedSDKAction(e.name, lowerFirst(name)) {
			continue
		}
		s.all = append(s.all, lowerFirst(name))
		if e.only == nil || e.only[lowerFirst(name)] {
			s.ops = append(s.ops, name)
		}
	}
	for a := range e.only {
		if !slices.Contains(s.ops, upperFirst(a)) {
			return nil, fmt.Errorf("%s has no apiAction %q that can be built in", e.name, a)
		}
	}
	sort.Strings(s.ops)
	sort.Strings(s.all)
	if err := s.scanUnions(filepath.Join(dir, "types", "types.go")); err != nil {
		return nil, err
	}
	_, err = os.Stat(filepath.Join(dir, "document", "document.go"))
	s.document = err == nil
	opts, err := os.ReadFile(filepath.Join(dir, "options.go"))
	if err != nil {
		return nil, err
	}
	s.pathStyle = strings.Contains(string(opts), "\tUsePathStyle bool")
	if err := s.scanRequired(dir); err != nil {
		return nil, err
	}
	return s, s.scanHeaderMaps(filepath.Join(dir, "deserializers.go"))
}

// operation reads one api_op_<Name>.go: the client method <Name>, unless
// its output is an event stream (streaming APIs are not available to
// workflows in Step Functions either).
func operation(path string) (string, bool, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return "", false, err
	}
	name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(path), "api_op_"), ".go")
	found, stream := false, false
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 {
			continue
		}
		switch recv := receiverName(fn.Recv.List[0].Type); {
		case recv == "Client" && fn.Name.Name == name:
			found = true
		case recv == name+"Output" && fn.Name.Name == "GetStream":
			stream = true
		}
	}
	return name, found && !stream, nil
}

// scanUnions finds the members of each union: types with a marker method
// is<Union>() named <Union>Member<Name>.
func (s *service) scanUnions(path string) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Recv == nil || len(fn.Recv.List) != 1 || !strings.HasPrefix(fn.Name.Name, "is") {
			continue
		}
		iface, member := fn.Name.Name[2:], receiverName(fn.Recv.List[0].Type)
		if strings.HasPrefix(member, iface+"Member") {
			s.unions[iface] = append(s.unions[iface], member)
		}
	}
	return nil
}

func receiverName(e ast.Expr) string {
	if star, ok := e.(*ast.StarExpr); ok {
		e = star.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

var (
	bindingsFunc = regexp.MustCompile(`^func aws\w*_deserializeOpHttpBindings\w*\(v \*(\w+),`)
	prefixMap    = regexp.MustCompile(`^\t+v\.(\w+) = map\[string\]string\{\}$`)
)

// scanHeaderMaps finds the response members that the deserializers fill
// from prefixed headers (for headerKey … lenPrefix … v.<M> = map…).
func (s *service) scanHeaderMaps(path string) error {
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil // JSON protocols bind no headers
	}
	if err != nil {
		return err
	}
	output, inPrefix := "", false
	for _, line := range strings.Split(string(src), "\n") {
		if m := bindingsFunc.FindStringSubmatch(line); m != nil {
			output, inPrefix = m[1], false
		}
		if strings.Contains(line, "lenPrefix := len(") {
			inPrefix = true
		}
		if m := prefixMap.FindStringSubmatch(line); m != nil && inPrefix && output != "" {
			s.headerMaps = append(s.headerMaps, output+"."+m[1])
			inPrefix = false
		}
	}
	sort.Strings(s.headerMaps)
	return nil
}
