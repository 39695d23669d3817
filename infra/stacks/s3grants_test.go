package stacks

import (
	"sort"
	"strings"
	"testing"
)

// TestServiceStack_MapS3: the stepper may read and list exactly the
// itemReaderS3 locations and write exactly the resultWriterS3 ones; the API
// function gets nothing in S3, and without the keys nobody does.
func TestServiceStack_MapS3(t *testing.T) {
	want := []string{
		`s3:AbortMultipartUpload,s3:PutObject on ["arn:${AWS::Partition}:s3:::out-bucket/results*"]`,
		`s3:GetObject on ["arn:${AWS::Partition}:s3:::in-bucket/csv/*","arn:${AWS::Partition}:s3:::lists/*"]`,
		`s3:ListBucket on ["arn:${AWS::Partition}:s3:::in-bucket"] if {"StringLike":{"s3:prefix":"csv/*"}}`,
		`s3:ListBucket on ["arn:${AWS::Partition}:s3:::lists"] if {"StringLike":{"s3:prefix":"*"}}`,
	}
	for variant, want := range map[string][]string{"default": nil, "custom": want} {
		got := map[string][]string{}
		for _, p := range resourcesOfType(templates(t, variant).svcJSON, "AWS::IAM::Policy") {
			owner := "api"
			if strings.Contains(jsonOf(p["Properties"].(map[string]any)["Roles"]), "stepperRole") {
				owner = "stepper"
			}
			for _, st := range statements(p) {
				if !strings.Contains(jsonOf(st["Action"]), `"s3:`) {
					continue
				}
				var acts []string
				for _, a := range asList(st["Action"]) {
					acts = append(acts, a.(string))
				}
				sort.Strings(acts)
				var res []string
				for _, r := range asList(st["Resource"]) {
					if r := flatJoin(r); !strings.Contains(r, "my-bucket") { // allowedServiceActions' grant
						res = append(res, r)
					}
				}
				if len(res) == 0 {
					continue
				}
				g := strings.Join(acts, ",") + " on " + jsonOf(res)
				if st["Condition"] != nil {
					g += " if " + jsonOf(st["Condition"])
				}
				got[owner] = append(got[owner], g)
			}
		}
		sort.Strings(got["stepper"])
		if jsonOf(got["stepper"]) != jsonOf(want) || len(got["api"]) > 0 {
			t.Errorf("%s: stepper S3 grants\n%s\nwant\n%s\napi: %v", variant, strings.Join(got["stepper"], "\n"), strings.Join(want, "\n"), got["api"])
		}
	}
}

func TestSettings_S3Locations(t *testing.T) {
	ctx := map[string]any{CtxItemReaderS3: "good-bucket/p,Bad_Bucket", CtxResultWriterS3: []any{"s3://ok.bucket", "x"}}
	_, err := SettingsFromContext(func(k string) any { return ctx[k] })
	for _, want := range []string{`itemReaderS3: "Bad_Bucket": want bucket or bucket/prefix`, `resultWriterS3: "x": want`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
	ctx = map[string]any{CtxItemReaderS3: "good-bucket/p,other-bucket"}
	s, err := SettingsFromContext(func(k string) any { return ctx[k] })
	if err != nil || strings.Join(s.ItemReaderS3, " ") != "good-bucket/p other-bucket" {
		t.Fatalf("settings %v, %v", s.ItemReaderS3, err)
	}
}

// flatJoin spells a {"Fn::Join": ["", parts]} ARN as one string, a Ref
// as ${Name}.
func flatJoin(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		s, _ := v.(string)
		return s
	}
	if ref, ok := m["Ref"]; ok {
		return "${" + ref.(string) + "}"
	}
	join, _ := m["Fn::Join"].([]any)
	if len(join) != 2 {
		return jsonOf(v)
	}
	var b strings.Builder
	for _, p := range join[1].([]any) {
		b.WriteString(flatJoin(p))
	}
	return b.String()
}
