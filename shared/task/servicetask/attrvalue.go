package servicetask

import (
	"encoding/base64"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// toAttrMap converts DynamoDB JSON ({"id": {"S": "x"}}) to SDK values;
// field names the location for error messages.
func toAttrMap(v jsonval.Value, field string) (map[string]types.AttributeValue, error) {
	obj, ok := v.(*jsonval.Object)
	if !ok {
		return nil, paramErrorf("The value for the field '%s' must be an object of attribute values", field)
	}
	m := make(map[string]types.AttributeValue, obj.Len())
	var err error
	obj.Range(func(k string, av jsonval.Value) bool {
		m[k], err = toAttr(av, field+"."+k)
		return err == nil
	})
	return m, err
}

// toAttr converts one attribute value: an object with exactly one type key.
func toAttr(v jsonval.Value, at string) (types.AttributeValue, error) {
	obj, ok := v.(*jsonval.Object)
	if !ok || obj.Len() != 1 {
		return nil, paramErrorf("The attribute value at '%s' must be an object with exactly one type key", at)
	}
	k := obj.Keys()[0]
	x, _ := obj.Get(k)
	av, err := toTyped(k, x, at)
	if err != nil {
		return nil, paramErrorf("The attribute value at '%s' is invalid: %v", at, err)
	}
	return av, nil
}

func toTyped(k string, x jsonval.Value, at string) (types.AttributeValue, error) {
	switch k {
	case "S":
		s, err := text(x)
		return &types.AttributeValueMemberS{Value: s}, err
	case "N":
		s, err := text(x)
		return &types.AttributeValueMemberN{Value: s}, err
	case "B":
		b, err := binary(x)
		return &types.AttributeValueMemberB{Value: b}, err
	case "BOOL":
		b, ok := x.(bool)
		return &types.AttributeValueMemberBOOL{Value: b}, expect(ok, "a boolean")
	case "NULL":
		b, ok := x.(bool)
		return &types.AttributeValueMemberNULL{Value: b}, expect(ok, "a boolean")
	case "SS", "NS":
		ss, err := list(x, text)
		if k == "SS" {
			return &types.AttributeValueMemberSS{Value: ss}, err
		}
		return &types.AttributeValueMemberNS{Value: ss}, err
	case "BS":
		bs, err := list(x, binary)
		return &types.AttributeValueMemberBS{Value: bs}, err
	case "M":
		m, err := toAttrMap(x, at+".M")
		return &types.AttributeValueMemberM{Value: m}, err
	case "L":
		l, err := list(x, func(e jsonval.Value) (types.AttributeValue, error) { return toAttr(e, at+".L") })
		return &types.AttributeValueMemberL{Value: l}, err
	}
	return nil, fmt.Errorf("unknown type key %q", k)
}

func expect(ok bool, what string) error {
	if ok {
		return nil
	}
	return fmt.Errorf("expected %s", what)
}

// text accepts strings, and numbers by their exact text (N values are
// strings on the wire, but a number is what the user meant).
func text(x jsonval.Value) (string, error) {
	switch t := x.(type) {
	case string:
		return t, nil
	case jsonval.Number:
		return string(t), nil
	}
	return "", fmt.Errorf("expected a string, not %s", jsonval.TypeName(x))
}

func binary(x jsonval.Value) ([]byte, error) {
	s, ok := x.(string)
	if !ok {
		return nil, fmt.Errorf("expected a base64 string, not %s", jsonval.TypeName(x))
	}
	return base64.StdEncoding.DecodeString(s)
}

func list[T any](x jsonval.Value, elem func(jsonval.Value) (T, error)) ([]T, error) {
	arr, ok := x.([]any)
	if !ok {
		return nil, fmt.Errorf("expected an array, not %s", jsonval.TypeName(x))
	}
	out := make([]T, len(arr))
	for i, e := range arr {
		v, err := elem(e)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// fromAttrMap converts SDK values back to DynamoDB JSON.
func fromAttrMap(m map[string]types.AttributeValue) *jsonval.Object {
	obj := jsonval.NewObject(len(m))
	for _, k := range sortedKeys(m) {
		obj.Set(k, fromAttr(m[k]))
	}
	return obj
}

func fromAttr(av types.AttributeValue) jsonval.Value {
	one := func(k string, v jsonval.Value) jsonval.Value {
		o := jsonval.NewObject(1)
		o.Set(k, v)
		return o
	}
	switch t := av.(type) {
	case *types.AttributeValueMemberS:
		return one("S", t.Value)
	case *types.AttributeValueMemberN:
		return one("N", t.Value)
	case *types.AttributeValueMemberB:
		return one("B", base64.StdEncoding.EncodeToString(t.Value))
	case *types.AttributeValueMemberBOOL:
		return one("BOOL", t.Value)
	case *types.AttributeValueMemberNULL:
		return one("NULL", t.Value)
	case *types.AttributeValueMemberSS:
		return one("SS", anyStrings(t.Value))
	case *types.AttributeValueMemberNS:
		return one("NS", anyStrings(t.Value))
	case *types.AttributeValueMemberBS:
		enc := make([]string, len(t.Value))
		for i, b := range t.Value {
			enc[i] = base64.StdEncoding.EncodeToString(b)
		}
		return one("BS", anyStrings(enc))
	case *types.AttributeValueMemberM:
		return one("M", fromAttrMap(t.Value))
	case *types.AttributeValueMemberL:
		l := make([]any, len(t.Value))
		for i, e := range t.Value {
			l[i] = fromAttr(e)
		}
		return one("L", l)
	}
	return nil
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
