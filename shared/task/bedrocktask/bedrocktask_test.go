package bedrocktask_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/stepwise/stepwise/shared/jsonval"
	"github.com/stepwise/stepwise/shared/task"
	"github.com/stepwise/stepwise/shared/task/bedrocktask"
	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// wire answers Bedrock Runtime's InvokeModel (REST-JSON: the body is the
// model's, raw) and S3's GetObject/PutObject (path style), recording each
// request as "METHOD path body".
func wire(t *testing.T) (string, *[]string) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Path+" "+string(body))
		switch {
		case strings.HasPrefix(r.URL.Path, "/model/") && strings.Contains(string(body), "denied"):
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Amzn-Errortype", "AccessDeniedException")
			w.Header().Set("X-Amzn-Requestid", "req-1")
			w.WriteHeader(403)
			_, _ = io.WriteString(w, `{"message":"You don't have access to the model with the specified model ID."}`)
		case strings.HasPrefix(r.URL.Path, "/model/"):
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"results":[{"outputText":"Ada, Grace","tokenCount":4}]}`)
		case r.Method == http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"inputText":"from s3"}`)
		default:
			w.Header().Set("ETag", `"e"`)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &got
}

func TestInvokeModel(t *testing.T) {
	const model = "amazon.titan-text-express-v1"
	for _, tc := range []struct {
		name, params, want, error string
		calls                     []string
	}{
		{name: "inline body", params: `{"ModelId":"` + model + `","Body":{"inputText":"Name five people."}}`,
			want:  `{"Body":{"results":[{"outputText":"Ada, Grace","tokenCount":4}]},"ContentType":"application/json"}`,
			calls: []string{`POST /model/` + model + `/invoke {"inputText":"Name five people."}`}},
		{name: "input and output in S3", params: `{"ModelId":"` + model + `","Input":{"S3Uri":"s3://in/prompt.json"},"Output":{"S3Uri":"s3://out/answer.json"}}`,
			want: `{"Body":{"S3Uri":"s3://out/answer.json"},"ContentType":"application/json"}`,
			calls: []string{`GET /in/prompt.json `, `POST /model/` + model + `/invoke {"inputText":"from s3"}`,
				`PUT /out/answer.json {"results":[{"outputText":"Ada, Grace","tokenCount":4}]}`}},
		{name: "service error", params: `{"ModelId":"` + model + `","Body":"denied"}`, error: "Bedrock.AccessDeniedException"},
		{name: "body and input", params: `{"ModelId":"m","Body":{},"Input":{"S3Uri":"s3://b/k"}}`, error: "States.Runtime"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url, got := wire(t)
			cfg := aws.Config{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", "")}
			sdk := sdktask.New(cfg, sdktask.Options{Endpoints: map[string]string{"bedrockruntime": url, "s3": url}}, builtin.Services()...)
			res, err := bedrocktask.New(sdk).Invoke(context.Background(),
				task.Request{State: "Prompt", Resource: bedrocktask.Resource, Input: jsonval.MustDecode(tc.params)})
			if err != nil {
				t.Fatal(err)
			}
			if tc.error != "" {
				if res.Error != tc.error {
					t.Errorf("got %+v, want %s", res, tc.error)
				}
				return
			}
			if res.Failed || !jsonval.Equal(res.Output, jsonval.MustDecode(tc.want)) {
				t.Errorf("got %+v %s, want %s", res, jsonval.String(res.Output), tc.want)
			}
			if strings.Join(*got, "\n") != strings.Join(tc.calls, "\n") {
				t.Errorf("requests\n%s\nwant\n%s", strings.Join(*got, "\n"), strings.Join(tc.calls, "\n"))
			}
		})
	}
}
