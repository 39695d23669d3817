package sfnapi

import (
	"context"
	"errors"
	"fmt"

	"github.com/stepwise/stepwise/shared/store"
)

type createStateMachineIn struct {
	Name                 string         `json:"name"`
	Definition           string         `json:"definition"`
	RoleArn              string         `json:"roleArn"`
	Type                 string         `json:"type"`
	Tags                 []tag          `json:"tags"`
	LoggingConfiguration *loggingConfig `json:"loggingConfiguration"`
	TracingConfiguration *tracingConfig `json:"tracingConfiguration"`
	// EncryptionConfiguration is echoed by the Describe operations.
	EncryptionConfiguration *encryptionConfig `json:"encryptionConfiguration"`
	Publish                 bool              `json:"publish"`
	VersionDescription      string            `json:"versionDescription"`
}

type createStateMachineOut struct {
	StateMachineArn        string `json:"stateMachineArn"`
	CreationDate           *epoch `json:"creationDate"`
	StateMachineVersionArn string `json:"stateMachineVersionArn,omitempty"`
}

// newStateMachine validates a create request into a record.
func (a *API) newStateMachine(in createStateMachineIn) (store.StateMachine, error) {
	if in.Name == "" {
		return store.StateMachine{}, errRequired("name")
	}
	if !validName(in.Name) {
		return store.StateMachine{}, errInvalidName(in.Name)
	}
	typ, err := checkType(in.Type)
	if err != nil {
		return store.StateMachine{}, err
	}
	if err := checkDefinition(in.Definition, typ); err != nil {
		return store.StateMachine{}, err
	}
	if err := checkRole(in.RoleArn); err != nil {
		return store.StateMachine{}, err
	}
	logging, err := loggingText(in.LoggingConfiguration)
	if err != nil {
		return store.StateMachine{}, err
	}
	if err := checkTags(in.Tags); err != nil {
		return store.StateMachine{}, err
	}
	if in.VersionDescription != "" && !in.Publish {
		return store.StateMachine{}, errValidation("Version description can only be set when publish is true")
	}
	now := a.opts.Now()
	return store.StateMachine{
		ARN: a.opts.Scope.StateMachine(in.Name), Name: in.Name, Type: typ, Definition: in.Definition,
		RoleARN: in.RoleArn, RevisionID: a.initialRevision(), CreationDate: now, UpdateDate: now,
		LoggingConfiguration: logging, TracingConfiguration: tracingText(in.TracingConfiguration),
		EncryptionConfiguration: encryptionText(in.EncryptionConfiguration), NextVersion: 1,
	}, nil
}

func createStateMachine(a *API, ctx context.Context, in createStateMachineIn) (createStateMachineOut, error) {
	sm, err := a.newStateMachine(in)
	if err != nil {
		return createStateMachineOut{}, err
	}
	err = a.st.CreateStateMachine(ctx, sm)
	if errors.Is(err, store.ErrExists) {
		return a.recreate(ctx, sm, in)
	}
	if err != nil {
		return createStateMachineOut{}, fmt.Errorf("create state machine: %w", err)
	}
	if err := a.addTags(ctx, sm.ARN, in.Tags); err != nil {
		return createStateMachineOut{}, err
	}
	out := createStateMachineOut{StateMachineArn: sm.ARN, CreationDate: ts(sm.CreationDate)}
	if in.Publish {
		v, err := a.publish(ctx, sm, "", in.VersionDescription)
		if err != nil {
			return out, err
		}
		out.StateMachineVersionArn = v.ARN
	}
	return out, nil
}

// recreate answers a create of an existing name: AWS treats it as
// idempotent when definition, type and configurations match (role and
// tags are ignored), and as StateMachineAlreadyExists otherwise.
func (a *API) recreate(ctx context.Context, sm store.StateMachine, in createStateMachineIn) (createStateMachineOut, error) {
	cur, err := a.st.GetStateMachine(ctx, sm.ARN)
	if err != nil {
		return createStateMachineOut{}, fmt.Errorf("load existing state machine: %w", err)
	}
	if cur.Definition != sm.Definition || cur.Type != sm.Type ||
		orDefault(cur.LoggingConfiguration, defaultLogging) != orDefault(sm.LoggingConfiguration, defaultLogging) ||
		orDefault(cur.TracingConfiguration, defaultTracing) != orDefault(sm.TracingConfiguration, defaultTracing) {
		return createStateMachineOut{}, newError(CodeStateMachineAlreadyExists, "State Machine Already Exists: '%s'", sm.ARN)
	}
	out := createStateMachineOut{StateMachineArn: cur.ARN, CreationDate: ts(cur.CreationDate)}
	if in.Publish {
		v, err := a.publish(ctx, cur, "", in.VersionDescription)
		if err != nil {
			return out, err
		}
		out.StateMachineVersionArn = v.ARN
	}
	return out, nil
}

type smArnIn struct {
	StateMachineArn string `json:"stateMachineArn"`
}

type describeStateMachineIn struct {
	StateMachineArn string `json:"stateMachineArn"`
	IncludedData    string `json:"includedData"`
}

// metadataOnly is the definition AWS answers for includedData
// METADATA_ONLY: none, as "{}".
const metadataOnly = "{}"

type describeStateMachineOut struct {
	StateMachineArn         string              `json:"stateMachineArn"`
	Name                    string              `json:"name"`
	Status                  string              `json:"status"`
	Definition              string              `json:"definition"`
	RoleArn                 string              `json:"roleArn"`
	Type                    string              `json:"type"`
	CreationDate            *epoch              `json:"creationDate"`
	LoggingConfiguration    rawText             `json:"loggingConfiguration"`
	TracingConfiguration    rawText             `json:"tracingConfiguration"`
	RevisionId              string              `json:"revisionId,omitempty"`
	Description             string              `json:"description,omitempty"`
	EncryptionConfiguration *encryptionConfig   `json:"encryptionConfiguration"`
	VariableReferences      map[string][]string `json:"variableReferences,omitempty"`
	Label                   string              `json:"label,omitempty"`
}

func describeStateMachine(a *API, ctx context.Context, in describeStateMachineIn) (describeStateMachineOut, error) {
	if in.StateMachineArn == "" {
		return describeStateMachineOut{}, errRequired("stateMachineArn")
	}
	if ref, err := parseLabeledSM(in.StateMachineArn); err == nil && ref.Labeled() {
		return a.describeMapMachine(ctx, in)
	}
	r, _, err := a.resolve(ctx, in.StateMachineArn)
	if err != nil {
		return describeStateMachineOut{}, err
	}
	sm := r.SM
	out := describeStateMachineOut{
		StateMachineArn: sm.ARN, Name: sm.Name, Status: "ACTIVE", Definition: sm.Definition,
		RoleArn: sm.RoleARN, Type: sm.Type, CreationDate: ts(sm.CreationDate),
		LoggingConfiguration: rawText(orDefault(sm.LoggingConfiguration, defaultLogging)),
		TracingConfiguration: rawText(orDefault(sm.TracingConfiguration, defaultTracing)),
		RevisionId:           wireRevision(sm.RevisionID), Description: sm.Description,
	}
	// A version ARN describes that version, as AWS does.
	if v := r.Version; v != nil {
		out.StateMachineArn, out.Definition, out.RoleArn = v.ARN, v.Definition, v.RoleARN
		out.CreationDate, out.RevisionId, out.Description = ts(v.CreationDate), wireRevision(v.RevisionID), v.Description
		out.EncryptionConfiguration = encryptionOf(v.EncryptionConfiguration)
	} else {
		out.EncryptionConfiguration = encryptionOf(sm.EncryptionConfiguration)
	}
	out.VariableReferences = variableReferences(out.Definition)
	if in.IncludedData == "METADATA_ONLY" {
		out.Definition = metadataOnly
	}
	return out, nil
}

func deleteStateMachine(a *API, ctx context.Context, in smArnIn) (struct{}, error) {
	if in.StateMachineArn == "" {
		return struct{}{}, errRequired("stateMachineArn")
	}
	ref, err := parseSM(in.StateMachineArn)
	if err != nil {
		return struct{}{}, err
	}
	if ref.Qualifier != "" {
		return struct{}{}, errValidation("Service does not support deleting a qualified state machine ARN; use DeleteStateMachineVersion or DeleteStateMachineAlias")
	}
	if err := a.deleteChildren(ctx, ref.Base); err != nil {
		return struct{}{}, err
	}
	// Deleting an absent state machine succeeds, as in AWS.
	if err := a.st.DeleteStateMachine(ctx, ref.Base); err != nil && !errors.Is(err, store.ErrNotFound) {
		return struct{}{}, fmt.Errorf("delete state machine: %w", err)
	}
	return struct{}{}, a.st.PutTags(ctx, ref.Base, nil)
}

// deleteChildren removes a state machine's aliases and versions.
func (a *API) deleteChildren(ctx context.Context, smARN string) error {
	for {
		aliases, _, err := a.st.ListAliases(ctx, smARN, store.Page{Limit: 100})
		if err != nil {
			return fmt.Errorf("list aliases: %w", err)
		}
		versions, _, err := a.st.ListVersions(ctx, smARN, store.Page{Limit: 100})
		if err != nil {
			return fmt.Errorf("list versions: %w", err)
		}
		if len(aliases)+len(versions) == 0 {
			return nil
		}
		for _, al := range aliases {
			if err := a.st.DeleteAlias(ctx, al.ARN); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("delete alias: %w", err)
			}
		}
		for _, v := range versions {
			if err := a.st.DeleteVersion(ctx, v.ARN); err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("delete version: %w", err)
			}
		}
	}
}
