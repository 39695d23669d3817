package console

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// maxBody is the API's own request limit (1 MB, AWS's quota).
const maxBody = 1 << 20

// Proxy forwards the console's API calls to a deployed Stepwise API,
// signed with SigV4 (service execute-api) with the operator's credentials:
// the deployed HTTP API accepts only IAM-authorized requests, which a
// browser cannot make itself. Only API calls pass (POST / with an
// X-Amz-Target and the AWS JSON 1.0 content type) and only from a page of
// this origin, so that another site open in the browser cannot borrow the
// credentials.
type Proxy struct {
	Endpoint    *url.URL // the API's invoke URL (stage path included)
	Credentials aws.CredentialsProvider
	Region      string
	Client      *http.Client
	Now         func() time.Time
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := p.admit(r); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		http.Error(w, "request body too large or unreadable", http.StatusRequestEntityTooLarge)
		return
	}
	resp, err := p.forward(r.Context(), r.Header, body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	for _, h := range []string{"Content-Type", "X-Amzn-Errortype", "X-Amzn-Requestid"} {
		if v := resp.Header.Get(h); v != "" {
			w.Header().Set(h, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}

// admit lets through only same-origin API calls.
func (p *Proxy) admit(r *http.Request) error {
	switch {
	case r.Method != http.MethodPost || r.URL.Path != "/":
		return fmt.Errorf("only API calls (POST /) are forwarded")
	case r.Header.Get("X-Amz-Target") == "" || r.Header.Get("Content-Type") != "application/x-amz-json-1.0":
		return fmt.Errorf("an API call needs X-Amz-Target and Content-Type application/x-amz-json-1.0")
	case r.Header.Get("Origin") != "" && r.Header.Get("Origin") != "http://"+r.Host:
		return fmt.Errorf("cross-origin API calls are not forwarded")
	}
	return nil
}

// forward sends the call to the endpoint, signed.
func (p *Proxy) forward(ctx context.Context, in http.Header, body []byte) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, p.Endpoint.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("build request: %w", err)
	}
	req.Header.Set("Content-Type", in.Get("Content-Type"))
	req.Header.Set("X-Amz-Target", in.Get("X-Amz-Target"))
	creds, err := p.Credentials.Retrieve(ctx)
	if err != nil {
		return nil, fmt.Errorf("AWS credentials: %w", err)
	}
	sum := sha256.Sum256(body)
	now := time.Now
	if p.Now != nil {
		now = p.Now
	}
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "execute-api", p.Region, now()); err != nil {
		return nil, fmt.Errorf("sign request: %w", err)
	}
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 90 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("call %s: %w", p.Endpoint.Host, err)
	}
	return resp, nil
}
