package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/stepwise/stepwise/shared/asl"
	"github.com/stepwise/stepwise/shared/interp"
	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/validate"
)

// validateCommand prints the diagnostics of a definition in the shape of
// ValidateStateMachineDefinition's response.
func validateCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	typ := fs.String("type", "STANDARD", "state machine type: STANDARD or EXPRESS")
	pos, err := parseFlags(fs, args)
	if err == nil && len(pos) != 1 {
		err = usagef("validate takes exactly one definition file")
	}
	if err == nil {
		err = checkType(*typ)
	}
	var data []byte
	if err == nil {
		data, err = readFile("definition", pos[0])
	}
	if err != nil {
		fmt.Fprintf(stderr, "stepwise validate: %v\n%s", err, usage)
		return exitUsage
	}
	diags := validate.Definition(data, validate.Options{Type: *typ})
	fmt.Fprintln(stdout, jsonval.String(diagnosticsJSON(diags)))
	if validate.HasErrors(diags) {
		return exitInvalid
	}
	return exitOK
}

func checkType(typ string) error {
	if typ != "STANDARD" && typ != "EXPRESS" {
		return usagef("--type must be STANDARD or EXPRESS, not %q", typ)
	}
	return nil
}

// diagnosticsJSON renders {"result", "diagnostics", "truncated"} as AWS does.
func diagnosticsJSON(diags []validate.Diagnostic) *jsonval.Object {
	out := jsonval.NewObject(3)
	result := "OK"
	if validate.HasErrors(diags) {
		result = "FAIL"
	}
	out.Set("result", result)
	list := make([]any, 0, len(diags))
	for _, d := range diags {
		o := jsonval.NewObject(4)
		o.Set("severity", d.Severity)
		o.Set("code", d.Code)
		o.Set("message", d.Message)
		if d.Location != "" {
			o.Set("location", d.Location)
		}
		list = append(list, o)
	}
	out.Set("diagnostics", list)
	out.Set("truncated", false)
	return out
}

// loadMachine validates and compiles a definition, as CreateStateMachine
// would accept it.
func loadMachine(data []byte, typ string) (*interp.Machine, error) {
	diags := validate.Definition(data, validate.Options{Type: typ})
	if validate.HasErrors(diags) {
		return nil, usagef("invalid definition: %s", validate.InvalidDefinitionMessage(string(data), diags))
	}
	def, err := asl.Parse(data)
	if err != nil {
		return nil, usagef("invalid definition: %v", err)
	}
	m, err := interp.Compile(def)
	if err != nil {
		return nil, usagef("invalid definition: %v", err)
	}
	return m, nil
}
