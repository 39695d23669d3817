// Package validate checks Amazon States Language definitions statically, the
// way AWS Step Functions does for CreateStateMachine (InvalidDefinition) and
// ValidateStateMachineDefinition (diagnostics). It works on the raw JSON tree
// so that it can report problems a typed model could not even represent.
package validate

import (
	"bytes"
	"sort"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// Severities of a diagnostic.
const (
	SeverityError   = "ERROR"
	SeverityWarning = "WARNING"
)

// Diagnostic codes, as AWS spells them.
const (
	CodeInvalidJSON        = "INVALID_JSON_DESCRIPTION"
	CodeMissingDescription = "MISSING_DESCRIPTION"
	CodeSchema             = "SCHEMA_VALIDATION_FAILED"
	CodeMissingTarget      = "MISSING_TRANSITION_TARGET"
	CodeMissingEndState    = "MISSING_END_STATE"
	CodeDuplicateStateName = "DUPLICATE_STATE_NAME"
	CodeInvalidStateName   = "INVALID_STATE_NAME"
	CodeTooDeeplyNested    = "TOO_DEEPLY_NESTED"
	CodeNoDollar           = "NO_DOLLAR"
	CodeNoPath             = "NO_PATH"
	CodePassResultIsStatic = "PASS_RESULT_IS_STATIC"
)

// Diagnostic is one finding, shaped like AWS's ValidateStateMachineDefinition
// diagnostic.
type Diagnostic struct {
	Severity string // "ERROR" or "WARNING"
	Code     string // e.g. "SCHEMA_VALIDATION_FAILED"
	Message  string // AWS's words, e.g. "These fields are required: [StartAt]"
	Location string // JSON-pointer-like, e.g. "/", "/States/Foo/Next"; "" when none
	// Exception, when set, is the exception AWS raises for this error before
	// any other check (e.g. "ValueError" for a Map Label): CreateStateMachine
	// then answers with it alone, see InvalidDefinitionMessage.
	Exception string
}

// Options tune validation.
type Options struct {
	Type string // "STANDARD" (default) or "EXPRESS"
}

// Definition validates a definition document. All findings are returned,
// errors first, each group in a stable order (document order, schema problems
// before transition problems).
func Definition(def []byte, opts Options) []Diagnostic {
	if len(bytes.TrimSpace(def)) == 0 {
		return []Diagnostic{{Severity: SeverityError, Code: CodeSchema, Message: msgNotAnObject}}
	}
	if msg, line, col, bad := JSONSyntax(string(def)); bad {
		at := jacksonSource(string(def), line, col)
		return []Diagnostic{{Severity: SeverityError, Code: CodeInvalidJSON, Message: msg + "\n at " + at, Location: at}}
	}
	v, err := jsonval.Decode(def)
	if err != nil {
		return []Diagnostic{{Severity: SeverityError, Code: CodeInvalidJSON,
			Message: msgInvalidJSON(err)}}
	}
	c := &checker{express: opts.Type == "EXPRESS"}
	c.document(v)
	return c.result()
}

// HasErrors reports whether any diagnostic has severity ERROR.
func HasErrors(ds []Diagnostic) bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// checker accumulates diagnostics while walking one definition.
type checker struct {
	express bool
	topLang string // the state machine's QueryLanguage
	diags   []Diagnostic
	late    []Diagnostic // transition findings, reported after schema ones
	scopes  []scope      // every (nested) state machine seen, for transitions
	names   map[string]string
}

func (c *checker) add(code, loc, msg string) {
	c.diags = append(c.diags, Diagnostic{Severity: SeverityError, Code: code, Message: msg, Location: at(loc)})
}

// raise records a SCHEMA_VALIDATION_FAILED error that AWS raises as the
// exception exc, ahead of the rest of the validation.
func (c *checker) raise(exc, loc, msg string) {
	c.diags = append(c.diags, Diagnostic{Severity: SeverityError, Code: CodeSchema, Message: msg, Location: at(loc), Exception: exc})
}

// schema records a SCHEMA_VALIDATION_FAILED error.
func (c *checker) schema(loc, msg string) { c.add(CodeSchema, loc, msg) }

func (c *checker) warn(code, loc, msg string) {
	c.diags = append(c.diags, Diagnostic{Severity: SeverityWarning, Code: code, Message: msg, Location: at(loc)})
}

func (c *checker) result() []Diagnostic {
	all := append(c.diags, c.late...)
	sort.SliceStable(all, func(i, j int) bool {
		return all[i].Severity == SeverityError && all[j].Severity != SeverityError
	})
	return all
}

// at renders an internal location ("" is the document root) as AWS does.
func at(loc string) string {
	if loc == "" {
		return "/"
	}
	return loc
}

// join appends one path segment to a location.
func join(loc, key string) string { return loc + "/" + key }
