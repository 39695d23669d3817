package sfnapi

// operations maps each operation name to its handler.
var operations = map[string]operation{
	"CreateStateMachine":               handler(createStateMachine),
	"DescribeStateMachine":             handler(describeStateMachine),
	"UpdateStateMachine":               handler(updateStateMachine),
	"DeleteStateMachine":               handler(deleteStateMachine),
	"ListStateMachines":                handler(listStateMachines),
	"ValidateStateMachineDefinition":   handler(validateStateMachineDefinition),
	"PublishStateMachineVersion":       handler(publishStateMachineVersion),
	"ListStateMachineVersions":         handler(listStateMachineVersions),
	"DeleteStateMachineVersion":        handler(deleteStateMachineVersion),
	"CreateStateMachineAlias":          handler(createStateMachineAlias),
	"DescribeStateMachineAlias":        handler(describeStateMachineAlias),
	"UpdateStateMachineAlias":          handler(updateStateMachineAlias),
	"DeleteStateMachineAlias":          handler(deleteStateMachineAlias),
	"ListStateMachineAliases":          handler(listStateMachineAliases),
	"StartExecution":                   handler(startExecution),
	"StartSyncExecution":               handler(startSyncExecution),
	"StopExecution":                    handler(stopExecution),
	"DescribeExecution":                handler(describeExecution),
	"ListExecutions":                   handler(listExecutions),
	"GetExecutionHistory":              handler(getExecutionHistory),
	"DescribeStateMachineForExecution": handler(describeStateMachineForExecution),
	"RedriveExecution":                 handler(redriveExecution),
	"SendTaskSuccess":                  handler(sendTaskSuccess),
	"SendTaskFailure":                  handler(sendTaskFailure),
	"SendTaskHeartbeat":                handler(sendTaskHeartbeat),
	"CreateActivity":                   handler(createActivity),
	"DescribeActivity":                 handler(describeActivity),
	"DeleteActivity":                   handler(deleteActivity),
	"ListActivities":                   handler(listActivities),
	"GetActivityTask":                  handler(getActivityTask),
	"TagResource":                      handler(tagResource),
	"UntagResource":                    handler(untagResource),
	"ListTagsForResource":              handler(listTagsForResource),
	"TestState":                        handler(testState),
	"ListMapRuns":                      handler(listMapRuns),
	"DescribeMapRun":                   handler(describeMapRun),
	"UpdateMapRun":                     handler(updateMapRun),
}

// Operations lists the supported operation names.
func Operations() []string {
	out := make([]string, 0, len(operations))
	for name := range operations {
		out = append(out, name)
	}
	return out
}
