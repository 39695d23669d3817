package s3reader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/stepwise/stepwise/shared/itemreader"
)

// S3 reads objects from Amazon S3 (or an endpoint speaking its protocol).
type S3 struct{ c *s3.Client }

var _ Source = S3{}

// NewS3 reads through client.
func NewS3(client *s3.Client) S3 { return S3{c: client} }

// FromConfig reads from the S3 endpoint of awsCfg (AWS_ENDPOINT_URL_S3 and
// AWS_ENDPOINT_URL apply); a custom endpoint, an emulator most likely, is
// addressed path-style, since bucket subdomains of it do not resolve.
func FromConfig(awsCfg aws.Config) S3 {
	return S3{c: s3.NewFromConfig(awsCfg, func(o *s3.Options) {
		if o.BaseEndpoint != nil {
			o.UsePathStyle = true
		}
	})}
}

// Get opens an object, from offset on with a ranged GET; past the end
// (S3's InvalidRange) the object reads as empty.
func (s S3) Get(ctx context.Context, bucket, key, version string, offset int64) (io.ReadCloser, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if version != "" {
		in.VersionId = aws.String(version)
	}
	if offset > 0 {
		in.Range = aws.String("bytes=" + strconv.FormatInt(offset, 10) + "-")
	}
	out, err := s.c.GetObject(ctx, in)
	var ae smithy.APIError
	if offset > 0 && errors.As(err, &ae) && ae.ErrorCode() == "InvalidRange" {
		return io.NopCloser(strings.NewReader("")), nil
	}
	if err != nil {
		return nil, s3Error(err)
	}
	return out.Body, nil
}

// GetRange reads length bytes of an object from offset on.
func (s S3) GetRange(ctx context.Context, bucket, key, version string, offset, length int64) (io.ReadCloser, error) {
	in := &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Range: aws.String("bytes=" + strconv.FormatInt(offset, 10) + "-" + strconv.FormatInt(offset+length-1, 10))}
	if version != "" {
		in.VersionId = aws.String(version)
	}
	out, err := s.c.GetObject(ctx, in)
	if err != nil {
		return nil, s3Error(err)
	}
	return out.Body, nil
}

// Size reads an object's size with HeadObject.
func (s S3) Size(ctx context.Context, bucket, key, version string) (int64, error) {
	in := &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}
	if version != "" {
		in.VersionId = aws.String(version)
	}
	out, err := s.c.HeadObject(ctx, in)
	if err != nil {
		return 0, s3Error(err)
	}
	return aws.ToInt64(out.ContentLength), nil
}

// List pages through ListObjectsV2.
func (s S3) List(ctx context.Context, bucket, prefix, startAfter string, fn func([]itemreader.Object) bool) error {
	in := &s3.ListObjectsV2Input{Bucket: aws.String(bucket)}
	if prefix != "" {
		in.Prefix = aws.String(prefix)
	}
	if startAfter != "" {
		in.StartAfter = aws.String(startAfter)
	}
	pages := s3.NewListObjectsV2Paginator(s.c, in)
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return s3Error(err)
		}
		objs := make([]itemreader.Object, len(page.Contents))
		for i, o := range page.Contents {
			objs[i] = itemreader.Object{Key: aws.ToString(o.Key), ETag: aws.ToString(o.ETag),
				LastModified: aws.ToTime(o.LastModified), Size: aws.ToInt64(o.Size), StorageClass: string(o.StorageClass)}
		}
		if !fn(objs) {
			return nil
		}
	}
	return nil
}

// s3Error names S3's error code and message, as a user reads them.
func s3Error(err error) error {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return fmt.Errorf("%s: %s", ae.ErrorCode(), ae.ErrorMessage())
	}
	return err
}
