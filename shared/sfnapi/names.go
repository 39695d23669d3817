package sfnapi

import (
	"context"
	"strconv"
	"strings"
	"unicode"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/store"
)

// maxName is AWS's length limit of resource and execution names.
const maxName = 80

// validName applies AWS's naming rules: 1-80 characters, no whitespace,
// brackets, wildcards, special or control characters.
func validName(name string) bool {
	if name == "" || len([]rune(name)) > maxName {
		return false
	}
	for _, r := range name {
		if unicode.IsSpace(r) || r <= 0x1f || (r >= 0x7f && r <= 0x9f) ||
			strings.ContainsRune("<>{}[]?*\"#%\\^|~`$&,;:/", r) {
			return false
		}
	}
	return true
}

// smRef is a parsed state machine ARN, possibly qualified by a version
// number or an alias name.
type smRef struct {
	Base      string // unqualified state machine ARN
	Name      string
	Qualifier string // "" unqualified
	IsVersion bool
}

// parseSM parses a (qualified) state machine ARN. A labeled ARN
// (<machine>/<label>, a Distributed Map's) is refused: only
// DescribeStateMachine takes one (see parseLabeledSM).
func parseSM(s string) (smRef, error) {
	ref, err := parseLabeledSM(s)
	if err == nil && ref.Labeled() {
		return smRef{}, errLabeledArn(s)
	}
	return ref, err
}

// Labeled reports whether the ARN names a Distributed Map's state machine.
func (r smRef) Labeled() bool { return strings.Contains(r.Name, "/") }

// parseLabeledSM parses a state machine ARN that may be labeled.
func parseLabeledSM(s string) (smRef, error) {
	p, err := parseARN(s, "stateMachine")
	if err != nil {
		return smRef{}, err
	}
	if len(p.Resource) > 2 {
		return smRef{}, errInvalidArn(s)
	}
	ref := smRef{Name: p.Resource[0]}
	ref.Base = p.Scope.StateMachine(ref.Name)
	if len(p.Resource) == 2 {
		ref.Qualifier = p.Resource[1]
		_, err := strconv.Atoi(ref.Qualifier)
		ref.IsVersion = err == nil
	}
	return ref, nil
}

// parseARN parses a Step Functions ARN of resource type typ.
func parseARN(s, typ string) (arn.Parsed, error) {
	if s == "" {
		return arn.Parsed{}, errInvalidArn(s)
	}
	p, err := arn.Parse(s)
	if err != nil {
		return arn.Parsed{}, errInvalidArnReason("Invalid ARN prefix: " + s)
	}
	if p.Type != typ {
		return arn.Parsed{}, errInvalidArnReason("Resource type not valid in this context: " + p.Type)
	}
	return p, nil
}

// resolved is what a (qualified) state machine ARN names.
type resolved struct {
	SM      store.StateMachine
	Version *store.Version // set for version ARNs and (routed) aliases
	Alias   *store.Alias
}

// resolve loads the state machine, version or alias an ARN names;
// missing pieces are StateMachineDoesNotExist, as AWS reports them.
func (a *API) resolve(ctx context.Context, s string) (resolved, smRef, error) {
	ref, err := parseSM(s)
	if err != nil {
		return resolved{}, ref, err
	}
	sm, err := a.st.GetStateMachine(ctx, ref.Base)
	if err != nil {
		return resolved{}, ref, notFound(err, errStateMachineDoesNotExist(s), "load state machine")
	}
	r := resolved{SM: sm}
	switch {
	case ref.Qualifier == "":
	case ref.IsVersion:
		v, err := a.st.GetVersion(ctx, s)
		if err != nil {
			return r, ref, notFound(err, errStateMachineDoesNotExist(s), "load version")
		}
		r.Version = &v
	default:
		al, err := a.st.GetAlias(ctx, s)
		if err != nil {
			return r, ref, notFound(err, errStateMachineDoesNotExist(s), "load alias")
		}
		r.Alias = &al
	}
	return r, ref, nil
}
