package sfnapi_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func tagList(kv ...string) []types.Tag {
	var out []types.Tag
	for i := 0; i < len(kv); i += 2 {
		out = append(out, types.Tag{Key: aws.String(kv[i]), Value: aws.String(kv[i+1])})
	}
	return out
}

func TestTags(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	act, err := e.client.CreateActivity(ctx(), &sfn.CreateActivityInput{Name: aws.String("a")})
	mustNil(t, err, "activity")
	show := func(res string) string {
		t.Helper()
		out, err := e.client.ListTagsForResource(ctx(), &sfn.ListTagsForResourceInput{ResourceArn: aws.String(res)})
		mustNil(t, err, "list tags")
		s := ""
		for _, tg := range out.Tags {
			s += *tg.Key + "=" + *tg.Value + ";"
		}
		return s
	}
	steps := []struct {
		name string
		res  string
		tag  []types.Tag
		drop []string
		want string
	}{
		{"tag", smArn, tagList("b", "2", "a", "1"), nil, "a=1;b=2;"},
		{"merge", smArn, tagList("b", "3", "c", "4"), nil, "a=1;b=3;c=4;"},
		{"untag", smArn, nil, []string{"a", "zz"}, "b=3;c=4;"},
		{"activity", *act.ActivityArn, tagList("x", "y"), nil, "x=y;"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			if s.tag != nil {
				_, err := e.client.TagResource(ctx(), &sfn.TagResourceInput{ResourceArn: aws.String(s.res), Tags: s.tag})
				mustNil(t, err, "tag")
			}
			if s.drop != nil {
				_, err := e.client.UntagResource(ctx(), &sfn.UntagResourceInput{ResourceArn: aws.String(s.res), TagKeys: s.drop})
				mustNil(t, err, "untag")
			}
			if got := show(s.res); got != s.want {
				t.Fatalf("tags %q, want %q", got, s.want)
			}
		})
	}
	_, err = e.client.TagResource(ctx(), &sfn.TagResourceInput{ResourceArn: aws.String(smArn + "x"), Tags: tagList("a", "b")})
	var rnf *types.ResourceNotFound
	if !errors.As(err, &rnf) {
		t.Fatalf("tag absent: %v", err)
	}
	var many []types.Tag
	for i := range 49 { // 2 present + 49 new = 51
		many = append(many, tagList(fmt.Sprint("k", i), "v")...)
	}
	_, err = e.client.TagResource(ctx(), &sfn.TagResourceInput{ResourceArn: aws.String(smArn), Tags: many})
	var tooMany *types.TooManyTags
	if !errors.As(err, &tooMany) {
		t.Fatalf("51 tags: %v", err)
	}
	_, err = e.client.ListTagsForResource(ctx(), &sfn.ListTagsForResourceInput{ResourceArn: aws.String("arn:aws:states:us-east-1:0:execution:sm:x")})
	wantCode(t, err, "InvalidArn", "")
}
