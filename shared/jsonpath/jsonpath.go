// Package jsonpath implements the JSONPath dialect of the Amazon States
// Language as AWS Step Functions evaluates it. AWS runs Jayway JsonPath, so
// the syntax, result shapes (definite paths yield one value, indefinite paths
// a list) and "not found" messages follow Jayway.
package jsonpath

import (
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/limits"
)

// Root tells which value a path starts from.
type Root int

const (
	// RootInput is "$...": the state input (or whatever value is evaluated).
	RootInput Root = iota
	// RootContext is "$$...": the context object.
	RootContext
	// RootVariable is "$name...": an ASL variable.
	RootVariable
)

// ErrNotFound is wrapped by every error for a definite path that matched nothing.
var ErrNotFound = errors.New("jsonpath: no match")

// ErrTooComplex is returned when an evaluation visits more than
// limits.PathVisits nodes. The interpreter fails the state with
// States.Runtime, as for any other path that cannot be evaluated.
var ErrTooComplex = fmt.Errorf("the path visits more than %d nodes of its input, Stepwise's evaluation limit", limits.PathVisits)

// ErrNotSettable is wrapped by every Set error.
var ErrNotSettable = errors.New("jsonpath: cannot set")

// Path is a compiled path; it is immutable and safe for concurrent use.
type Path struct {
	text      string
	root      Root
	name      string
	steps     []step
	definite  bool
	reference bool
	// scanFunc marks "$..x.fn()": Jayway rewrites it to fn($..x), so the
	// function sees the list of all matches instead of each match.
	scanFunc bool
	// current marks a filter path rooted at '@' (the node under test).
	current bool
}

// ParseError describes a syntax error; Offset is a byte offset into Path.
type ParseError struct {
	Path   string
	Offset int
	Msg    string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("jsonpath: invalid path %q at offset %d: %s", e.Path, e.Offset, e.Msg)
}

// NotFoundError reports why a definite path matched nothing. Detail is worded
// as Jayway words it (e.g. "No results for path: $['a']"), which AWS embeds
// in States.Runtime causes.
type NotFoundError struct {
	Path   string
	Detail string
}

// Error reads like the AWS cause fragment: "Invalid path '$.a' : No results for path: $['a']".
func (e *NotFoundError) Error() string {
	return "Invalid path '" + e.Path + "' : " + e.Detail
}

// Unwrap makes errors.Is(err, ErrNotFound) hold.
func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// Parse compiles an ASL path. Blanks around the path are ignored, as AWS
// ignores them ("$$.Execution.Name " is a path deployed workflows use).
func Parse(s string) (*Path, error) {
	trimmed := strings.Trim(s, " \t\r\n")
	p := &parser{full: trimmed}
	path, err := p.parsePath(trimmed, 0, false)
	if err != nil {
		return nil, err
	}
	path.text = s
	return path, nil
}

// MustParse is Parse that panics on error; for literals in code and tests.
func MustParse(s string) *Path {
	p, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the original text.
func (p *Path) String() string { return p.text }

// Root tells which root value the path starts from.
func (p *Path) Root() Root { return p.root }

// Name is the variable name for RootVariable paths, "" otherwise.
func (p *Path) Name() string { return p.name }

// IsDefinite reports whether the path selects at most one node, in Jayway's
// sense: a trailing multi-name selector ['a','b'] is definite because Jayway
// merges it into one object.
func (p *Path) IsDefinite() bool { return p.definite }

// IsReference reports whether the path is an ASL Reference Path: only
// single-name and single-index steps.
func (p *Path) IsReference() bool { return p.reference }

// Normalized returns the path in Jayway's normalized form ("$['a'][0]"), as
// used in its error messages.
func (p *Path) Normalized() string { return p.prefix(len(p.steps)) }

func (p *Path) prefix(n int) string {
	b := []byte{'$'}
	for i := 0; i < n; i++ {
		b = append(b, p.steps[i].frag...)
	}
	return string(b)
}
