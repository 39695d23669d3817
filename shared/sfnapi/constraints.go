package sfnapi

import "strings"

// constraint is one member's constraints in the Step Functions API model:
// what the service checks before an operation runs, answering violations
// with ValidationException (see checkMembers).
type constraint struct {
	path      string // member path as AWS prints it, e.g. "loggingConfiguration.level"
	required  bool
	minLen    int    // strings and lists; 0 = none
	maxLen    int    // strings and lists; 0 = none
	min, max  *int64 // numbers
	enum      []string
	pattern   *pattern
	sensitive bool         // AWS leaves the value out of the message
	item      *structShape // a list's item structure, to print the list
}

func n(v int64) *int64 { return &v }

// Member shapes of the model, by the name the model gives them.
func arnMember(path string, required bool) constraint {
	return constraint{path: path, required: required, minLen: 1, maxLen: 256}
}
func longArn(path string, required bool) constraint {
	return constraint{path: path, required: required, minLen: 1, maxLen: 2000}
}
func nameMember(path string) constraint {
	return constraint{path: path, required: true, minLen: 1, maxLen: 80}
}
func definitionMember(required bool) constraint {
	return constraint{path: "definition", required: required, minLen: 1, maxLen: maxDefinition, sensitive: true}
}
func sensitiveData(path string) constraint {
	return constraint{path: path, maxLen: maxData, sensitive: true}
}
func pageToken(max int) constraint { return constraint{path: "nextToken", minLen: 1, maxLen: max} }
func pageSizeMember(max int64) constraint {
	return constraint{path: "maxResults", min: n(0), max: n(max)}
}
func enumMember(path string, required bool, values ...string) constraint {
	return constraint{path: path, required: required, enum: values}
}
func description(path string) constraint {
	return constraint{path: path, maxLen: 256, sensitive: true}
}
func taskToken() constraint {
	return constraint{path: "taskToken", required: true, minLen: 1, maxLen: maxTaskToken}
}

// pattern is a model pattern: its text as AWS prints it, and a matcher
// (Go's regexp has no lookahead, which the model's patterns use).
type pattern struct {
	text  string
	match func(string) bool
}

// aliasNamePattern is the model's CharacterRestrictedName pattern: word
// characters, '-' and '.', not all digits (that would read as a version).
var aliasNamePattern = &pattern{
	text:  `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`,
	match: func(s string) bool { return aliasName.MatchString(s) },
}

var (
	executionStatuses = []string{"SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"}
	logLevels         = []string{"ALL", "ERROR", "FATAL", "OFF"}
	smTypes           = []string{"STANDARD", "EXPRESS"}
	encryptionTypes   = []string{"AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"}
)

func loggingMembers() []constraint {
	return []constraint{
		enumMember("loggingConfiguration.level", false, logLevels...),
		arnMember("loggingConfiguration.destinations.member.cloudWatchLogsLogGroup.logGroupArn", false),
	}
}

// encryptionMembers: type is required once encryptionConfiguration is given.
func encryptionMembers() []constraint {
	return []constraint{
		enumMember("encryptionConfiguration.type", true, encryptionTypes...),
		{path: "encryptionConfiguration.kmsKeyId", minLen: 1, maxLen: 2048},
		{path: "encryptionConfiguration.kmsDataKeyReusePeriodSeconds", min: n(60), max: n(900)},
	}
}

func tagMembers() []constraint {
	return []constraint{
		{path: "tags.member.key", minLen: 1, maxLen: maxTagKey},
		{path: "tags.member.value", maxLen: maxTagValue},
	}
}

// routingMembers: the list is required only by CreateStateMachineAlias.
func routingMembers(required bool) []constraint {
	return []constraint{
		{path: "routingConfiguration", required: required, minLen: 1, maxLen: 2, item: routingItemShape},
		arnMember("routingConfiguration.member.stateMachineVersionArn", true),
		{path: "routingConfiguration.member.weight", required: true, min: n(0), max: n(100)},
	}
}

// Patterns of the model that are not names: Java's full-match semantics.
var (
	clientTokenPattern = &pattern{text: `[!-~]+`, match: func(s string) bool {
		return s != "" && strings.IndexFunc(s, func(r rune) bool { return r < '!' || r > '~' }) < 0
	}}
	traceHeaderPattern = &pattern{text: `\p{ASCII}*`, match: func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return r > 0x7f }) < 0
	}}
)

func join(groups ...[]constraint) []constraint {
	var out []constraint
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// constraints holds, per operation, its members' constraints.
var constraints = map[string][]constraint{
	"CreateStateMachine": join([]constraint{
		nameMember("name"), definitionMember(true), arnMember("roleArn", true), enumMember("type", false, smTypes...),
		description("versionDescription"),
	}, loggingMembers(), tagMembers(), encryptionMembers()),
	"UpdateStateMachine": join([]constraint{
		arnMember("stateMachineArn", true), definitionMember(false), arnMember("roleArn", false), description("versionDescription"),
	}, loggingMembers(), encryptionMembers()),
	"DescribeStateMachine":       {arnMember("stateMachineArn", true), enumMember("includedData", false, "ALL_DATA", "METADATA_ONLY")},
	"DeleteStateMachine":         {arnMember("stateMachineArn", true)},
	"ListStateMachines":          {pageToken(maxNextToken), pageSizeMember(1000)},
	"PublishStateMachineVersion": {arnMember("stateMachineArn", true), description("description")},
	"ListStateMachineVersions":   {arnMember("stateMachineArn", true), pageToken(maxNextToken), pageSizeMember(1000)},
	"DeleteStateMachineVersion":  {longArn("stateMachineVersionArn", true)},
	"CreateStateMachineAlias": join([]constraint{
		{path: "name", required: true, minLen: 1, maxLen: 80, pattern: aliasNamePattern}, description("description"),
	}, routingMembers(true)),
	"DescribeStateMachineAlias": {arnMember("stateMachineAliasArn", true)},
	"UpdateStateMachineAlias": join([]constraint{
		arnMember("stateMachineAliasArn", true), description("description"),
	}, routingMembers(false)),
	"DeleteStateMachineAlias": {arnMember("stateMachineAliasArn", true)},
	"ListStateMachineAliases": {arnMember("stateMachineArn", true), pageToken(maxNextToken), pageSizeMember(1000)},
	"ValidateStateMachineDefinition": {
		// An empty definition is reported as a diagnostic, not rejected.
		{path: "definition", required: true, maxLen: maxDefinition, sensitive: true}, enumMember("type", false, smTypes...), enumMember("severity", false, "ERROR", "WARNING"),
		pageSizeMember(100),
	},
	"StartExecution": {
		arnMember("stateMachineArn", true), {path: "name", minLen: 1, maxLen: 80}, sensitiveData("input"),
		{path: "traceHeader", maxLen: 256, pattern: traceHeaderPattern},
	},
	"StartSyncExecution": {
		arnMember("stateMachineArn", true), {path: "name", minLen: 1, maxLen: 80}, sensitiveData("input"),
		{path: "traceHeader", maxLen: 256, pattern: traceHeaderPattern}, enumMember("includedData", false, "ALL_DATA", "METADATA_ONLY"),
	},
	"StopExecution": {
		arnMember("executionArn", true), {path: "error", maxLen: 256, sensitive: true}, {path: "cause", maxLen: 32768, sensitive: true},
	},
	"DescribeExecution": {arnMember("executionArn", true), enumMember("includedData", false, "ALL_DATA", "METADATA_ONLY")},
	"ListExecutions": {
		arnMember("stateMachineArn", false), enumMember("statusFilter", false, executionStatuses...),
		pageSizeMember(1000), pageToken(maxExecutionsToken), longArn("mapRunArn", false),
		enumMember("redriveFilter", false, "REDRIVEN", "NOT_REDRIVEN"),
	},
	"GetExecutionHistory": {arnMember("executionArn", true), pageSizeMember(1000), pageToken(maxNextToken)},
	"DescribeStateMachineForExecution": {
		arnMember("executionArn", true), enumMember("includedData", false, "ALL_DATA", "METADATA_ONLY"),
	},
	"RedriveExecution": {arnMember("executionArn", true), {path: "clientToken", minLen: 1, maxLen: 64, pattern: clientTokenPattern}},
	"SendTaskSuccess":  {taskToken(), {path: "output", required: true, maxLen: maxData, sensitive: true}},
	"SendTaskFailure": {
		taskToken(), {path: "error", maxLen: 256, sensitive: true}, {path: "cause", maxLen: 32768, sensitive: true},
	},
	"SendTaskHeartbeat": {taskToken()},
	"CreateActivity":    join([]constraint{nameMember("name")}, tagMembers(), encryptionMembers()),
	"DescribeActivity":  {arnMember("activityArn", true)},
	"DeleteActivity":    {arnMember("activityArn", true)},
	"ListActivities":    {pageToken(maxNextToken), pageSizeMember(1000)},
	"GetActivityTask":   {arnMember("activityArn", true), {path: "workerName", minLen: 1, maxLen: 80}},
	"TagResource":       join([]constraint{arnMember("resourceArn", true), {path: "tags", required: true}}, tagMembers()),
	"UntagResource": {
		arnMember("resourceArn", true), {path: "tagKeys", required: true}, {path: "tagKeys.member", minLen: 1, maxLen: maxTagKey},
	},
	"ListTagsForResource": {arnMember("resourceArn", true)},
	"ListMapRuns":         {arnMember("executionArn", true), pageSizeMember(1000), pageToken(maxNextToken)},
	"DescribeMapRun":      {longArn("mapRunArn", true)},
	"UpdateMapRun": {
		longArn("mapRunArn", true), {path: "maxConcurrency", min: n(0)}, {path: "toleratedFailurePercentage", min: n(0), max: n(100)},
		{path: "toleratedFailureCount", min: n(0)},
	},
	"TestState": {
		definitionMember(true), arnMember("roleArn", false), sensitiveData("input"),
		enumMember("inspectionLevel", false, "INFO", "DEBUG", "TRACE"), {path: "stateName", minLen: 1, maxLen: 80, sensitive: true},
		sensitiveData("variables"), sensitiveData("mock.result"),
		{path: "mock.errorOutput.error", maxLen: 256, sensitive: true}, {path: "mock.errorOutput.cause", maxLen: 32768, sensitive: true},
		enumMember("mock.fieldValidationMode", false, "STRICT", "PRESENT", "NONE"), sensitiveData("context"),
		{path: "stateConfiguration.retrierRetryCount", min: n(0)},
		{path: "stateConfiguration.errorCausedByState", minLen: 1, maxLen: 80, sensitive: true},
		{path: "stateConfiguration.mapIterationFailureCount", min: n(0)},
		sensitiveData("stateConfiguration.mapItemReaderData"),
	},
}
