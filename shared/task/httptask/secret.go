package httptask

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

// secret is the JSON EventBridge keeps in a connection's Secrets Manager
// secret: the secret values DescribeConnection leaves out.
type secret struct {
	APIKeyValue    string       `json:"api_key_value"`
	Password       string       `json:"password"`
	ClientSecret   string       `json:"client_secret"`
	InvocationHTTP secretParams `json:"invocation_http_parameters"`
	OAuthHTTP      secretParams `json:"oauth_http_parameters"`
}

type secretParams struct {
	Headers []secretParam `json:"header_parameters"`
	Query   []secretParam `json:"query_string_parameters"`
	Body    []secretParam `json:"body_parameters"`
}

type secretParam struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// httpParameters takes the described parameters, with the values
// DescribeConnection hides (IsValueSecret) filled in from the secret.
func httpParameters(d *ebtypes.ConnectionHttpParameters, sec secretParams) HTTPParameters {
	if d == nil {
		return HTTPParameters{}
	}
	var p HTTPParameters
	for _, h := range d.HeaderParameters {
		p.Headers = append(p.Headers, param(h.Key, h.Value, h.IsValueSecret, sec.Headers))
	}
	for _, q := range d.QueryStringParameters {
		p.Query = append(p.Query, param(q.Key, q.Value, q.IsValueSecret, sec.Query))
	}
	for _, b := range d.BodyParameters {
		p.Body = append(p.Body, param(b.Key, b.Value, b.IsValueSecret, sec.Body))
	}
	return p
}

func param(key, value *string, isSecret bool, sec []secretParam) Parameter {
	p := Parameter{Key: aws.ToString(key), Value: aws.ToString(value), IsValueSecret: isSecret}
	if value == nil || isSecret {
		for _, s := range sec {
			if s.Key == p.Key {
				p.Value = s.Value
			}
		}
	}
	return p
}
