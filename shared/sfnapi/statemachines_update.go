package sfnapi

import (
	"context"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

type updateStateMachineIn struct {
	StateMachineArn      string         `json:"stateMachineArn"`
	Definition           string         `json:"definition"`
	RoleArn              string         `json:"roleArn"`
	LoggingConfiguration *loggingConfig `json:"loggingConfiguration"`
	TracingConfiguration *tracingConfig `json:"tracingConfiguration"`
	// EncryptionConfiguration replaces the stored one (AWS accepts it here too).
	EncryptionConfiguration *encryptionConfig `json:"encryptionConfiguration"`
	Publish                 bool              `json:"publish"`
	VersionDescription      string            `json:"versionDescription"`
}

type updateStateMachineOut struct {
	UpdateDate             *epoch `json:"updateDate"`
	RevisionId             string `json:"revisionId,omitempty"`
	StateMachineVersionArn string `json:"stateMachineVersionArn,omitempty"`
}

// applyUpdate validates in and applies it to sm.
func applyUpdate(sm store.StateMachine, in updateStateMachineIn) (store.StateMachine, error) {
	if in.Definition == "" && in.RoleArn == "" && in.LoggingConfiguration == nil && in.TracingConfiguration == nil &&
		in.EncryptionConfiguration == nil {
		return sm, newError(CodeMissingRequiredParameter, "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
	}
	if in.VersionDescription != "" && !in.Publish {
		return sm, errValidation("Version description can only be set when publish is true")
	}
	if in.Definition != "" {
		if err := checkDefinition(in.Definition, sm.Type); err != nil {
			return sm, err
		}
		sm.Definition = in.Definition
	}
	if in.RoleArn != "" {
		if err := checkRole(in.RoleArn); err != nil {
			return sm, err
		}
		sm.RoleARN = in.RoleArn
	}
	if in.LoggingConfiguration != nil {
		text, err := loggingText(in.LoggingConfiguration)
		if err != nil {
			return sm, err
		}
		sm.LoggingConfiguration = text
	}
	if in.TracingConfiguration != nil {
		sm.TracingConfiguration = tracingText(in.TracingConfiguration)
	}
	if in.EncryptionConfiguration != nil {
		sm.EncryptionConfiguration = encryptionText(in.EncryptionConfiguration)
	}
	return sm, nil
}

func updateStateMachine(a *API, ctx context.Context, in updateStateMachineIn) (updateStateMachineOut, error) {
	if in.StateMachineArn == "" {
		return updateStateMachineOut{}, errRequired("stateMachineArn")
	}
	ref, err := parseSM(in.StateMachineArn)
	if err != nil {
		return updateStateMachineOut{}, err
	}
	// A version or alias is no state machine that can be updated.
	if ref.Qualifier != "" {
		return updateStateMachineOut{}, errStateMachineDoesNotExist(in.StateMachineArn)
	}
	cur, err := a.st.GetStateMachine(ctx, ref.Base)
	if err != nil {
		return updateStateMachineOut{}, notFound(err, errStateMachineDoesNotExist(in.StateMachineArn), "load state machine")
	}
	next, err := applyUpdate(cur, in)
	if err != nil {
		return updateStateMachineOut{}, err
	}
	// A change of definition, role, logging or encryption configuration
	// (what the API reference says UpdateStateMachine modifies) makes a new
	// revision; an update that changes nothing keeps it (recorded for the
	// logging configuration).
	if next.Definition != cur.Definition || next.RoleARN != cur.RoleARN ||
		orDefault(next.LoggingConfiguration, defaultLogging) != orDefault(cur.LoggingConfiguration, defaultLogging) ||
		encryptionText(encryptionOf(next.EncryptionConfiguration)) != encryptionText(encryptionOf(cur.EncryptionConfiguration)) {
		next.RevisionID = a.opts.NewID()
	}
	next.UpdateDate = a.opts.Now()
	if err := a.st.UpdateStateMachine(ctx, next, cur.RevisionID); err != nil {
		return updateStateMachineOut{}, fmt.Errorf("update state machine: %w", err)
	}
	out := updateStateMachineOut{UpdateDate: ts(next.UpdateDate), RevisionId: wireRevision(next.RevisionID)}
	if in.Publish {
		v, err := a.publish(ctx, next, "", in.VersionDescription)
		if err != nil {
			return out, err
		}
		out.StateMachineVersionArn = v.ARN
	}
	return out, nil
}

type listIn struct {
	MaxResults int    `json:"maxResults"`
	NextToken  string `json:"nextToken"`
}

type stateMachineItem struct {
	StateMachineArn string `json:"stateMachineArn"`
	Name            string `json:"name"`
	Type            string `json:"type"`
	CreationDate    *epoch `json:"creationDate"`
}

type listStateMachinesOut struct {
	StateMachines []stateMachineItem `json:"stateMachines"`
	NextToken     string             `json:"nextToken,omitempty"`
}

func listStateMachines(a *API, ctx context.Context, in listIn) (listStateMachinesOut, error) {
	size, err := pageSize(in.MaxResults, 1000)
	if err != nil {
		return listStateMachinesOut{}, err
	}
	const scope = "ListStateMachines"
	c, err := decodeToken(in.NextToken, scope)
	if err != nil {
		return listStateMachinesOut{}, err
	}
	sms, next, err := a.st.ListStateMachines(ctx, store.Page{Token: c.Store, Limit: size})
	if err != nil {
		return listStateMachinesOut{}, fmt.Errorf("list state machines: %w", err)
	}
	out := listStateMachinesOut{StateMachines: make([]stateMachineItem, 0, len(sms)), NextToken: storeNext(next, scope)}
	for _, sm := range sms {
		out.StateMachines = append(out.StateMachines, stateMachineItem{sm.ARN, sm.Name, sm.Type, ts(sm.CreationDate)})
	}
	return out, nil
}
