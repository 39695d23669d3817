package apigwtask

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"maps"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
)

// maxResponse bounds the response body read (Step Functions' payload
// limit is 256 KiB; a larger result fails later as States.DataLimitExceeded).
const maxResponse = 1 << 20

// do makes the call and shapes its result.
func (i *Invoker) do(ctx context.Context, c *call, creds aws.CredentialsProvider) task.Result {
	var body io.Reader
	if c.hasBody {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequestWithContext(ctx, c.method, c.target(i.opts.BaseURL(c.endpoint)), body)
	if err != nil {
		return task.Failure("ApiGateway.IllegalArgumentException", err.Error())
	}
	for k, vs := range c.headers {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	if c.jsonBody && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Host = c.endpoint
	if c.auth != "NO_AUTH" {
		if err := sign(ctx, req, c, creds); err != nil {
			return task.Failure("ApiGateway.SdkClientException", "Unable to sign the request: "+err.Error())
		}
	}
	resp, err := i.opts.Client.Do(req)
	if err != nil {
		return task.Failure("ApiGateway."+exception(err), err.Error())
	}
	defer resp.Body.Close()
	text, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return task.Failure("ApiGateway."+exception(err), err.Error())
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return task.Failure("ApiGateway."+strconv.Itoa(resp.StatusCode), string(text))
	}
	return task.Success(result(resp, text))
}

// sign signs req with SigV4 for execute-api in the API's region.
func sign(ctx context.Context, req *http.Request, c *call, provider aws.CredentialsProvider) error {
	if provider == nil {
		return errors.New("no AWS credentials are configured")
	}
	creds, err := provider.Retrieve(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(c.body))
	return v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "execute-api", c.region(), time.Now())
}

// result is {ResponseBody, Headers, StatusCode, StatusText}.
func result(resp *http.Response, text []byte) *jsonval.Object {
	out := jsonval.NewObject(4)
	var body jsonval.Value = string(text)
	if v, err := jsonval.Decode(text); err == nil && len(text) > 0 {
		body = v
	}
	out.Set("ResponseBody", body)
	headers := jsonval.NewObject(len(resp.Header))
	for _, k := range slices.Sorted(maps.Keys(resp.Header)) {
		vs := resp.Header[k]
		arr := make([]jsonval.Value, len(vs))
		for j, v := range vs {
			arr[j] = v
		}
		headers.Set(k, arr)
	}
	out.Set("Headers", headers)
	out.Set("StatusCode", jsonval.NumberFromInt(int64(resp.StatusCode)))
	out.Set("StatusText", http.StatusText(resp.StatusCode))
	return out
}

// exception names a transport failure as the Java exception AWS reports.
func exception(err error) string {
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
		return "UnknownHostException"
	case errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled):
		return "SocketTimeoutException"
	case errors.As(err, &op) && op.Op == "dial":
		return "ConnectException"
	}
	return "IOException"
}
