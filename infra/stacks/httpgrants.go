package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// connectionPattern is an EventBridge connection ARN (or a pattern over
// connection names and ids with '*').
var connectionPattern = regexp.MustCompile(`^arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:connection/[A-Za-z0-9_.*-]+(/[A-Za-z0-9*-]+)?$`)

func checkHTTPConnections(list []string) []string {
	var errs []string
	for _, arn := range list {
		if !connectionPattern.MatchString(arn) {
			errs = append(errs, fmt.Sprintf("%s: %q: want arn:<partition>:events:<region>:<account>:connection/<name>[/<id>]", CtxHTTPConnections, arn))
		}
	}
	return errs
}

// grantHTTPConnections lets the stepper read exactly the connections of
// httpConnections, as HTTP Tasks resolve them: DescribeConnection on each,
// and GetSecretValue on the secret EventBridge keeps for each
// (events!connection/<name>/…). Without the key nothing is granted, and an
// HTTP Task fails with Events.ConnectionResource.AccessDenied.
func grantHTTPConnections(s *ServiceStack, set Settings) {
	if len(set.HTTPConnections) == 0 {
		return
	}
	var secrets []string
	for _, arn := range set.HTTPConnections {
		p := strings.SplitN(arn, ":", 6) // checked by SettingsFromContext
		name := strings.Split(strings.TrimPrefix(p[5], "connection/"), "/")[0]
		secrets = append(secrets, fmt.Sprintf("arn:%s:secretsmanager:%s:%s:secret:events!connection/%s/*", p[1], p[3], p[4], name))
	}
	grant := func(action string, resources []string) {
		awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
			Grantee: s.Stepper, Actions: jsii.Strings(action), ResourceArns: jsii.Strings(resources...),
		})
	}
	grant("events:DescribeConnection", set.HTTPConnections)
	grant("secretsmanager:GetSecretValue", secrets)
}
