package servicetask

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// errNoClient: the integration's service client is not configured.
var errNoClient = errors.New("service client not configured")

// paramError: the Parameters cannot make a request.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func paramErrorf(format string, args ...any) error {
	return &paramError{msg: fmt.Sprintf(format, args...)}
}

func asParamError(err error, pe **paramError) bool { return errors.As(err, pe) }

// decodeInto fills the SDK input struct dst from params. Field names must
// match exactly (encoding/json alone would accept any letter case); null
// members are left unset, as if absent.
func decodeInto(params *jsonval.Object, dst any) error {
	t := reflect.TypeOf(dst).Elem()
	var bad string
	params.Range(func(k string, _ jsonval.Value) bool {
		f, ok := t.FieldByName(k)
		if !ok || !f.IsExported() || k == "ResultMetadata" {
			bad = k
			return false
		}
		return true
	})
	if bad != "" {
		return paramErrorf("The field '%s' is not supported by Step Functions", bad)
	}
	if err := json.Unmarshal(jsonval.Marshal(params), dst); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return paramErrorf("The value for the field '%s' must be of type %s", te.Field, te.Type)
		}
		return paramErrorf("invalid Parameters: %v", err)
	}
	return nil
}

// withJSONText returns params with field k replaced by its JSON text when it
// is neither a string nor null: Step Functions serializes a message body
// given as JSON before sending it.
func withJSONText(params *jsonval.Object, k string) *jsonval.Object {
	v, ok := params.Get(k)
	if !ok || v == nil {
		return params
	}
	if _, isString := v.(string); isString {
		return params
	}
	c := params.Clone()
	c.Set(k, jsonval.String(v))
	return c
}

// setString sets k on out when p is a non-nil string pointer.
func setString(out *jsonval.Object, k string, p *string) {
	if p != nil {
		out.Set(k, *p)
	}
}
