package sfnapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
)

// decode parses a request body into T as AWS's JSON protocol does. A body
// that is not a JSON object is a SerializationException without a message
// (an empty body too); a member of the wrong JSON type is one with the
// deserializer's words, e.g. "STRING_VALUE can not be converted to an
// Integer". Unknown members and JSON nulls are ignored.
func decode[T any](body []byte) (T, error) {
	var v T
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '[' && json.Valid(trimmed):
		return v, errSerialization(msgStartOfList)
	case len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed):
		return v, errSerialization("")
	}
	if err := json.Unmarshal(trimmed, &v); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return v, errSerialization(typeMismatch(te, trimmed))
		}
		return v, errSerialization("")
	}
	return v, nil
}

// Messages of AWS's JSON deserializer (Coral), as measured on AWS JSON
// services.
const (
	msgStartOfList   = "Start of list found where not expected"
	msgStartOfStruct = "Start of structure or map found where not expected."
)

// typeMismatch words a member of the wrong JSON type; "" where AWS's
// words for the combination are not known (AWS then sends none either for
// the body errors measured).
func typeMismatch(te *json.UnmarshalTypeError, body []byte) string {
	switch te.Value {
	case "array":
		return msgStartOfList
	case "object":
		return msgStartOfStruct
	}
	want := javaType(te.Type)
	switch te.Value {
	case "string":
		switch te.Type.Kind() {
		case reflect.Slice:
			return "Expected list or null"
		case reflect.Struct, reflect.Map, reflect.Pointer:
			return "Expected null"
		}
		if want != "" {
			return "STRING_VALUE can not be converted to " + want
		}
	case "number":
		if want != "" {
			return "NUMBER_VALUE can not be converted to " + want
		}
	case "bool":
		if want != "" {
			return boolToken(body, te.Offset) + " can not be converted to " + want
		}
	}
	return ""
}

// javaType names a member's model type with the article AWS prints.
func javaType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a String"
	case reflect.Int, reflect.Int32:
		return "an Integer"
	case reflect.Int64:
		return "a Long"
	case reflect.Float32, reflect.Float64:
		return "a Float"
	case reflect.Bool:
		return "a Boolean"
	}
	return ""
}

// boolToken tells which literal the decoder stopped after.
func boolToken(body []byte, offset int64) string {
	if offset >= 4 && offset <= int64(len(body)) && bytes.HasSuffix(body[:offset], []byte("true")) {
		return "TRUE_VALUE"
	}
	return "FALSE_VALUE"
}
