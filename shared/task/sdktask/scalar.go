package sdktask

import (
	"reflect"
	"strconv"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// decodeScalar sets a string (or enum), boolean or number. Like the Java
// SDK's JSON binding, it accepts a number or boolean for a string member
// and a numeric or boolean string for a number or boolean.
func decodeScalar(dst reflect.Value, v jsonval.Value, path string) error {
	text, ok := scalarText(v)
	if !ok {
		return typeError(path, kindName(dst.Kind()), v)
	}
	switch dst.Kind() {
	case reflect.String:
		dst.SetString(text)
		return nil
	case reflect.Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return typeError(path, "a boolean", v)
		}
		dst.SetBool(b)
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		i, err := strconv.ParseInt(text, 10, dst.Type().Bits())
		if err != nil {
			return typeError(path, "an integer", v)
		}
		dst.SetInt(i)
		return nil
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(text, dst.Type().Bits())
		if err != nil {
			return typeError(path, "a number", v)
		}
		dst.SetFloat(f)
		return nil
	}
	return paramErrorf("The field '%s' has a type Step Functions cannot set", path)
}

func scalarText(v jsonval.Value) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case jsonval.Number:
		return string(t), true
	case bool:
		return strconv.FormatBool(t), true
	}
	return "", false
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "an integer"
}
