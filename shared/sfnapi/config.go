package sfnapi

import (
	"encoding/json"
	"strings"

	"github.com/stepwise/stepwise/shared/validate"
)

// Size limits of the API model, in bytes: definitions, and execution data
// (input, task output) as a request member. The payload quota
// (limits.PayloadBytes) applies as well, and bounds what states produce.
const (
	maxDefinition = 1 << 20
	maxData       = 256 << 10
)

// loggingConfig is AWS's LoggingConfiguration.
type loggingConfig struct {
	Level                string `json:"level,omitempty"`
	IncludeExecutionData bool   `json:"includeExecutionData"`
	// A pointer: AWS echoes "destinations": [] when it was given empty.
	Destinations *[]logDestination `json:"destinations,omitempty"`
}

type logDestination struct {
	CloudWatchLogsLogGroup *struct {
		LogGroupArn string `json:"logGroupArn,omitempty"`
	} `json:"cloudWatchLogsLogGroup,omitempty"`
}

// tracingConfig is AWS's TracingConfiguration.
type tracingConfig struct {
	Enabled bool `json:"enabled"`
}

// encryptionConfig is AWS's EncryptionConfiguration. It is stored and
// echoed as given; Stepwise itself encrypts nothing with it.
type encryptionConfig struct {
	Type                         string `json:"type"`
	KmsKeyId                     string `json:"kmsKeyId,omitempty"`
	KmsDataKeyReusePeriodSeconds *int   `json:"kmsDataKeyReusePeriodSeconds,omitempty"`
}

// encryptionText is a configuration's stored form ("" when absent).
func encryptionText(c *encryptionConfig) string {
	if c == nil {
		return ""
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// encryptionOf reads a stored configuration. A resource created without
// one reports what AWS reports: data encrypted with an AWS-owned key.
func encryptionOf(text string) *encryptionConfig {
	c := &encryptionConfig{}
	if text == "" || json.Unmarshal([]byte(text), c) != nil {
		return &encryptionConfig{Type: "AWS_OWNED_KEY"}
	}
	return c
}

// Defaults AWS reports when none was given.
const (
	defaultLogging = `{"level":"OFF","includeExecutionData":false}`
	defaultTracing = `{"enabled":false}`
)

// loggingText validates a logging configuration and returns its stored
// form ("" when absent).
func loggingText(c *loggingConfig) (string, error) {
	if c == nil {
		return "", nil
	}
	if c.Level == "" {
		c.Level = "OFF"
	}
	switch c.Level {
	case "ALL", "ERROR", "FATAL", "OFF":
	default:
		return "", errEnum("loggingConfiguration.level", c.Level, "ALL, ERROR, FATAL, OFF")
	}
	var n int
	if c.Destinations != nil {
		n = len(*c.Destinations)
	}
	if n > 1 || (c.Level != "OFF" && n == 0) {
		return "", newError(CodeInvalidLoggingConfiguration, "Invalid Logging Configuration: Must specify exactly one Log Destination.")
	}
	b, _ := json.Marshal(c)
	return string(b), nil
}

func tracingText(c *tracingConfig) string {
	if c == nil {
		return ""
	}
	b, _ := json.Marshal(c)
	return string(b)
}

// orDefault returns s, or def when s is "".
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkType validates a state machine type, defaulting to STANDARD.
func checkType(t string) (string, error) {
	switch t {
	case "":
		return "STANDARD", nil
	case "STANDARD", "EXPRESS":
		return t, nil
	}
	return "", errEnum("type", t, "STANDARD, EXPRESS")
}

// checkDefinition enforces the size limit and validates the definition as
// CreateStateMachine does.
func checkDefinition(def, typ string) error {
	if def == "" {
		return errRequired("definition")
	}
	if len(def) > maxDefinition {
		return errTooLong("definition", maxDefinition)
	}
	ds := validate.Definition([]byte(def), validate.Options{Type: typ})
	if validate.HasErrors(ds) {
		return &Error{Code: CodeInvalidDefinition, Message: validate.InvalidDefinitionMessage(def, ds)}
	}
	return nil
}

// checkRole validates an IAM role ARN (arn:PARTITION:iam::ACCOUNT:role/NAME).
func checkRole(role string) error {
	if role == "" {
		return errRequired("roleArn")
	}
	parts := strings.SplitN(role, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || !strings.HasPrefix(parts[5], "role/") || len(parts[5]) == len("role/") {
		return errInvalidArn(role)
	}
	return nil
}
