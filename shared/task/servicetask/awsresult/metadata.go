package awsresult

import (
	"net/http"
	"sort"
	"strings"

	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// wireNames restores the spelling AWS services put on the wire for headers
// that Go's net/http canonicalizes (the corpus shows them as sent).
var wireNames = map[string]string{
	"X-Amzn-Requestid":               "x-amzn-RequestId",
	"X-Amzn-Remapped-Content-Length": "x-amzn-Remapped-Content-Length",
	"X-Amz-Crc32":                    "x-amz-crc32",
	"X-Amz-Id-2":                     "x-amz-id-2",
	"X-Amz-Request-Id":               "x-amz-request-id",
}

// AddMetadata sets SdkHttpMetadata and SdkResponseMetadata on out from an
// SDK operation's result metadata, as optimized integrations report them.
func AddMetadata(out *jsonval.Object, md middleware.Metadata) {
	reqID, _ := awsmiddleware.GetRequestIDMetadata(md)
	resp, _ := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response)
	out.Set("SdkHttpMetadata", httpMetadata(resp))
	meta := jsonval.NewObject(1)
	meta.Set("RequestId", reqID)
	out.Set("SdkResponseMetadata", meta)
}

func httpMetadata(resp *smithyhttp.Response) *jsonval.Object {
	all, single := jsonval.NewObject(8), jsonval.NewObject(8)
	status := 0
	if resp != nil && resp.Response != nil {
		status = resp.StatusCode
		for _, k := range headerNames(resp.Header) {
			vals := resp.Header[k]
			list := make([]any, len(vals))
			for i, v := range vals {
				list[i] = v
			}
			all.Set(wireName(k), list)
			single.Set(wireName(k), strings.Join(vals, ","))
		}
	}
	md := jsonval.NewObject(3)
	md.Set("AllHttpHeaders", all)
	md.Set("HttpHeaders", single)
	md.Set("HttpStatusCode", jsonval.NumberFromInt(int64(status)))
	return md
}

// headerNames sorts case-insensitively, the order AWS's HttpHeaders show.
func headerNames(h http.Header) []string {
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool { return strings.ToLower(names[i]) < strings.ToLower(names[j]) })
	return names
}

func wireName(k string) string {
	if w, ok := wireNames[k]; ok {
		return w
	}
	return k
}
