package validate

import (
	"fmt"
	"strings"
)

// Message texts. Those marked "AWS" were recorded from AWS responses (see
// the conformance corpus); the others follow AWS's style but are our words.
const (
	msgNotAnObject = "Definition must be a valid JSON object" // AWS, for an empty definition
	// AWS.
	msgRFC3339 = "String does not match RFC3339 timestamp"
	// AWS.
	msgDowngradeQueryLanguage = "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine"
	// AWS (note the trailing space of the .waitForTaskToken variant).
	msgExpressSync = "Express state machine does not support '.sync' service integration"
	msgExpressWFTT = "Express state machine does not support '.waitForTaskToken' service integration "
	// AWS.
	msgExpressActivity = "Express state machine does not support Activity ARN"
	// AWS.
	msgNotAnARN = "Value is not a valid resource ARN"
	// AWS.
	msgLabelEmpty   = "Label cannot be empty"
	msgLabelTooLong = "Label cannot exceed 40 characters"
)

func msgInvalidJSON(err error) string {
	return fmt.Sprintf("Could not parse the state machine definition: %v", err)
}

// msgRequired is AWS's message for missing required fields.
func msgRequired(fields ...string) string {
	return "These fields are required: [" + strings.Join(fields, ", ") + "]"
}

// msgFieldRequired is AWS's message for one missing field of a sub-object.
func msgFieldRequired(field string) string {
	return fmt.Sprintf("The field '%s' is required but was missing", field)
}

// msgNotSupported is AWS's message for an unknown or misplaced field.
func msgNotSupported(field string) string {
	return fmt.Sprintf("Field '%s' is not supported", field)
}

// msgOneOf is AWS's message for an enumerated field with another value.
func msgOneOf(field string, values []string) string {
	return fmt.Sprintf("The field '%s' should have one of these values: [%s]", field, strings.Join(values, ", "))
}

func msgType(field, want string) string {
	article := "a"
	if strings.ContainsRune("AEIOU", rune(want[0])) {
		article = "an"
	}
	return fmt.Sprintf("The value for the field '%s' must be %s %s", field, article, want)
}

// msgJSONPointer: a field that must hold a JSON Pointer (RFC 6901).
func msgJSONPointer(field string) string {
	return fmt.Sprintf("The value for the field '%s' must be a valid JSON Pointer", field)
}

// msgOnlyWith: a field that applies only with another field's value.
func msgOnlyWith(field, other, value string) string {
	return fmt.Sprintf("The field '%s' is only supported when '%s' is '%s'", field, other, value)
}

func msgExactlyOne(fields ...string) string {
	return "Exactly one of these fields is required: [" + strings.Join(fields, ", ") + "]"
}

func msgMutuallyExclusive(a, b string) string {
	return fmt.Sprintf("The fields '%s' and '%s' are mutually exclusive", a, b)
}

// msgNonEmpty is AWS's message for an empty list or object (recorded for
// Parallel Branches); the location names the field.
func msgNonEmpty(string) string { return "Value cannot be empty" }

func msgMissingNext(target string) string {
	return fmt.Sprintf("Missing 'Next' target: %s", target) // AWS
}

func msgUnreachable(state string) string {
	return fmt.Sprintf("State \"%s\" is not reachable.", state) // AWS
}

func msgResourceNotRecognized(res string) string {
	return fmt.Sprintf("The resource provided %s is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", res) // AWS
}

// excValue is the exception AWS raises for a bad Map Label (recorded).
const excValue = "ValueError"

// msgLabelChar quotes the character as Python's repr does (recorded:
// '\x85', '\\', '"').
func msgLabelChar(r rune) string {
	return "Label contains invalid character: " + PyRepr(string(r))
}

// InvalidDefinitionMessage is the message of CreateStateMachine's
// InvalidDefinition error for these diagnostics, in AWS's format:
//
//	Invalid State Machine Definition: 'CODE: message at /location, CODE: ...'
//
// Warnings are left out; it returns "" when there is no error. An error AWS
// raises as an exception is answered alone, in AWS's form for those, with the
// definition quoted as sent:
//
//	Error=ValueError Args=['Label cannot be empty'] in definition '{...}'.
func InvalidDefinitionMessage(def string, ds []Diagnostic) string {
	for _, d := range ds {
		if d.Severity == SeverityError && d.Exception != "" {
			return fmt.Sprintf("Error=%s Args=[%s] in definition '%s'.", d.Exception, PyRepr(d.Message), def)
		}
	}
	var parts []string
	for _, d := range ds {
		if d.Severity != SeverityError {
			continue
		}
		p := d.Code + ": " + d.Message
		// A JSON syntax message already ends with its location.
		if d.Location != "" && d.Code != CodeInvalidJSON {
			p += " at " + d.Location
		}
		parts = append(parts, p)
	}
	if len(parts) == 0 {
		return ""
	}
	return "Invalid State Machine Definition: '" + strings.Join(parts, ", ") + "'"
}
