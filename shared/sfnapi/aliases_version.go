package sfnapi

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

// aliasesRoutingTo lists, in the store's order, the aliases of a state
// machine that route some of their traffic to a version. A machine has at
// most 100 aliases (AWS's quota), so this reads them all.
func (a *API) aliasesRoutingTo(ctx context.Context, smARN, versionARN string) ([]store.Alias, error) {
	var out []store.Alias
	token := ""
	for {
		aliases, next, err := a.st.ListAliases(ctx, smARN, store.Page{Token: token, Limit: 100})
		if err != nil {
			return nil, fmt.Errorf("list aliases: %w", err)
		}
		for _, al := range aliases {
			for _, r := range al.Routes {
				if r.VersionARN == versionARN {
					out = append(out, al)
					break
				}
			}
		}
		if next == "" {
			return out, nil
		}
		token = next
	}
}

// listVersionAliases answers ListStateMachineAliases for a version ARN:
// the aliases that route to that version (AWS's API reference: "If you
// specify a state machine version ARN, this API returns a list of aliases
// for that version").
func (a *API) listVersionAliases(ctx context.Context, in listVersionsIn, ref smRef) (listAliasesOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return listAliasesOut{}, err
	}
	if _, err := a.st.GetVersion(ctx, in.StateMachineArn); err != nil {
		return listAliasesOut{}, notFound(err, errStateMachineDoesNotExist(in.StateMachineArn), "load version")
	}
	c, err := decodeToken(in.NextToken, "aliases|"+in.StateMachineArn)
	if err != nil {
		return listAliasesOut{}, err
	}
	als, err := a.aliasesRoutingTo(ctx, ref.Base, in.StateMachineArn)
	if err != nil {
		return listAliasesOut{}, err
	}
	page, next := offsetPage(als, c, size)
	out := listAliasesOut{StateMachineAliases: make([]aliasItem, 0, len(page)), NextToken: next}
	for _, al := range page {
		out.StateMachineAliases = append(out.StateMachineAliases, aliasItem{al.ARN, ts(al.CreationDate)})
	}
	return out, nil
}
