package s3reader

import (
	"bytes"
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/stepwise/stepwise/shared/resultwriter"
)

// contentType is what the result files are.
const contentType = "application/json"

// PutObject writes a whole object.
func (s S3) PutObject(ctx context.Context, bucket, key string, body []byte) (string, error) {
	out, err := s.c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: bytes.NewReader(body), ContentLength: aws.Int64(int64(len(body))), ContentType: aws.String(contentType)})
	if err != nil {
		return "", s3Error(err)
	}
	return aws.ToString(out.ETag), nil
}

// CreateUpload starts a multipart upload.
func (s S3) CreateUpload(ctx context.Context, bucket, key string) (string, error) {
	out, err := s.c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String(bucket),
		Key: aws.String(key), ContentType: aws.String(contentType)})
	if err != nil {
		return "", s3Error(err)
	}
	return aws.ToString(out.UploadId), nil
}

// UploadPart uploads part n.
func (s S3) UploadPart(ctx context.Context, bucket, key, id string, n int, body []byte) (string, error) {
	out, err := s.c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String(bucket), Key: aws.String(key),
		UploadId: aws.String(id), PartNumber: aws.Int32(int32(n)), Body: bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body)))})
	if err != nil {
		return "", s3Error(err)
	}
	return aws.ToString(out.ETag), nil
}

// CompleteUpload joins the parts into the object. The ETags go without
// their quotes, which S3 accepts (the CLI documents them so): the SDK would
// escape the quotes as &#34;, which some S3 emulators (fauxqs) do not decode.
func (s S3) CompleteUpload(ctx context.Context, bucket, key, id string, parts []resultwriter.Part) error {
	done := make([]types.CompletedPart, len(parts))
	for i, p := range parts {
		done[i] = types.CompletedPart{PartNumber: aws.Int32(int32(p.PartNumber)), ETag: aws.String(strings.Trim(p.ETag, `"`))}
	}
	_, err := s.c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String(bucket),
		Key: aws.String(key), UploadId: aws.String(id), MultipartUpload: &types.CompletedMultipartUpload{Parts: done}})
	return s3Error(err)
}

// AbortUpload drops an upload.
func (s S3) AbortUpload(ctx context.Context, bucket, key, id string) error {
	_, err := s.c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String(bucket),
		Key: aws.String(key), UploadId: aws.String(id)})
	return s3Error(err)
}
