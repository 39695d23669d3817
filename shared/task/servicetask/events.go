package servicetask

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/eventbridge"

	"github.com/stepwise/stepwise/shared/arn"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// EventBridgeAPI is the part of *eventbridge.Client the invoker uses.
type EventBridgeAPI interface {
	PutEvents(ctx context.Context, in *eventbridge.PutEventsInput, optFns ...func(*eventbridge.Options)) (*eventbridge.PutEventsOutput, error)
}

// failedEntries: the call succeeded but some entries were not put; Step
// Functions fails the task with EventBridge.FailedEntry and the response
// as the cause.
type failedEntries struct{ response *jsonval.Object }

func (e *failedEntries) Error() string { return jsonval.String(e.response) }

// putEvents runs events:putEvents as Step Functions does: an entry's
// Detail given as a JSON object is sent as its JSON text, and every entry's
// Resources get the state machine's and the execution's ARNs appended.
func (i *Invoker) putEvents(ctx context.Context, c call, params *jsonval.Object) (jsonval.Value, error) {
	if i.c.EventBridge == nil {
		return nil, errNoClient
	}
	params, err := normalizeEntries(params, executionResources(c.req.ExecutionARN))
	if err != nil {
		return nil, err
	}
	var in eventbridge.PutEventsInput
	if err := decodeInto(params, &in); err != nil {
		return nil, err
	}
	out, err := i.c.EventBridge.PutEvents(ctx, &in, eventsOptions(c.creds))
	if err != nil {
		return nil, err
	}
	res := putEventsResult(out)
	if out.FailedEntryCount > 0 {
		return nil, &failedEntries{res}
	}
	return res, nil
}

func normalizeEntries(params *jsonval.Object, resources []any) (*jsonval.Object, error) {
	v, ok := params.Get("Entries")
	if !ok || v == nil {
		return params, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, paramErrorf("The value for the field 'Entries' must be an array, not %s", jsonval.TypeName(v))
	}
	entries := make([]any, len(list))
	for n, e := range list {
		obj, ok := e.(*jsonval.Object)
		if !ok {
			return nil, paramErrorf("The value for the field 'Entries[%d]' must be an object, not %s", n, jsonval.TypeName(e))
		}
		obj = obj.Clone()
		if d, ok := obj.Get("Detail"); ok {
			if _, isObject := d.(*jsonval.Object); isObject {
				obj.Set("Detail", jsonval.String(d))
			}
		}
		if err := appendResources(obj, resources, n); err != nil {
			return nil, err
		}
		entries[n] = obj
	}
	c := params.Clone()
	c.Set("Entries", entries)
	return c, nil
}

// putEventsResult renders the response as Step Functions does: the body's
// members only, each entry with what it has.
func putEventsResult(out *eventbridge.PutEventsOutput) *jsonval.Object {
	entries := make([]any, len(out.Entries))
	for n, e := range out.Entries {
		obj := jsonval.NewObject(3)
		setString(obj, "ErrorCode", e.ErrorCode)
		setString(obj, "ErrorMessage", e.ErrorMessage)
		setString(obj, "EventId", e.EventId)
		entries[n] = obj
	}
	res := jsonval.NewObject(2)
	res.Set("Entries", entries)
	res.Set("FailedEntryCount", jsonval.NumberFromInt(int64(out.FailedEntryCount)))
	return res
}

// executionResources are the ARNs Step Functions adds to each entry: the
// state machine's and the execution's (none outside an execution).
func executionResources(execARN string) []any {
	p, err := arn.Parse(execARN)
	if err != nil || len(p.Resource) == 0 {
		return nil
	}
	return []any{p.Scope.StateMachine(p.Resource[0]), execARN}
}

func appendResources(entry *jsonval.Object, resources []any, n int) error {
	if len(resources) == 0 {
		return nil
	}
	var list []any
	if v, ok := entry.Get("Resources"); ok && v != nil {
		if list, ok = v.([]any); !ok {
			return paramErrorf("The value for the field 'Entries[%d].Resources' must be an array, not %s", n, jsonval.TypeName(v))
		}
	}
	entry.Set("Resources", append(append([]any{}, list...), resources...))
	return nil
}
