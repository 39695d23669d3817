package task

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// ASL error names the mux reports (spelled as in asl/errors.go; the port
// does not import the definitions layer).
const (
	errTaskFailed  = "States.TaskFailed"
	errPermissions = "States.Permissions"
)

// Mux is an Invoker that routes each request by resource ARN prefix to the
// invoker registered for the longest matching prefix. An optional allow-list
// restricts which resources may run at all. Register every route before the
// first Invoke; a Mux is then safe for concurrent use.
type Mux struct {
	routes  []route
	allowed []string // nil: every resource is allowed
}

type route struct {
	prefix string
	inv    Invoker
}

var _ Invoker = (*Mux)(nil)

// Handle routes resources starting with prefix to inv, replacing an earlier
// registration of the same prefix.
func (m *Mux) Handle(prefix string, inv Invoker) {
	for i := range m.routes {
		if m.routes[i].prefix == prefix {
			m.routes[i].inv = inv
			return
		}
	}
	m.routes = append(m.routes, route{prefix, inv})
	sort.SliceStable(m.routes, func(i, j int) bool { return len(m.routes[i].prefix) > len(m.routes[j].prefix) })
}

// Allow restricts the mux to resources matching one of patterns: exact ARNs,
// or patterns where '*' stands for any run of characters (the semantics of
// STEPWISE_ALLOWED_TASK_RESOURCES). Calls add up; empty patterns are ignored.
func (m *Mux) Allow(patterns ...string) {
	if m.allowed == nil {
		m.allowed = []string{}
	}
	for _, p := range patterns {
		if p = strings.TrimSpace(p); p != "" {
			m.allowed = append(m.allowed, p)
		}
	}
}

// Invoke runs req on the invoker of its resource.
func (m *Mux) Invoke(ctx context.Context, req Request) (Result, error) {
	if !m.permitted(req.Resource) {
		return Failure(errPermissions, fmt.Sprintf(
			"The resource '%s' is not allowed to run here: it matches no entry of the allowed task resources.", req.Resource)), nil
	}
	for _, r := range m.routes {
		if strings.HasPrefix(req.Resource, r.prefix) {
			return r.inv.Invoke(ctx, req)
		}
	}
	return Failure(errTaskFailed, fmt.Sprintf("No task invoker is configured for the resource '%s'.", req.Resource)), nil
}

func (m *Mux) permitted(resource string) bool {
	if m.allowed == nil {
		return true
	}
	for _, p := range m.allowed {
		if MatchResource(p, resource) {
			return true
		}
	}
	return false
}

// MatchResource reports whether resource matches pattern, where '*' matches
// any run of characters (':' and '/' included) and everything else matches
// itself.
func MatchResource(pattern, resource string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == resource
	}
	if !strings.HasPrefix(resource, parts[0]) {
		return false
	}
	rest := resource[len(parts[0]):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(rest, mid)
		if i < 0 {
			return false
		}
		rest = rest[i+len(mid):]
	}
	return strings.HasSuffix(rest, parts[len(parts)-1])
}
