package sfnapi_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// TestListStateMachineAliases_ForVersion: given a version ARN, the listing
// holds the aliases that route to that version, paged like any listing.
func TestListStateMachineAliases_ForVersion(t *testing.T) {
	e := newEnv(t)
	smArn := setupVersions(t, e) // alias "live": 70% :1, 30% :2
	v1, v2 := smArn+":1", smArn+":2"
	for name, routes := range map[string][]types.RoutingConfigurationListItem{
		"one": {{StateMachineVersionArn: aws.String(v1), Weight: 100}},
		"two": {{StateMachineVersionArn: aws.String(v2), Weight: 100}},
	} {
		_, err := e.client.CreateStateMachineAlias(ctx(), &sfn.CreateStateMachineAliasInput{Name: aws.String(name), RoutingConfiguration: routes})
		mustNil(t, err, "alias "+name)
	}
	names := func(out *sfn.ListStateMachineAliasesOutput) string {
		var ns []string
		for _, al := range out.StateMachineAliases {
			ns = append(ns, strings.TrimPrefix(*al.StateMachineAliasArn, smArn+":"))
		}
		return strings.Join(ns, ",")
	}
	tests := []struct {
		name, arn string
		max       int32
		want      string
		more      bool
		code      string
	}{
		{"state machine", smArn, 0, "live,one,two", false, ""},
		{"version 1", v1, 0, "live,one", false, ""},
		{"version 2", v2, 0, "live,two", false, ""},
		{"first page", v1, 1, "live", true, ""},
		{"missing version", smArn + ":9", 0, "", false, "StateMachineDoesNotExist"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := e.client.ListStateMachineAliases(ctx(), &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(tc.arn), MaxResults: tc.max})
			if tc.code != "" {
				wantCode(t, err, tc.code, "")
				return
			}
			mustNil(t, err, "list")
			if got := names(out); got != tc.want || (out.NextToken != nil) != tc.more {
				t.Fatalf("aliases %q (next %v), want %q (more %v)", got, out.NextToken != nil, tc.want, tc.more)
			}
			if !tc.more {
				return
			}
			rest, err := e.client.ListStateMachineAliases(ctx(), &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(tc.arn), NextToken: out.NextToken})
			mustNil(t, err, "next page")
			if got := names(rest); got != "one" || rest.NextToken != nil {
				t.Fatalf("second page %q (next %v)", got, rest.NextToken != nil)
			}
			_, err = e.client.ListStateMachineAliases(ctx(), &sfn.ListStateMachineAliasesInput{StateMachineArn: aws.String(smArn), NextToken: out.NextToken})
			wantCode(t, err, "InvalidToken", "")
		})
	}
}
