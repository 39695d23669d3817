package bedrocktask

import (
	"context"
	"encoding/base64"
	"errors"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/servicetask/awsresult"
)

// request builds InvokeModel's request from the Parameters: Body or the
// object Input names, the other members as they are. output is the S3 URI
// of Output ("" for none).
func (i *Invoker) request(ctx context.Context, req task.Request, params *jsonval.Object) (call *jsonval.Object, output string, fail *task.Result) {
	body, hasBody := params.Get("Body")
	input, hasInput := params.Get("Input")
	if hasBody == hasInput {
		r := awsresult.ParameterFailure(req, errors.New("exactly one of Body and Input must be given"))
		return nil, "", &r
	}
	call = jsonval.NewObject(params.Len())
	params.Range(func(k string, v jsonval.Value) bool {
		if k != "Body" && k != "Input" && k != "Output" {
			call.Set(k, v)
		}
		return true
	})
	text, ok := body.(string)
	if hasBody && !ok {
		text = jsonval.String(body)
	}
	if hasInput {
		var contentType string
		var r *task.Result
		if text, contentType, r = i.read(ctx, req, input); r != nil {
			return nil, "", r
		}
		if !call.Has("ContentType") && contentType != "" {
			call.Set("ContentType", contentType)
		}
	}
	if !call.Has("ContentType") {
		call.Set("ContentType", "application/json")
	}
	call.Set("Body", base64.StdEncoding.EncodeToString([]byte(text)))
	if out, ok := params.Get("Output"); ok {
		if output, ok = s3URI(out); !ok {
			r := awsresult.ParameterFailure(req, errors.New("the Output member must be an object with an S3Uri string"))
			return nil, "", &r
		}
	}
	return call, output, nil
}

func s3URI(v jsonval.Value) (string, bool) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return "", false
	}
	uri, ok := get(o, "S3Uri").(string)
	return uri, ok
}

// read gets the request body from the S3 object Input names.
func (i *Invoker) read(ctx context.Context, req task.Request, input jsonval.Value) (body, contentType string, fail *task.Result) {
	uri, ok := s3URI(input)
	bucket, key, err := parseS3URI(uri)
	if !ok || err != nil {
		r := awsresult.ParameterFailure(req, errors.New("the Input member must be an object with an S3Uri of the form s3://bucket/key"))
		return "", "", &r
	}
	resp, err := i.calls.Call(ctx, "s3", "getObject", obj("Bucket", bucket, "Key", key))
	if err != nil {
		r := s3Errors.Failure(err)
		return "", "", &r
	}
	o, _ := resp.Value.(*jsonval.Object)
	if o != nil {
		body, _ = get(o, "Body").(string)
		contentType, _ = get(o, "ContentType").(string)
	}
	return body, contentType, nil
}

// write puts the response body at Output's S3 URI; the result names it in
// place of the body.
func (i *Invoker) write(ctx context.Context, uri, body, contentType string) task.Result {
	bucket, key, err := parseS3URI(uri)
	if err != nil {
		return task.Failure("States.Runtime", err.Error())
	}
	put := obj("Bucket", bucket, "Key", key, "Body", body)
	if contentType != "" {
		put.Set("ContentType", contentType)
	}
	if _, err := i.calls.Call(ctx, "s3", "putObject", put); err != nil {
		return s3Errors.Failure(err)
	}
	res := obj("Body", obj("S3Uri", uri))
	if contentType != "" {
		res.Set("ContentType", contentType)
	}
	return task.Success(res)
}

func obj(kv ...any) *jsonval.Object {
	o := jsonval.NewObject(len(kv) / 2)
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i].(string), kv[i+1])
	}
	return o
}
