package httptask

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/validate"
)

// Array formats of a URL-encoded body (Transform.RequestEncodingOptions).
const (
	ArrayIndices  = "INDICES"
	ArrayRepeat   = "REPEAT"
	ArrayCommas   = "COMMAS"
	ArrayBrackets = "BRACKETS"
)

var methods = []string{"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"}

// call is an HTTP Task's Parameters (or Arguments), checked.
type call struct {
	endpoint    *url.URL
	method      string
	connection  string
	headers     []Parameter
	query       []pair
	body        jsonval.Value // nil when absent
	urlEncoded  bool
	arrayFormat string
}

// parseCall reads the task's fields; an error is a States.Runtime failure.
func parseCall(p *jsonval.Object) (*call, error) {
	c := &call{arrayFormat: ArrayIndices}
	var err error
	p.Range(func(k string, v jsonval.Value) bool {
		err = c.field(k, v)
		return err == nil
	})
	switch {
	case err != nil:
		return nil, err
	case c.endpoint == nil:
		return nil, paramError("The field 'ApiEndpoint' is required")
	case c.method == "":
		return nil, paramError("The field 'Method' is required")
	case c.connection == "":
		return nil, paramError("The field 'Authentication' (or 'InvocationConfig') with a 'ConnectionArn' is required")
	}
	return c, nil
}

// field reads one member of the Parameters.
func (c *call) field(k string, v jsonval.Value) (err error) {
	switch k {
	case "ApiEndpoint":
		c.endpoint, err = endpoint(v)
	case "Method":
		c.method, err = method(v)
	case "Authentication", "InvocationConfig":
		c.connection, err = connectionARN(k, v)
	case "Headers":
		c.headers, err = headers(v)
	case "QueryParameters":
		c.query, err = queryParameters(v)
	case "Transform":
		c.urlEncoded, c.arrayFormat, err = transform(v)
	case "RequestBody":
		c.body = v
	default:
		err = paramErrorf("The field '%s' is not supported by Step Functions", k)
	}
	return err
}

func endpoint(v jsonval.Value) (*url.URL, error) {
	s, ok := v.(string)
	if !ok {
		return nil, paramError("The value for the field 'ApiEndpoint' must be a STRING")
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, paramErrorf("The value for the field 'ApiEndpoint' must be an HTTPS URL, not '%s'", s)
	}
	return u, nil
}

func method(v jsonval.Value) (string, error) {
	s, _ := v.(string)
	if !slices.Contains(methods, s) {
		return "", paramErrorf("The value for the field 'Method' must be one of %s", strings.Join(methods, ", "))
	}
	return s, nil
}

func connectionARN(field string, v jsonval.Value) (string, error) {
	o, ok := v.(*jsonval.Object)
	if ok {
		if s, ok := o.Get("ConnectionArn"); ok {
			if arn, ok := s.(string); ok && arn != "" {
				return arn, nil
			}
		}
	}
	return "", paramErrorf("The field '%s' must be an object with a 'ConnectionArn' string", field)
}

// headers reads an object of scalar values; AWS's refused headers fail.
func headers(v jsonval.Value) ([]Parameter, error) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return nil, paramError("The value for the field 'Headers' must be an OBJECT")
	}
	if bad := validate.UnsupportedHTTPHeaders(o.Keys()); len(bad) > 0 {
		return nil, paramError(validate.MsgUnsupportedHTTPHeaders(bad))
	}
	var out []Parameter
	var err error
	o.Range(func(k string, hv jsonval.Value) bool {
		s, ok := headerValue(hv)
		if !ok {
			err = paramErrorf("The value of the header '%s' must be a string, number, boolean or an array of them", k)
			return false
		}
		out = append(out, Parameter{Key: k, Value: s})
		return true
	})
	return out, err
}

// headerValue is a scalar's text, or an array's values joined with commas
// (one header with several values).
func headerValue(v jsonval.Value) (string, bool) {
	items, ok := v.([]any)
	if !ok {
		return scalarText(v)
	}
	texts := make([]string, len(items))
	for i, e := range items {
		if texts[i], ok = scalarText(e); !ok {
			return "", false
		}
	}
	return strings.Join(texts, ","), true
}

// transform reads Transform: the body encoding and the array format.
func transform(v jsonval.Value) (urlEncoded bool, format string, err error) {
	o, ok := v.(*jsonval.Object)
	if !ok {
		return false, "", paramError("The value for the field 'Transform' must be an OBJECT")
	}
	format = ArrayIndices
	switch enc, _ := o.Get("RequestBodyEncoding"); enc {
	case nil, "NONE":
	case "URL_ENCODED":
		urlEncoded = true
	default:
		return false, "", paramError("The value for the field 'RequestBodyEncoding' must be one of NONE, URL_ENCODED")
	}
	if opts, ok := o.Get("RequestEncodingOptions"); ok {
		var af jsonval.Value
		if oo, ok := opts.(*jsonval.Object); ok {
			af, _ = oo.Get("ArrayFormat")
		}
		if !slices.Contains([]any{ArrayIndices, ArrayRepeat, ArrayCommas, ArrayBrackets}, af) {
			return false, "", paramError("The value for the field 'ArrayFormat' must be one of INDICES, REPEAT, COMMAS, BRACKETS")
		}
		format = af.(string)
	}
	return urlEncoded, format, nil
}

// scalarText renders a string, number, boolean or null as text.
func scalarText(v jsonval.Value) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case jsonval.Number:
		return string(x), true
	case bool:
		return jsonval.String(x), true
	case nil:
		return "", true
	}
	return "", false
}

// paramError is a Parameters problem, worded as AWS words it (capitalized,
// as its causes are).
type paramError string

func (e paramError) Error() string { return string(e) }

func paramErrorf(format string, args ...any) error { return paramError(fmt.Sprintf(format, args...)) }
