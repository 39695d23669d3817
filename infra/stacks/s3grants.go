package stacks

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/jsii-runtime-go"
)

// S3 actions of the Map item readers (GetObject; ListObjectsV2 is
// s3:ListBucket) and result writers (PutObject covers the multipart
// upload's create, part and complete calls; a failed write aborts).
var (
	s3ReadActions  = []string{"s3:GetObject"}
	s3ListActions  = []string{"s3:ListBucket"}
	s3WriteActions = []string{"s3:PutObject", "s3:AbortMultipartUpload"}
)

// bucketPattern is S3's bucket naming rule (lowercase letters, digits, dots
// and hyphens, 3–63 characters, a letter or digit at both ends).
var bucketPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`)

// s3Location is a context entry "bucket" or "bucket/key-prefix".
type s3Location struct{ bucket, prefix string }

func parseS3Location(s string) (s3Location, error) {
	s = strings.TrimPrefix(s, "s3://")
	bucket, prefix, _ := strings.Cut(s, "/")
	if !bucketPattern.MatchString(bucket) {
		return s3Location{}, fmt.Errorf("%q: want bucket or bucket/prefix, with an S3 bucket name", s)
	}
	return s3Location{bucket: bucket, prefix: prefix}, nil
}

func checkS3Locations(key string, list []string) []string {
	var errs []string
	for _, s := range list {
		if _, err := parseS3Location(s); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", key, err))
		}
	}
	return errs
}

// grantMapS3 lets the stepper read Map items from the locations of
// itemReaderS3 and write Map results to those of resultWriterS3, and
// nothing else in S3: objects under each prefix, and listing of the
// bucket restricted to that prefix.
func grantMapS3(s *ServiceStack, set Settings) {
	partition := *awscdk.Aws_PARTITION()
	for _, entry := range set.ItemReaderS3 {
		loc, _ := parseS3Location(entry) // checked by SettingsFromContext
		grantS3(s, s3ReadActions, loc.objects(partition), nil)
		grantS3(s, s3ListActions, []string{"arn:" + partition + ":s3:::" + loc.bucket},
			&map[string]*map[string]any{"StringLike": {"s3:prefix": loc.prefix + "*"}})
	}
	for _, entry := range set.ResultWriterS3 {
		loc, _ := parseS3Location(entry)
		grantS3(s, s3WriteActions, loc.objects(partition), nil)
	}
}

// objects is the ARN pattern of the objects under the location.
func (l s3Location) objects(partition string) []string {
	return []string{"arn:" + partition + ":s3:::" + l.bucket + "/" + l.prefix + "*"}
}

func grantS3(s *ServiceStack, actions, resources []string, cond *map[string]*map[string]any) {
	awsiam.Grant_AddToPrincipal(&awsiam.GrantOnPrincipalOptions{
		Grantee: s.Stepper, Actions: jsii.Strings(actions...), ResourceArns: jsii.Strings(resources...), Conditions: cond,
	})
}
