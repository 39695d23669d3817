package sfnapi

import "strings"

// initialPrefix marks the revision a state machine is created with. AWS
// gives a state machine no revisionId until an update changes its
// definition or role, so neither the machine nor versions published from
// that first revision report one; the store still needs an id for its
// optimistic concurrency, hence a marked one that never goes on the wire.
const initialPrefix = "initial-"

// initialRevision returns the hidden id of a new state machine's revision.
func (a *API) initialRevision() string { return initialPrefix + a.opts.NewID() }

// wireRevision is the revisionId AWS reports for a stored revision id:
// none for the initial revision.
func wireRevision(id string) string {
	if strings.HasPrefix(id, initialPrefix) {
		return ""
	}
	return id
}

// initialRevisionID is what a client passes as PublishStateMachineVersion's
// revisionId for a state machine that has no revisionId yet (AWS's API
// reference: "specify the string INITIAL").
const initialRevisionID = "INITIAL"

// revisionMatches reports whether a client's expected revisionId names the
// stored revision: its wire id, or INITIAL for the initial revision.
func revisionMatches(expected, stored string) bool {
	if wire := wireRevision(stored); wire != "" {
		return expected == wire
	}
	return expected == initialRevisionID
}
