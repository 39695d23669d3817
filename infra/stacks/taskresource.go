package stacks

import (
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/config"
)

// checkTaskResource accepts Lambda function ARNs and patterns over them: the
// stepper is granted lambda:InvokeFunction and nothing else, so any other
// service's ARN would be a silent no-op. An entry that allows every
// function is refused unless allowAll says it is meant.
func checkTaskResource(arn string, allowAll bool) error {
	if everyFunction(arn) {
		if allowAll {
			return nil
		}
		return fmt.Errorf("%q allows every Lambda function: name the functions (e.g. arn:aws:lambda:us-east-1:123456789012:function:orders-*), or set %s=true to grant them all", arn, CtxAllowAllTaskResources)
	}
	if _, ok := lambdaName(arn); !ok {
		return fmt.Errorf("%q: want arn:<partition>:lambda:<region>:<account>:function:<name> (wildcards * and ? allowed)", arn)
	}
	return nil
}

// everyFunction reports whether a pattern allows every function (of its
// account and region, or beyond): "*", "arn:aws:*", "…:function:*",
// "…:function:*:*", ….
func everyFunction(arn string) bool {
	if name, ok := lambdaName(arn); ok {
		return strings.Contains(name, "*") && strings.Trim(name, "*?") == ""
	}
	return config.MatchPattern(arn, "arn:aws:lambda:us-east-1:123456789012:function:any-function")
}

// lambdaName returns the function name (without qualifier) of a Lambda
// function ARN or pattern.
func lambdaName(arn string) (string, bool) {
	parts := strings.SplitN(arn, ":", 7)
	if len(parts) < 7 || parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function" || parts[6] == "" {
		return "", false
	}
	name, _, _ := strings.Cut(parts[6], ":")
	return name, true
}
