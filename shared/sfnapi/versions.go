package sfnapi

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/stepwise/stepwise/shared/store"
)

// publish makes sm's current revision a version. It is idempotent: if the
// newest version already holds this revision, that version is returned.
// expectRevision, when set, must be the current revision.
func (a *API) publish(ctx context.Context, sm store.StateMachine, expectRevision, description string) (store.Version, error) {
	if expectRevision != "" && !revisionMatches(expectRevision, sm.RevisionID) {
		current := wireRevision(sm.RevisionID)
		if current == "" {
			current = "null" // AWS's (Java) text for the revision it reports as none
		}
		return store.Version{}, errConflict("Failed to publish the State Machine version for revision %s. The current State Machine revision is %s.", expectRevision, current)
	}
	latest, _, err := a.st.ListVersions(ctx, sm.ARN, store.Page{Limit: 1})
	if err != nil {
		return store.Version{}, fmt.Errorf("list versions: %w", err)
	}
	if len(latest) == 1 && latest[0].RevisionID == sm.RevisionID {
		return latest[0], nil
	}
	n := max(sm.NextVersion, 1)
	v := store.Version{
		ARN: fmt.Sprintf("%s:%d", sm.ARN, n), StateMachineARN: sm.ARN, Number: n, RevisionID: sm.RevisionID,
		Definition: sm.Definition, RoleARN: sm.RoleARN, Description: description, CreationDate: a.opts.Now(),
		EncryptionConfiguration: sm.EncryptionConfiguration,
	}
	// Claim the number first: a concurrent publisher then fails the
	// conditional update instead of overwriting our version.
	claimed := sm
	claimed.NextVersion = n + 1
	if err := a.st.UpdateStateMachine(ctx, claimed, sm.RevisionID); err != nil {
		return store.Version{}, fmt.Errorf("claim version number: %w", err)
	}
	if err := a.st.CreateVersion(ctx, v); err != nil {
		return store.Version{}, fmt.Errorf("create version: %w", err)
	}
	return v, nil
}

type publishIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	RevisionId      string `json:"revisionId"`
	Description     string `json:"description"`
}

type publishOut struct {
	CreationDate           *epoch `json:"creationDate"`
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
}

func publishStateMachineVersion(a *API, ctx context.Context, in publishIn) (publishOut, error) {
	if in.StateMachineArn == "" {
		return publishOut{}, errRequired("stateMachineArn")
	}
	if len(in.Description) > 256 {
		return publishOut{}, errTooLong("description", 256)
	}
	ref, err := parseSM(in.StateMachineArn)
	if err != nil {
		return publishOut{}, err
	}
	// Only a state machine, not a version or alias, can be published.
	if ref.Qualifier != "" {
		return publishOut{}, errStateMachineDoesNotExist(in.StateMachineArn)
	}
	sm, err := a.st.GetStateMachine(ctx, ref.Base)
	if err != nil {
		return publishOut{}, notFound(err, errStateMachineDoesNotExist(in.StateMachineArn), "load state machine")
	}
	v, err := a.publish(ctx, sm, in.RevisionId, in.Description)
	if err != nil {
		return publishOut{}, err
	}
	return publishOut{CreationDate: ts(v.CreationDate), StateMachineVersionArn: v.ARN}, nil
}

type listVersionsIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	MaxResults      int    `json:"maxResults"`
	NextToken       string `json:"nextToken"`
}

type versionItem struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
	CreationDate           *epoch `json:"creationDate"`
}

type listVersionsOut struct {
	StateMachineVersions []versionItem `json:"stateMachineVersions"`
	NextToken            string        `json:"nextToken,omitempty"`
}

func listStateMachineVersions(a *API, ctx context.Context, in listVersionsIn) (listVersionsOut, error) {
	ref, size, c, err := a.listChildren(ctx, in.StateMachineArn, in.MaxResults, in.NextToken, "versions")
	if err != nil {
		return listVersionsOut{}, err
	}
	vs, next, err := a.st.ListVersions(ctx, ref.Base, store.Page{Token: c.Store, Limit: size})
	if err != nil {
		return listVersionsOut{}, fmt.Errorf("list versions: %w", err)
	}
	out := listVersionsOut{StateMachineVersions: make([]versionItem, 0, len(vs)), NextToken: storeNext(next, c.Scope)}
	for _, v := range vs {
		out.StateMachineVersions = append(out.StateMachineVersions, versionItem{v.ARN, ts(v.CreationDate)})
	}
	return out, nil
}

// listChildren validates a listing of a state machine's versions or
// aliases: its ARN (unqualified, existing), page size and token.
func (a *API) listChildren(ctx context.Context, smArn string, maxResults int, token, kind string) (smRef, int, cursor, error) {
	if smArn == "" {
		return smRef{}, 0, cursor{}, errRequired("stateMachineArn")
	}
	size, err := pageSize(maxResults, 1000)
	if err != nil {
		return smRef{}, 0, cursor{}, err
	}
	ref, err := parseSM(smArn)
	if err != nil {
		return ref, 0, cursor{}, err
	}
	if ref.Qualifier != "" {
		return ref, 0, cursor{}, errInvalidArn(smArn)
	}
	if _, err := a.st.GetStateMachine(ctx, ref.Base); err != nil {
		return ref, 0, cursor{}, notFound(err, errStateMachineDoesNotExist(smArn), "load state machine")
	}
	c, err := decodeToken(token, kind+"|"+ref.Base)
	return ref, size, c, err
}

type versionArnIn struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
}

func deleteStateMachineVersion(a *API, ctx context.Context, in versionArnIn) (struct{}, error) {
	if in.StateMachineVersionArn == "" {
		return struct{}{}, errRequired("stateMachineVersionArn")
	}
	ref, err := parseSM(in.StateMachineVersionArn)
	if err != nil {
		return struct{}{}, err
	}
	if !ref.IsVersion {
		return struct{}{}, errInvalidArn(in.StateMachineVersionArn)
	}
	if err := a.refuseIfAliased(ctx, ref.Base, in.StateMachineVersionArn); err != nil {
		return struct{}{}, err
	}
	// Deleting an absent version succeeds, as in AWS.
	if err := a.st.DeleteVersion(ctx, in.StateMachineVersionArn); err != nil && !errors.Is(err, store.ErrNotFound) {
		return struct{}{}, fmt.Errorf("delete version: %w", err)
	}
	return struct{}{}, nil
}

// refuseIfAliased is AWS's conflict for deleting a version an alias routes
// to; the message names the aliases (recorded: "[prod]", not their ARNs).
func (a *API) refuseIfAliased(ctx context.Context, smARN, versionARN string) error {
	aliases, err := a.aliasesRoutingTo(ctx, smARN, versionARN)
	if err != nil || len(aliases) == 0 {
		return err
	}
	names := make([]string, len(aliases))
	for i, al := range aliases {
		names[i] = al.Name
	}
	return errConflict("Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [%s]", strings.Join(names, ", "))
}
