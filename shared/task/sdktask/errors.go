package sdktask

import (
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// failure names an SDK error as Step Functions does for AWS SDK
// integrations: "<Prefix>.<Exception>" with the Java SDK v2's cause,
// "<Prefix>.<Prefix>Exception" for codes the service does not model, and
// "<Prefix>.SdkClientException" when no response came back.
func failure(prefix string, err error) task.Result {
	return awsresult.Service{Prefix: prefix, Name: prefix, Base: prefix + "Exception", SDKv2: true}.Failure(err)
}
