package validate

import (
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// optimized lists the actions of Step Functions' optimized integrations
// (arn:aws:states:::<service>:<action>). Resources outside this table and
// outside aws-sdk:* are rejected as AWS does ("is not recognized").
var optimized = map[string][]string{
	"lambda":   {"invoke"},
	"sns":      {"publish"},
	"sqs":      {"sendMessage"},
	"dynamodb": {"getItem", "putItem", "updateItem", "deleteItem"},
	"states":   {"startExecution"},
	"events":   {"putEvents"},
	"ecs":      {"runTask"},
	"batch":    {"submitJob"},
	"glue":     {"startJobRun"},
	"databrew": {"startJobRun"},
	"athena": {"startQueryExecution", "stopQueryExecution", "getQueryExecution",
		"getQueryResults"},
	"codebuild": {"startBuild", "stopBuild", "batchDeleteBuilds", "batchGetReports",
		"startBuildBatch", "stopBuildBatch", "retryBuild", "retryBuildBatch", "deleteBuildBatch"},
	"sagemaker": {"createTrainingJob", "createTransformJob", "createModel", "createEndpointConfig",
		"createEndpoint", "updateEndpoint", "createHyperParameterTuningJob", "createLabelingJob",
		"createProcessingJob"},
	"eks": {"createCluster", "deleteCluster", "createFargateProfile", "deleteFargateProfile",
		"createNodegroup", "deleteNodegroup", "runJob", "call"},
	"elasticmapreduce": {"createCluster", "terminateCluster", "addStep", "cancelStep",
		"setClusterTerminationProtection", "modifyInstanceFleetByName", "modifyInstanceGroupByName"},
	"emr-containers": {"startJobRun", "createVirtualCluster", "deleteVirtualCluster"},
	"emr-serverless": {"createApplication", "startApplication", "stopApplication",
		"deleteApplication", "startJobRun", "cancelJobRun"},
	"apigateway":   {"invoke"},
	"mediaconvert": {"createJob"},
	"bedrock":      {"invokeModel", "createModelCustomizationJob"},
	"http":         {"invoke"},
}

func (c *checker) task(st *state) {
	c.resource(st)
	c.timeouts(st)
	c.httpTask(st)
	if v, ok := st.get("Credentials"); ok {
		c.credentials(st, join(st.loc, "Credentials"), v)
	}
}

// resource checks a Task's Resource ARN and, for service integrations,
// whether the integration and its pattern exist (and are allowed in EXPRESS).
func (c *checker) resource(st *state) {
	v, ok := st.get("Resource")
	if !ok {
		c.schema(st.loc, msgRequired("Resource"))
		return
	}
	loc := join(st.loc, "Resource")
	res, ok := asString(v)
	if !ok {
		c.schema(loc, msgType("Resource", tString))
		return
	}
	parts := strings.SplitN(res, ":", 6)
	if len(parts) < 6 || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		c.schema(loc, msgNotAnARN)
		return
	}
	if parts[2] == "states" && strings.HasPrefix(parts[5], "activity:") {
		if c.express {
			c.schema(loc, msgExpressActivity)
		}
		return
	}
	if parts[2] != "states" || parts[3] != "" || parts[4] != "" {
		return // Lambda function or other ARN
	}
	integration, pattern := splitPattern(parts[5])
	if !knownIntegration(integration, pattern) || !validPattern(pattern) {
		c.schema(loc, msgResourceNotRecognized(res))
		return
	}
	if c.express {
		switch pattern {
		case "sync", "sync:2":
			c.schema(loc, msgExpressSync)
		case "waitForTaskToken":
			c.schema(loc, msgExpressWFTT)
		}
	}
}

// splitPattern splits "sqs:sendMessage.waitForTaskToken" into the
// integration and its pattern.
func splitPattern(s string) (integration, pattern string) {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

func validPattern(p string) bool {
	return p == "" || p == "sync" || p == "sync:2" || p == "waitForTaskToken"
}

// knownIntegration: an optimized integration of the table, or an aws-sdk
// action (request-response or .waitForTaskToken only) that Step Functions
// supports: one of the catalog's actions for the services it lists (other
// services pass: Stepwise cannot tell what AWS knows of them).
func knownIntegration(s, pattern string) bool {
	if rest, ok := strings.CutPrefix(s, "aws-sdk:"); ok {
		svc, action, ok := strings.Cut(rest, ":")
		return ok && svc != "" && action != "" && !strings.Contains(action, ":") &&
			!UnsupportedSDKAction(svc, action) && SDKAction(svc, action) != SDKActionUnknown &&
			(pattern == "" || pattern == "waitForTaskToken")
	}
	svc, action, ok := strings.Cut(s, ":")
	return ok && contains(optimized[svc], action)
}

// timeouts checks TimeoutSeconds/HeartbeatSeconds and their Path variants.
func (c *checker) timeouts(st *state) {
	timeout, hasTimeout := c.secondsField(st, "TimeoutSeconds")
	beat, hasBeat := c.secondsField(st, "HeartbeatSeconds")
	if hasTimeout && hasBeat && beat >= timeout {
		c.schema(join(st.loc, "HeartbeatSeconds"),
			"The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'")
	}
	for _, f := range []string{"TimeoutSecondsPath", "HeartbeatSecondsPath"} {
		if v, ok := st.get(f); ok {
			c.pathField(st.loc, f, v, true)
		}
	}
}

// secondsField checks one of TimeoutSeconds/HeartbeatSeconds and returns
// its literal value when it has one.
func (c *checker) secondsField(st *state, field string) (int64, bool) {
	if c.exclusive(st, field, field+"Path") {
		return 0, false
	}
	v, ok := st.get(field)
	if !ok {
		return 0, false
	}
	return c.positiveInt(st.loc, field, v, st.jsonata())
}

// credentials checks a Task's Credentials block: RoleArn is required.
func (c *checker) credentials(st *state, loc string, v jsonval.Value) {
	obj, ok := asObject(v)
	if !ok {
		if st.jsonata() && isExprValue(v) {
			return
		}
		c.schema(loc, msgType("Credentials", tObject))
		return
	}
	if !obj.Has("RoleArn") && (st.jsonata() || !obj.Has("RoleArn.$")) {
		c.schema(loc, msgFieldRequired("RoleArn"))
	}
	obj.Range(func(k string, fv jsonval.Value) bool {
		switch {
		case k == "RoleArn":
			c.wantString(loc, k, fv)
		case k == "RoleArn.$" && !st.jsonata():
			c.dynamicValue(loc, k, fv)
		default:
			c.schema(loc, msgNotSupported(k))
		}
		return true
	})
}
