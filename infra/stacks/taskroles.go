package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/jsii-runtime-go"
)

// CtxTaskRoles lists the IAM roles Task states' Credentials may name: the
// stepper (and the API function, whose TestState runs Tasks live) may
// sts:AssumeRole on exactly these.
const CtxTaskRoles = "taskRoles"

// CtxTestStateRoles lists the IAM roles TestState's roleArn may name: the
// API function runs TestState's live Tasks as that role, as AWS does, and
// may sts:AssumeRole on exactly these (and on taskRoles).
const CtxTestStateRoles = "testStateRoles"

// roleARN is an IAM role ARN or a pattern over its path and name.
var roleARN = regexp.MustCompile(`^arn:(aws[a-z-]*|\*):iam::(\d{12}|[0-9*?]+):role/[A-Za-z0-9+=,.@_/*?-]+$`)

// checkTaskRole accepts role ARNs, wildcards allowed in the account and
// the role's path and name; an entry that allows every role of an account
// (role/*) or roles of every account needs allowAll.
func checkTaskRole(entry string, allowAll bool) error {
	if entry == "*" {
		if allowAll {
			return nil
		}
		return fmt.Errorf("%q allows every role: name the roles (e.g. arn:aws:iam::123456789012:role/stepwise-task-*), or set %s=true", entry, CtxAllowAllTaskResources)
	}
	m := roleARN.FindStringSubmatch(entry)
	if m == nil {
		return fmt.Errorf("%q: want arn:<partition>:iam::<account>:role/<name> (wildcards * and ? allowed)", entry)
	}
	name := entry[strings.Index(entry, ":role/")+len(":role/"):]
	if everyRole(m[2], name) && !allowAll {
		return fmt.Errorf("%q allows every role of an account or roles of every account: name the account and the roles (e.g. arn:aws:iam::123456789012:role/stepwise-task-*), or set %s=true", entry, CtxAllowAllTaskResources)
	}
	return nil
}

// everyRole reports whether an account and role-name pattern reach beyond
// named roles of one account: a wildcard account, or a name made of
// wildcards and slashes only ("*", "*/*").
func everyRole(account, name string) bool {
	return strings.ContainsAny(account, "*?") || strings.Trim(name, "*?/") == ""
}

// checkTaskRoles checks the entries of key (taskRoles, testStateRoles).
func checkTaskRoles(key string, entries []string, allowAll bool) []string {
	var errs []string
	for _, e := range entries {
		if err := checkTaskRole(e, allowAll); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", key, err))
		}
	}
	return errs
}

// grantTaskRoles lets the stepper and the API function assume exactly the
// taskRoles, and the API function also the testStateRoles; a forced "*"
// becomes every role of the partition, never Resource "*". Without the
// keys no role may be assumed, and a Task with Credentials (or run by
// TestState) that needs one fails with States.TaskFailed.
func grantTaskRoles(s *ServiceStack, set Settings, partition string) {
	grantAssumeRole([]awslambda.Function{s.Stepper, s.API}, set.TaskRoles, partition)
	grantAssumeRole([]awslambda.Function{s.API}, set.TestStateRoles, partition)
}

func grantAssumeRole(fns []awslambda.Function, entries []string, partition string) {
	if len(entries) == 0 {
		return
	}
	var roles []string
	for _, r := range entries {
		if r == "*" {
			r = "arn:" + partition + ":iam::*:role/*"
		}
		roles = append(roles, r)
	}
	for _, fn := range fns {
		awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
			Grantee: fn, Actions: jsii.Strings("sts:AssumeRole"), ResourceArns: jsii.Strings(roles...),
		})
	}
}
