package sfnapi

import (
	"context"

	"github.com/stepwise/stepwise/shared/validate"
)

type validateIn struct {
	Definition string `json:"definition"`
	Type       string `json:"type"`
	Severity   string `json:"severity"`
	MaxResults int    `json:"maxResults"`
}

type diagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Location string `json:"location,omitempty"`
}

type validateOut struct {
	Result      string       `json:"result"`
	Diagnostics []diagnostic `json:"diagnostics"`
	Truncated   bool         `json:"truncated"`
}

// validateStateMachineDefinition reports diagnostics without creating
// anything; result is FAIL when any ERROR is found.
func validateStateMachineDefinition(_ *API, _ context.Context, in validateIn) (validateOut, error) {
	typ, err := checkType(in.Type)
	if err != nil {
		return validateOut{}, err
	}
	switch in.Severity {
	case "", validate.SeverityError, validate.SeverityWarning:
	default:
		return validateOut{}, errEnum("severity", in.Severity, "ERROR, WARNING")
	}
	size, err := pageSize(in.MaxResults, 100)
	if err != nil {
		return validateOut{}, err
	}
	ds := validate.Definition([]byte(in.Definition), validate.Options{Type: typ})
	out := validateOut{Result: "OK", Diagnostics: []diagnostic{}}
	if validate.HasErrors(ds) {
		out.Result = "FAIL"
	}
	for _, d := range ds {
		if d.Severity == validate.SeverityWarning && in.Severity != validate.SeverityWarning {
			continue
		}
		if len(out.Diagnostics) == size {
			out.Truncated = true
			break
		}
		out.Diagnostics = append(out.Diagnostics, diagnostic{d.Severity, d.Code, d.Message, d.Location})
	}
	return out, nil
}
