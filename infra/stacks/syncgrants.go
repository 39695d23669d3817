package stacks

import (
	"regexp"
	"strings"

	"github.com/stepwise/stepwise/shared/task/jobtask"
)

// syncAction is an allowedServiceActions action in Step Functions' own
// resource form for a job run to completion ("glue:startJobRun.sync"):
// the stepper then also needs the calls that poll and stop the job.
var syncAction = regexp.MustCompile(`^([a-z]+):([A-Za-z]+)\.sync$`)

// syncGrants expands a .sync entry into its grants: the start action on
// the listed resource, and the poll and stop actions (from jobtask's
// table) on the resources they act on. ok is false for any other action.
func syncGrants(action, resource string) (grants []serviceGrant, ok bool) {
	m := syncAction.FindStringSubmatch(action)
	if m == nil {
		return nil, false
	}
	actions := jobtask.IAMActions("arn:aws:states:::" + action)
	if len(actions) == 0 {
		return nil, false
	}
	grants = []serviceGrant{{action: actions[0], resource: resource}}
	for _, a := range actions[1:] {
		grants = append(grants, serviceGrant{action: a, resource: jobResource(m[1], a, resource)})
	}
	return grants, true
}

// jobResource is the resource a poll or stop action acts on, given the
// resource the start action was granted on. Athena's workgroup, Glue's
// job and CodeBuild's project are the same ARN; ECS polls and stops the
// tasks it ran, Batch terminates jobs, and batch:DescribeJobs supports no
// resource-level permission at all (AWS's own .sync policy grants "*").
func jobResource(service, action, startResource string) string {
	switch {
	case action == "batch:DescribeJobs":
		return "*"
	case service == "ecs":
		return sameAccount(startResource, "task/*")
	case service == "batch":
		return sameAccount(startResource, "job/*")
	}
	return startResource
}

// sameAccount is an ARN of the start resource's partition, service,
// region and account naming resource; "*" when the start resource is.
func sameAccount(arn, resource string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return "*"
	}
	return strings.Join(append(parts[:5], resource), ":")
}

// isSyncAction reports whether action is the .sync form of a job
// integration Stepwise runs.
func isSyncAction(action string) bool {
	_, ok := syncGrants(action, "*")
	return ok
}
