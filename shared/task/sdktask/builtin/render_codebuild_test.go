package builtin_test

import "testing"

// From the CodeBuild API reference: StartBuild and BatchGetBuilds
// (AWS JSON 1.1; timestamps are epoch seconds on the wire).
func TestRender_CodeBuild(t *testing.T) {
	runRenderCases(t, map[string]renderCase{
		"StartBuild": {
			resource:    "codebuild:startBuild",
			params:      `{"ProjectName":"codebuild-demo-project","EnvironmentVariablesOverride":[{"Name":"STAGE","Value":"test","Type":"PLAINTEXT"}]}`,
			wantRequest: "POST / CodeBuild_20161006.StartBuild",
			wantBody:    `{"projectName":"codebuild-demo-project","environmentVariablesOverride":[{"name":"STAGE","value":"test","type":"PLAINTEXT"}]}`,
			contentType: "application/x-amz-json-1.1",
			reply: `{"build":{"id":"codebuild-demo-project:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE","arn":"arn:aws:codebuild:us-east-1:123456789012:build/codebuild-demo-project:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE",
				"buildNumber":3,"startTime":1479832328.107,"currentPhase":"SUBMITTED","buildStatus":"IN_PROGRESS","projectName":"codebuild-demo-project",
				"phases":[{"phaseType":"SUBMITTED","phaseStatus":"SUCCEEDED","startTime":1479832328.107,"endTime":1479832328.219,"durationInSeconds":0}],
				"timeoutInMinutes":60,"buildComplete":false,"initiator":"MyDemoUser"}}`,
			wantOutput: `{"Build":{"Id":"codebuild-demo-project:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE","Arn":"arn:aws:codebuild:us-east-1:123456789012:build/codebuild-demo-project:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE",
				"BuildNumber":3,"StartTime":"2016-11-22T16:32:08.107Z","CurrentPhase":"SUBMITTED","BuildStatus":"IN_PROGRESS","ProjectName":"codebuild-demo-project",
				"Phases":[{"PhaseType":"SUBMITTED","PhaseStatus":"SUCCEEDED","StartTime":"2016-11-22T16:32:08.107Z","EndTime":"2016-11-22T16:32:08.219Z","DurationInSeconds":0}],
				"TimeoutInMinutes":60,"BuildComplete":false,"Initiator":"MyDemoUser"}}`,
		},
		"StartBuildNoProject": {
			resource:    "codebuild:startBuild",
			params:      `{"ProjectName":"nope"}`,
			wantRequest: "POST / CodeBuild_20161006.StartBuild",
			status:      400, contentType: "application/x-amz-json-1.1",
			reply:     `{"__type":"ResourceNotFoundException","message":"Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope"}`,
			wantError: "CodeBuild.ResourceNotFoundException",
			wantCause: "Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/nope (Service: CodeBuild, Status Code: 400, Request ID: req-1)",
		},
	})
}
