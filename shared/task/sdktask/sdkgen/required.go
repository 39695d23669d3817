package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// requiredMark is how the SDK documents a member its model requires.
const requiredMark = "This member is required."

// structInfo is one struct of the SDK source: its required members and
// the struct types its members refer to (for reachability).
type structInfo struct {
	required []string
	refs     []string // qualified names ("types.Entry")
}

// scanRequired lists the members the model requires in the responses of
// the operations built in, and in the structures they contain, as
// "<Output>.<Member>" and "types.<Type>.<Member>": what TestState's STRICT
// mock validation checks. Only structures reachable from those responses
// are listed, to keep the binaries small.
func (s *service) scanRequired(dir string) error {
	structs := map[string]structInfo{}
	for _, op := range s.ops {
		if err := collectStructs(filepath.Join(dir, "api_op_"+op+".go"), "", structs); err != nil {
			return err
		}
	}
	if err := collectStructs(filepath.Join(dir, "types", "types.go"), "types.", structs); err != nil && !os.IsNotExist(err) {
		return err
	}
	seen := map[string]bool{}
	var walk func(name string)
	walk = func(name string) {
		info, ok := structs[name]
		if seen[name] || !ok {
			return
		}
		seen[name] = true
		for _, m := range info.required {
			s.required = append(s.required, name+"."+m)
		}
		for _, r := range info.refs {
			walk(r)
		}
	}
	for _, op := range s.ops {
		walk(op + "Output")
	}
	sort.Strings(s.required)
	return nil
}

// collectStructs reads the struct types of one file, named with prefix
// ("types." for the types package).
func collectStructs(path, prefix string, into map[string]structInfo) error {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return err
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, spec := range gd.Specs {
			ts := spec.(*ast.TypeSpec)
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				continue
			}
			into[prefix+ts.Name.Name] = structOf(st, prefix)
		}
	}
	return nil
}

func structOf(st *ast.StructType, prefix string) structInfo {
	var info structInfo
	for _, field := range st.Fields.List {
		if len(field.Names) != 1 || !field.Names[0].IsExported() {
			continue
		}
		if field.Doc != nil && strings.Contains(field.Doc.Text(), requiredMark) {
			info.required = append(info.required, field.Names[0].Name)
		}
		ast.Inspect(field.Type, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "types" {
					info.refs = append(info.refs, "types."+x.Sel.Name)
				}
				return false
			case *ast.Ident:
				if prefix != "" && x.IsExported() {
					info.refs = append(info.refs, prefix+x.Name)
				}
			}
			return true
		})
	}
	return info
}
