package sfnapi

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/stepwise/stepwise/shared/store"
)

// aliasName is AWS's alias name pattern: word characters, '-' and '.',
// not digits only (that would read as a version number).
var aliasName = regexp.MustCompile(`^[a-zA-Z0-9_.-]*[a-zA-Z_.-][a-zA-Z0-9_.-]*$`)

type route struct {
	StateMachineVersionArn string `json:"stateMachineVersionArn"`
	Weight                 int    `json:"weight"`
}

// checkRouting validates a routing configuration (its size and weights
// are the model's, checked by the constraints table) and returns the state
// machine ARN its versions belong to. Messages recorded from AWS quote
// what was received.
func (a *API) checkRouting(ctx context.Context, rs []route) (string, []store.Route, error) {
	arns, weights := make([]string, len(rs)), make([]string, len(rs))
	sum := 0
	for i, r := range rs {
		arns[i], weights[i] = r.StateMachineVersionArn, strconv.Itoa(r.Weight)
		sum += r.Weight
	}
	received := func(list []string) string { return " Received: [" + strings.Join(list, ", ") + "]" }
	base := ""
	for _, r := range rs {
		ref, err := parseSM(r.StateMachineVersionArn)
		if err != nil {
			return "", nil, err
		}
		if !ref.IsVersion {
			return "", nil, routingError("Routing configuration must contain state machine version ARNs." + received(arns))
		}
		if base != "" && ref.Base != base {
			return "", nil, routingError("Routing configuration must contain versions of the same state machine." + received(arns))
		}
		base = ref.Base
	}
	if len(rs) == 2 && arns[0] == arns[1] {
		return "", nil, routingError("Routing configuration must contain distinct state machine version ARNs." + received(arns))
	}
	if sum != 100 {
		return "", nil, routingError("Sum of routing configuration weights must equal 100." + received(weights))
	}
	out := make([]store.Route, 0, len(rs))
	for _, r := range rs {
		if _, err := a.st.GetVersion(ctx, r.StateMachineVersionArn); err != nil {
			return "", nil, notFound(err, errResourceNotFound(r.StateMachineVersionArn), "load version")
		}
		out = append(out, store.Route{VersionARN: r.StateMachineVersionArn, Weight: r.Weight})
	}
	return base, out, nil
}

type createAliasIn struct {
	Name                 string  `json:"name"`
	Description          string  `json:"description"`
	RoutingConfiguration []route `json:"routingConfiguration"`
}

type createAliasOut struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
	CreationDate         *epoch `json:"creationDate"`
}

func createStateMachineAlias(a *API, ctx context.Context, in createAliasIn) (createAliasOut, error) {
	base, routes, err := a.checkRouting(ctx, in.RoutingConfiguration)
	if err != nil {
		return createAliasOut{}, err
	}
	now := a.opts.Now()
	al := store.Alias{ARN: base + ":" + in.Name, StateMachineARN: base, Name: in.Name, Description: in.Description,
		Routes: routes, CreationDate: now, UpdateDate: now}
	err = a.st.CreateAlias(ctx, al)
	if errors.Is(err, store.ErrExists) {
		cur, gerr := a.st.GetAlias(ctx, al.ARN)
		if gerr != nil {
			return createAliasOut{}, fmt.Errorf("load alias: %w", gerr)
		}
		if cur.Description != al.Description || !reflect.DeepEqual(cur.Routes, al.Routes) {
			return createAliasOut{}, errConflict("Failed to create alias because an alias with the same name and a different routing configuration already exists.")
		}
		return createAliasOut{StateMachineAliasArn: cur.ARN, CreationDate: ts(cur.CreationDate)}, nil
	}
	if err != nil {
		return createAliasOut{}, fmt.Errorf("create alias: %w", err)
	}
	return createAliasOut{StateMachineAliasArn: al.ARN, CreationDate: ts(al.CreationDate)}, nil
}

type aliasArnIn struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
}

// checkAliasArn validates an alias ARN.
func checkAliasArn(s string) error {
	if s == "" {
		return errRequired("stateMachineAliasArn")
	}
	ref, err := parseSM(s)
	if err != nil {
		return err
	}
	if ref.Qualifier == "" || ref.IsVersion {
		return errInvalidArn(s)
	}
	return nil
}

// loadAlias validates an alias ARN and loads the alias.
func (a *API) loadAlias(ctx context.Context, s string) (store.Alias, error) {
	if err := checkAliasArn(s); err != nil {
		return store.Alias{}, err
	}
	al, err := a.st.GetAlias(ctx, s)
	if err != nil {
		return al, notFound(err, errNoSuchResource(), "load alias")
	}
	return al, nil
}

type describeAliasOut struct {
	StateMachineAliasArn string  `json:"stateMachineAliasArn"`
	Name                 string  `json:"name"`
	Description          string  `json:"description,omitempty"`
	RoutingConfiguration []route `json:"routingConfiguration"`
	CreationDate         *epoch  `json:"creationDate"`
	UpdateDate           *epoch  `json:"updateDate"`
}

func describeStateMachineAlias(a *API, ctx context.Context, in aliasArnIn) (describeAliasOut, error) {
	al, err := a.loadAlias(ctx, in.StateMachineAliasArn)
	if err != nil {
		return describeAliasOut{}, err
	}
	out := describeAliasOut{StateMachineAliasArn: al.ARN, Name: al.Name, Description: al.Description,
		CreationDate: ts(al.CreationDate), UpdateDate: ts(al.UpdateDate)}
	for _, r := range al.Routes {
		out.RoutingConfiguration = append(out.RoutingConfiguration, route{r.VersionARN, r.Weight})
	}
	return out, nil
}

type updateAliasIn struct {
	StateMachineAliasArn string  `json:"stateMachineAliasArn"`
	Description          *string `json:"description"`
	RoutingConfiguration []route `json:"routingConfiguration"`
}

type updateAliasOut struct {
	UpdateDate *epoch `json:"updateDate"`
}

func updateStateMachineAlias(a *API, ctx context.Context, in updateAliasIn) (updateAliasOut, error) {
	al, err := a.loadAlias(ctx, in.StateMachineAliasArn)
	if err != nil {
		return updateAliasOut{}, err
	}
	if in.Description == nil && in.RoutingConfiguration == nil {
		return updateAliasOut{}, errValidationReason(ReasonMissingRequiredParameter, "Either the description or the RoutingConfiguration must be specified")
	}
	if in.Description != nil {
		al.Description = *in.Description
	}
	if in.RoutingConfiguration != nil {
		base, routes, err := a.checkRouting(ctx, in.RoutingConfiguration)
		if err != nil {
			return updateAliasOut{}, err
		}
		if base != al.StateMachineARN {
			return updateAliasOut{}, routingError("Routing configuration must contain versions of the alias's state machine")
		}
		al.Routes = routes
	}
	al.UpdateDate = a.opts.Now()
	if err := a.st.UpdateAlias(ctx, al); err != nil {
		return updateAliasOut{}, notFound(err, errNoSuchResource(), "update alias")
	}
	return updateAliasOut{UpdateDate: ts(al.UpdateDate)}, nil
}

// deleteStateMachineAlias succeeds for an alias that does not exist
// (recorded: deleting an alias twice).
func deleteStateMachineAlias(a *API, ctx context.Context, in aliasArnIn) (struct{}, error) {
	if err := checkAliasArn(in.StateMachineAliasArn); err != nil {
		return struct{}{}, err
	}
	if err := a.st.DeleteAlias(ctx, in.StateMachineAliasArn); err != nil && !errors.Is(err, store.ErrNotFound) {
		return struct{}{}, fmt.Errorf("delete alias: %w", err)
	}
	return struct{}{}, nil
}

type aliasItem struct {
	StateMachineAliasArn string `json:"stateMachineAliasArn"`
	CreationDate         *epoch `json:"creationDate"`
}

type listAliasesOut struct {
	StateMachineAliases []aliasItem `json:"stateMachineAliases"`
	NextToken           string      `json:"nextToken,omitempty"`
}

func listStateMachineAliases(a *API, ctx context.Context, in listVersionsIn) (listAliasesOut, error) {
	if ref, err := parseSM(in.StateMachineArn); err == nil && ref.IsVersion {
		return a.listVersionAliases(ctx, in, ref)
	}
	ref, size, c, err := a.listChildren(ctx, in.StateMachineArn, in.MaxResults, in.NextToken, "aliases")
	if err != nil {
		return listAliasesOut{}, err
	}
	als, next, err := a.st.ListAliases(ctx, ref.Base, store.Page{Token: c.Store, Limit: size})
	if err != nil {
		return listAliasesOut{}, fmt.Errorf("list aliases: %w", err)
	}
	out := listAliasesOut{StateMachineAliases: make([]aliasItem, 0, len(als)), NextToken: storeNext(next, c.Scope)}
	for _, al := range als {
		out.StateMachineAliases = append(out.StateMachineAliases, aliasItem{al.ARN, ts(al.CreationDate)})
	}
	return out, nil
}

// routingError is AWS's ValidationException for a routing configuration
// that cannot route (its reason: INVALID_ROUTING_CONFIGURATION).
func routingError(msg string) *Error {
	return errValidationReason(ReasonInvalidRoutingConfiguration, msg)
}
