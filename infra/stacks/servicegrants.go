package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// CtxAllowedServiceActions lists what Task states may call beyond Lambda:
// "<action>=<resource ARN>" entries, the action an IAM action
// ("s3:GetObject", "dynamodb:*Item") or an AWS SDK integration
// ("aws-sdk:s3:getObject", "aws-sdk:dynamodb:query"), wildcards allowed.
const CtxAllowedServiceActions = "allowedServiceActions"

// iamPrefixes are the IAM service prefixes of the AWS SDK integrations
// whose ARN name is not their IAM prefix.
var iamPrefixes = map[string]string{
	"sfn": "states", "eventbridge": "events", "cloudwatchlogs": "logs", "sesv2": "ses",
	"bedrockruntime": "bedrock", "bedrockagent": "bedrock", "bedrockagentruntime": "bedrock",
	"cognitoidentityprovider": "cognito-idp", "redshiftdata": "redshift-data", "emr": "elasticmapreduce",
}

var (
	iamAction   = regexp.MustCompile(`^[a-z0-9-]+:[A-Za-z0-9*?]+$`)
	sdkResource = regexp.MustCompile(`^aws-sdk:([a-z0-9]+):([A-Za-z0-9*?]+)$`)
)

// serviceGrant is one allowedServiceActions entry: an IAM action on one
// resource.
type serviceGrant struct{ action, resource string }

// parseServiceGrants reads "<action>=<resource>": one grant, or for a
// job's .sync form the grants its polling and stopping need too.
func parseServiceGrants(entry string, allowAll bool) ([]serviceGrant, error) {
	g, err := parseServiceGrant(entry, allowAll)
	if err != nil {
		return nil, err
	}
	if grants, ok := syncGrants(g.action, g.resource); ok {
		return grants, nil
	}
	return []serviceGrant{g}, nil
}

// parseServiceGrant reads "<action>=<resource>". Granting every action,
// or a wildcard action on every resource, needs allowAll.
func parseServiceGrant(entry string, allowAll bool) (serviceGrant, error) {
	action, resource, ok := strings.Cut(entry, "=")
	if !ok || resource == "" {
		return serviceGrant{}, fmt.Errorf("%q: want <action>=<resource ARN> (e.g. s3:GetObject=arn:aws:s3:::my-bucket/*)", entry)
	}
	if m := sdkResource.FindStringSubmatch(action); m != nil {
		prefix := m[1]
		if p, ok := iamPrefixes[prefix]; ok {
			prefix = p
		}
		action = prefix + ":" + strings.ToUpper(m[2][:1]) + m[2][1:]
	}
	switch {
	case action == "*" && !allowAll:
		return serviceGrant{}, fmt.Errorf("%q allows every action of every service: name the actions, or set %s=true", entry, CtxAllowAllTaskResources)
	case action != "*" && !iamAction.MatchString(action) && !isSyncAction(action):
		return serviceGrant{}, fmt.Errorf("%q: the action must be <service>:<Action>, aws-sdk:<service>:<apiAction> or a job's <service>:<apiAction>.sync", entry)
	case resource == "*" && strings.ContainsAny(action, "*?") && !allowAll:
		return serviceGrant{}, fmt.Errorf("%q allows a wildcard action on every resource: name the resources or actions, or set %s=true", entry, CtxAllowAllTaskResources)
	case resource != "*" && (!strings.HasPrefix(resource, "arn:") || strings.Count(resource, ":") < 5):
		return serviceGrant{}, fmt.Errorf("%q: the resource must be an ARN (arn:<partition>:<service>:<region>:<account>:<resource>, wildcards allowed) or *", entry)
	}
	return serviceGrant{action: action, resource: resource}, nil
}

func checkServiceGrants(entries []string, allowAll bool) []string {
	var errs []string
	for _, e := range entries {
		if _, err := parseServiceGrants(e, allowAll); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", CtxAllowedServiceActions, err))
		}
	}
	return errs
}

// grantServiceActions gives the stepper exactly the listed actions on
// their resources (the API function never calls a Task's service).
func grantServiceActions(s *ServiceStack, set Settings) {
	for _, e := range set.AllowedServiceActions {
		grants, _ := parseServiceGrants(e, set.AllowAllTaskResources) // checked by SettingsFromContext
		for _, g := range grants {
			awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
				Grantee: s.Stepper, Actions: jsii.Strings(g.action), ResourceArns: jsii.Strings(g.resource),
			})
		}
	}
}
