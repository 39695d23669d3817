package jobtask

import (
	"strings"
)

// IAMActions are the IAM actions a resource of these integrations needs
// ("athena:StartQueryExecution", …): the action itself, and for .sync the
// calls that poll and stop its job. Nil for a resource that is not one of
// them. The deployment's policy is built from it.
func IAMActions(resource string) []string {
	rest := strings.TrimPrefix(resource, resourcePrefix)
	name, api, _ := strings.Cut(rest, ":")
	api, pattern, _ := strings.Cut(api, ".")
	for _, s := range services() {
		act := s.actions[api]
		if s.name != name || act == nil || !act.supports(pattern) {
			continue
		}
		out := []string{iamAction(s.name, act.sdk)}
		if pattern == "sync" {
			out = append(out, iamAction(s.name, act.job.describe), iamAction(s.name, act.job.stop))
		}
		return out
	}
	return nil
}

// iamAction is "service:Action" for an SDK action name ("getJobRun").
func iamAction(service, action string) string {
	return service + ":" + strings.ToUpper(action[:1]) + action[1:]
}
