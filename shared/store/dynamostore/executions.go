package dynamostore

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/stepwise/stepwise/shared/store"
)

const skRecord = "R"

// executionSummary is what gsi2 projects: the fields of an AWS
// ListExecutions entry (and of its filters). Keeping the record's input,
// output, state and version out of the index means a step that leaves the
// status alone writes nothing to it, and the index stays small.
// The ARN and the state machine ARN are not repeated as attributes: they
// are the keys pk and gsi2pk, which every index projects.
var executionSummary = []string{"executed", "versionArn", "mapRun", "name", "type", "status", "start", "stop", "redrives"}

const execPKPrefix = "EX#"

func execPK(arn string) string { return execPKPrefix + arn }

func execItem(ex store.Execution) item {
	it := key(execPK(ex.ARN), skRecord)
	if ex.StateMachineARN != "" {
		it[attrGSI2PK] = strAttr(ex.StateMachineARN)
		it[attrGSI2SK] = strAttr(newestFirst(ex))
	}
	it.setS("executed", ex.ExecutedARN)
	it.setS("versionArn", ex.VersionARN)
	it.setS("mapRun", ex.MapRunARN)
	it.setS("trace", ex.TraceHeader)
	it.setS("name", ex.Name)
	it.setS("type", ex.Type)
	it.setS("status", ex.Status)
	if len(ex.Input) > inlineInputLimit {
		it.setN("inputExt", int64(len(ex.Input)))
	} else {
		it.setPackedS("input", ex.Input)
	}
	it.setPackedS("output", ex.Output)
	it.setS("error", ex.Error)
	it.setPackedS("cause", ex.Cause)
	it.setT("start", ex.StartDate)
	it.setT("stop", ex.StopDate)
	it.setN("redrives", int64(ex.RedriveCount))
	it.setN("version", ex.Version)
	it.setN("lastEvent", ex.LastEventID)
	it.setPacked("state", ex.State)
	if !ex.ExpiresAt.IsZero() {
		it.setT("expires", ex.ExpiresAt)
		it[attrTTL] = numAttr(ex.ExpiresAt.Unix())
	}
	return it
}

// newestFirst is the gsi2 sort key: the start time inverted, so that an
// ascending query lists newest first, then the name, which breaks ties
// between executions started in the same instant (in ARN order, as
// memstore does: a state machine's execution ARNs differ only in the name).
func newestFirst(ex store.Execution) string {
	return fmt.Sprintf("%020d#%s", uint64(math.MaxInt64-ex.StartDate.UnixNano()), ex.Name)
}

func execFromItem(it item) (store.Execution, error) {
	ex := store.Execution{
		ARN: strings.TrimPrefix(it.s(attrPK), execPKPrefix), StateMachineARN: it.s(attrGSI2PK), ExecutedARN: it.s("executed"), VersionARN: it.s("versionArn"), MapRunARN: it.s("mapRun"), TraceHeader: it.s("trace"),
		Name: it.s("name"), Type: it.s("type"), Status: it.s("status"), Error: it.s("error"),
		StartDate: it.t("start"), StopDate: it.t("stop"), RedriveCount: int(it.n("redrives")),
		Version: it.n("version"), LastEventID: it.n("lastEvent"), ExpiresAt: it.t("expires"),
	}
	var errs [4]error
	ex.Input, errs[0] = it.packedS("input")
	ex.Output, errs[1] = it.packedS("output")
	ex.Cause, errs[2] = it.packedS("cause")
	ex.State, errs[3] = it.packed("state")
	if err := errors.Join(errs[:]...); err != nil {
		return store.Execution{}, fmt.Errorf("decode execution %s: %w", ex.ARN, err)
	}
	return ex, nil
}

// inlineInputLimit is the largest execution input kept in the record.
// A larger one gets its own item, written once: every step rewrites the
// record and pays a write unit per KB of it.
const inlineInputLimit = 1 << 10

// inputSK keys an input item by the record's start, so that a create
// that lost (the name was taken) or crashed leaves a different item than
// the record's (it expires with the TTL).
func inputSK(ex store.Execution) string {
	return "IN#" + strconv.FormatInt(ex.StartDate.UnixNano(), 10)
}

// CreateExecution stores a new record; ErrExists if the ARN is taken.
func (s *Store) CreateExecution(ctx context.Context, ex store.Execution) error {
	if len(ex.Input) > inlineInputLimit {
		it := key(execPK(ex.ARN), inputSK(ex))
		it.setPackedS("input", ex.Input)
		s.setTTL(it, ex.StartDate)
		if err := s.put(ctx, it, always, nil); err != nil {
			return fmt.Errorf("store input of %s: %w", ex.ARN, err)
		}
	}
	return s.put(ctx, execItem(ex), absent, store.ErrExists)
}

// GetExecution loads a record (strongly consistent); ErrNotFound if absent.
func (s *Store) GetExecution(ctx context.Context, arn string) (store.Execution, error) {
	it, err := s.get(ctx, execPK(arn), skRecord)
	if err != nil {
		return store.Execution{}, err
	}
	ex, err := execFromItem(it)
	if err != nil || it.n("inputExt") == 0 {
		return ex, err
	}
	if ex.Input, err = s.input(ctx, ex); err != nil {
		return store.Execution{}, err
	}
	return ex, nil
}

// input reads an input kept in its own item. Inputs never change, so they
// are cached.
func (s *Store) input(ctx context.Context, ex store.Execution) (string, error) {
	k := ex.ARN + "#" + inputSK(ex)
	if in, ok := s.inputs.Get(k); ok {
		return in, nil
	}
	it, err := s.get(ctx, execPK(ex.ARN), inputSK(ex))
	if err != nil {
		return "", fmt.Errorf("load input of %s: %w", ex.ARN, err)
	}
	in, err := it.packedS("input")
	if err != nil {
		return "", fmt.Errorf("decode input of %s: %w", ex.ARN, err)
	}
	s.inputs.Put(k, in)
	return in, nil
}

// UpdateExecution replaces the record if its stored version is
// expectedVersion, in one conditional PutItem; ErrConflict otherwise (also
// when the record is absent: a stale writer is dropped either way).
func (s *Store) UpdateExecution(ctx context.Context, ex store.Execution, expectedVersion int64) error {
	// A version-0 record stores no version attribute (setters skip zero).
	c := cond{expr: present.expr + " AND #v = :v", names: map[string]string{"#v": "version"},
		values: item{":v": numAttr(expectedVersion)}}
	if expectedVersion == 0 {
		c.expr = present.expr + " AND (attribute_not_exists(#v) OR #v = :v)"
	}
	err := s.put(ctx, execItem(ex), c, store.ErrConflict)
	if err != nil {
		return fmt.Errorf("update execution: %w", err)
	}
	return nil
}

// ListExecutions lists the executions of f.StateMachineARN newest first,
// filtered by status and executed version/alias ARN. It returns summaries:
// the fields in executionSummary are set, while Input, Output, Error,
// Cause, State, Version, LastEventID and ExpiresAt are left zero (use
// GetExecution for a whole record).
func (s *Store) ListExecutions(ctx context.Context, f store.ExecutionFilter, p store.Page) ([]store.Execution, string, error) {
	if f.StateMachineARN == "" {
		return nil, "", errors.New("list executions: a state machine ARN is required")
	}
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(indexGSI2),
		KeyConditionExpression:    aws.String("gsi2pk = :sm"),
		ExpressionAttributeValues: item{":sm": strAttr(f.StateMachineARN)},
	}
	var filters []string
	names := map[string]string{}
	if f.Status != "" {
		filters = append(filters, "#status = :status")
		names["#status"] = "status"
		in.ExpressionAttributeValues[":status"] = strAttr(f.Status)
	}
	if f.ExecutedARN != "" {
		filters = append(filters, "#executed = :executed")
		names["#executed"] = "executed"
		in.ExpressionAttributeValues[":executed"] = strAttr(f.ExecutedARN)
	}
	if f.VersionARN != "" {
		filters = append(filters, "#version = :version")
		names["#version"] = "versionArn"
		in.ExpressionAttributeValues[":version"] = strAttr(f.VersionARN)
	}
	if f.MapRunARN != "" {
		filters = append(filters, "#mapRun = :mapRun")
		names["#mapRun"] = "mapRun"
		in.ExpressionAttributeValues[":mapRun"] = strAttr(f.MapRunARN)
	}
	if len(filters) > 0 {
		in.FilterExpression = aws.String(strings.Join(filters, " AND "))
		in.ExpressionAttributeNames = names
	}
	items, next, err := s.queryPage(ctx, in, p)
	if err != nil {
		return nil, "", fmt.Errorf("list executions of %s: %w", f.StateMachineARN, err)
	}
	out := make([]store.Execution, len(items))
	for i, it := range items {
		if out[i], err = execFromItem(it); err != nil {
			return nil, "", err
		}
	}
	return out, next, nil
}
