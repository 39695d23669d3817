package lambdatask

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// buildInput maps lambda:invoke Parameters to an Invoke request. A string
// Payload is sent as its raw text (AWS does so: "\"x\"" arrives as "x"); any
// other value is sent as JSON.
func buildInput(params jsonval.Value) (*lambda.InvokeInput, error) {
	obj, ok := params.(*jsonval.Object)
	if !ok {
		return nil, fmt.Errorf("the Parameters must be an object, not %s", jsonval.TypeName(params))
	}
	in := &lambda.InvokeInput{}
	var err error
	obj.Range(func(k string, v jsonval.Value) bool {
		err = setField(in, k, v)
		return err == nil
	})
	if err != nil {
		return nil, err
	}
	if in.FunctionName == nil {
		return nil, fmt.Errorf("the field 'FunctionName' is required")
	}
	return in, nil
}

func setField(in *lambda.InvokeInput, k string, v jsonval.Value) error {
	if k == "Payload" {
		if s, ok := v.(string); ok {
			in.Payload = []byte(s)
		} else {
			in.Payload = jsonval.Marshal(v)
		}
		return nil
	}
	s, ok := v.(string)
	if !ok {
		return fmt.Errorf("the value for the field '%s' must be a STRING", k)
	}
	switch k {
	case "FunctionName":
		in.FunctionName = &s
	case "Qualifier":
		in.Qualifier = &s
	case "ClientContext":
		in.ClientContext = &s
	case "InvocationType":
		in.InvocationType = types.InvocationType(s)
	case "LogType":
		in.LogType = types.LogType(s)
	default:
		return fmt.Errorf("the field '%s' is not supported by Step Functions", k)
	}
	return nil
}
