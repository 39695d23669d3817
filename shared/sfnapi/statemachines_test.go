package sfnapi_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

func TestCreateStateMachine_Errors(t *testing.T) {
	e := newEnv(t)
	e.mustCreate(t, "existing", "STANDARD", passDef)
	base := func() *sfn.CreateStateMachineInput {
		return &sfn.CreateStateMachineInput{Name: aws.String("sm"), Definition: aws.String(passDef), RoleArn: aws.String(role)}
	}
	tests := []struct {
		name   string
		mutate func(in *sfn.CreateStateMachineInput)
		code   string
		msg    string
	}{
		{"invalid definition", func(in *sfn.CreateStateMachineInput) { in.Definition = aws.String(`{"Comment":"x","StartAt":"A"}`) },
			"InvalidDefinition", "SCHEMA_VALIDATION_FAILED: These fields are required: [States] at /"},
		{"not json", func(in *sfn.CreateStateMachineInput) { in.Definition = aws.String(`{`) }, "InvalidDefinition", "INVALID_JSON_DESCRIPTION"},
		// A definition over AWS's 1,048,576 characters cannot fit in a
		// request under AWS's 1 MB request quota: the front end answers.
		{"too large", func(in *sfn.CreateStateMachineInput) { in.Definition = aws.String(strings.Repeat(" ", 1<<20+1)) },
			"RequestEntityTooLargeException", "Request must be smaller than 1048576 bytes for the CreateStateMachine operation"},
		{"bad name", func(in *sfn.CreateStateMachineInput) { in.Name = aws.String("a b") }, "InvalidName", "Invalid Name: 'a b'"},
		// The model bounds names to 80 characters: the framework rejects longer ones.
		{"long name", func(in *sfn.CreateStateMachineInput) { in.Name = aws.String(strings.Repeat("n", 81)) }, "ValidationException", "at 'name' failed to satisfy constraint: Member must have length less than or equal to 80"},
		{"bad role", func(in *sfn.CreateStateMachineInput) { in.RoleArn = aws.String("role") }, "InvalidArn", ""},
		{"bad type", func(in *sfn.CreateStateMachineInput) { in.Type = "FAST" }, "ValidationException", "enum value set"},
		{"bad log level", func(in *sfn.CreateStateMachineInput) {
			in.LoggingConfiguration = &types.LoggingConfiguration{Level: "LOUD"}
		}, "ValidationException", "loggingConfiguration.level"},
		{"logging without destination", func(in *sfn.CreateStateMachineInput) {
			in.LoggingConfiguration = &types.LoggingConfiguration{Level: types.LogLevelAll}
		}, "InvalidLoggingConfiguration", ""},
		{"description without publish", func(in *sfn.CreateStateMachineInput) { in.VersionDescription = aws.String("d") }, "ValidationException", "publish"},
		{"different definition", func(in *sfn.CreateStateMachineInput) {
			in.Name, in.Definition = aws.String("existing"), aws.String(waitDef)
		}, "StateMachineAlreadyExists", "State Machine Already Exists: 'arn:aws:states:us-east-1:000000000000:stateMachine:existing'"},
		{"too many tags", func(in *sfn.CreateStateMachineInput) {
			for i := range 51 {
				in.Tags = append(in.Tags, types.Tag{Key: aws.String(strings.Repeat("k", i+1)), Value: aws.String("v")})
			}
		}, "TooManyTags", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.mutate(in)
			_, err := e.client.CreateStateMachine(ctx(), in)
			wantCode(t, err, tc.code, tc.msg)
		})
	}
}

func TestCreateStateMachine_TypedErrors(t *testing.T) {
	e := newEnv(t)
	_, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("arn:aws:states:us-east-1:000000000000:stateMachine:nope")})
	var dne *types.StateMachineDoesNotExist
	if !errors.As(err, &dne) {
		t.Fatalf("got %T %v, want *types.StateMachineDoesNotExist", err, err)
	}
	_, err = e.client.CreateStateMachine(ctx(), &sfn.CreateStateMachineInput{Name: aws.String("x"), Definition: aws.String("{}"), RoleArn: aws.String(role)})
	var inv *types.InvalidDefinition
	if !errors.As(err, &inv) || !strings.Contains(*inv.Message, "These fields are required") {
		t.Fatalf("got %v, want *types.InvalidDefinition", err)
	}
	_, err = e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String("nonsense")})
	var ia *types.InvalidArn
	if !errors.As(err, &ia) {
		t.Fatalf("got %v, want *types.InvalidArn", err)
	}
}

func TestCreateStateMachine_IdempotentAndDescribe(t *testing.T) {
	e := newEnv(t)
	in := &sfn.CreateStateMachineInput{
		Name: aws.String("sm"), Definition: aws.String(passDef), RoleArn: aws.String(role), Type: types.StateMachineTypeExpress,
		Tags:                 []types.Tag{{Key: aws.String("team"), Value: aws.String("a")}},
		TracingConfiguration: &types.TracingConfiguration{Enabled: true},
	}
	first, err := e.client.CreateStateMachine(ctx(), in)
	mustNil(t, err, "create")
	in.RoleArn = aws.String("arn:aws:iam::000000000000:role/Other") // ignored by AWS's idempotency check
	again, err := e.client.CreateStateMachine(ctx(), in)
	mustNil(t, err, "identical create")
	if *again.StateMachineArn != *first.StateMachineArn || !again.CreationDate.Equal(*first.CreationDate) {
		t.Fatalf("idempotent create returned %v %v, want %v %v", *again.StateMachineArn, again.CreationDate, *first.StateMachineArn, first.CreationDate)
	}
	d, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: first.StateMachineArn})
	mustNil(t, err, "describe")
	if *d.Name != "sm" || *d.Definition != passDef || *d.RoleArn != role || d.Type != types.StateMachineTypeExpress ||
		d.Status != types.StateMachineStatusActive || !d.TracingConfiguration.Enabled || d.LoggingConfiguration.Level != types.LogLevelOff ||
		d.RevisionId != nil || !d.CreationDate.Equal(t0.Add(1e9)) {
		t.Fatalf("describe: %+v", d)
	}
}

func TestUpdateStateMachine_RevisionAndPublish(t *testing.T) {
	e := newEnv(t)
	smArn := e.mustCreate(t, "sm", "STANDARD", passDef)
	tests := []struct {
		name     string
		in       sfn.UpdateStateMachineInput
		code     string
		revision string // expected revision after success; "" = none reported
		version  string // expected version ARN suffix
	}{
		{"nothing to update", sfn.UpdateStateMachineInput{}, "MissingRequiredParameter", "", ""},
		{"bad definition", sfn.UpdateStateMachineInput{Definition: aws.String(`{"StartAt":"X","States":{}}`)}, "InvalidDefinition", "", ""},
		{"tracing only keeps the initial, unreported revision", sfn.UpdateStateMachineInput{TracingConfiguration: &types.TracingConfiguration{Enabled: true}}, "", "", ""},
		{"definition makes revision", sfn.UpdateStateMachineInput{Definition: aws.String(waitDef)}, "", "rev-2", ""},
		{"publish", sfn.UpdateStateMachineInput{RoleArn: aws.String(role + "2"), Publish: true, VersionDescription: aws.String("v1")}, "", "rev-3", ":1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.StateMachineArn = aws.String(smArn)
			out, err := e.client.UpdateStateMachine(ctx(), &in)
			if tc.code != "" {
				wantCode(t, err, tc.code, "")
				return
			}
			mustNil(t, err, "update")
			if aws.ToString(out.RevisionId) != tc.revision {
				t.Fatalf("revision %q, want %q", aws.ToString(out.RevisionId), tc.revision)
			}
			if got := aws.ToString(out.StateMachineVersionArn); (tc.version == "") != (got == "") || !strings.HasSuffix(got, tc.version) {
				t.Fatalf("version ARN %q, want suffix %q", got, tc.version)
			}
		})
	}
	_, err := e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(smArn + "x"), Definition: aws.String(passDef)})
	var dne *types.StateMachineDoesNotExist
	if !errors.As(err, &dne) {
		t.Fatalf("update of absent: %v", err)
	}
}

func TestListAndDeleteStateMachines(t *testing.T) {
	e := newEnv(t)
	want := map[string]bool{}
	for _, n := range []string{"a", "b", "c", "d", "e"} {
		want[e.mustCreate(t, n, "STANDARD", passDef)] = true
	}
	seen := map[string]bool{}
	p := sfn.NewListStateMachinesPaginator(e.client, &sfn.ListStateMachinesInput{MaxResults: 2})
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(ctx())
		mustNil(t, err, "page")
		pages++
		if len(out.StateMachines) > 2 {
			t.Fatalf("page of %d", len(out.StateMachines))
		}
		for _, sm := range out.StateMachines {
			if seen[*sm.StateMachineArn] {
				t.Fatalf("%s seen twice", *sm.StateMachineArn)
			}
			seen[*sm.StateMachineArn] = true
		}
	}
	if pages != 3 || len(seen) != len(want) {
		t.Fatalf("pages %d, seen %v", pages, seen)
	}
	_, err := e.client.ListStateMachines(ctx(), &sfn.ListStateMachinesInput{NextToken: aws.String("garbage")})
	wantCode(t, err, "InvalidToken", "")
	_, err = e.client.ListStateMachines(ctx(), &sfn.ListStateMachinesInput{MaxResults: 1001})
	wantCode(t, err, "ValidationException", "less than or equal to 1000")

	arnA := "arn:aws:states:us-east-1:000000000000:stateMachine:a"
	_, err = e.client.DeleteStateMachine(ctx(), &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(arnA)})
	mustNil(t, err, "delete")
	_, err = e.client.DeleteStateMachine(ctx(), &sfn.DeleteStateMachineInput{StateMachineArn: aws.String(arnA)})
	mustNil(t, err, "delete again")
	_, err = e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arnA)})
	wantCode(t, err, "StateMachineDoesNotExist", "")
}

// Logging configuration as AWS recorded it (test_sfn_api_logs): echoed as
// given (an empty destinations list included), exactly one destination
// unless OFF, and a change of it makes a new revision.
func TestLoggingConfiguration(t *testing.T) {
	e := newEnv(t)
	dest := []types.LogDestination{{CloudWatchLogsLogGroup: &types.CloudWatchLogsLogGroup{
		LogGroupArn: aws.String("arn:aws:logs:us-east-1:000000000000:log-group:g:*")}}}
	create := func(name string, lc *types.LoggingConfiguration) (string, error) {
		out, err := e.client.CreateStateMachine(ctx(), &sfn.CreateStateMachineInput{Name: aws.String(name),
			Definition: aws.String(passDef), RoleArn: aws.String(role), LoggingConfiguration: lc})
		if err != nil {
			return "", err
		}
		return *out.StateMachineArn, nil
	}
	describe := func(arn string) *sfn.DescribeStateMachineOutput {
		d, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: aws.String(arn)})
		mustNil(t, err, "describe")
		return d
	}
	for _, tc := range []struct {
		name      string
		lc        *types.LoggingConfiguration
		wantDests []types.LogDestination // nil: no destinations member
	}{
		{"empty", &types.LoggingConfiguration{}, nil},
		{"empty destinations", &types.LoggingConfiguration{Destinations: []types.LogDestination{}}, []types.LogDestination{}},
		{"all", &types.LoggingConfiguration{Level: types.LogLevelAll, IncludeExecutionData: true, Destinations: dest}, dest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			arn, err := create(strings.ReplaceAll(tc.name, " ", "-"), tc.lc)
			mustNil(t, err, "create")
			got := describe(arn).LoggingConfiguration
			if (got.Destinations == nil) != (tc.wantDests == nil) || len(got.Destinations) != len(tc.wantDests) {
				t.Fatalf("destinations %+v, want %+v", got.Destinations, tc.wantDests)
			}
			if want := tc.lc.Level; want != "" && got.Level != want || want == "" && got.Level != types.LogLevelOff {
				t.Fatalf("level %s", got.Level)
			}
		})
	}
	const invalid = "Invalid Logging Configuration: Must specify exactly one Log Destination."
	_, err := create("no-dest", &types.LoggingConfiguration{Level: types.LogLevelError})
	wantCode(t, err, "InvalidLoggingConfiguration", invalid)
	_, err = create("two-dests", &types.LoggingConfiguration{Level: types.LogLevelAll, Destinations: append(dest, dest...)})
	wantCode(t, err, "InvalidLoggingConfiguration", invalid)

	arn, err := create("updated", &types.LoggingConfiguration{Level: types.LogLevelAll, Destinations: dest})
	mustNil(t, err, "create")
	update := func(level types.LogLevel) string {
		_, err := e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: aws.String(arn),
			LoggingConfiguration: &types.LoggingConfiguration{Level: level, Destinations: dest}})
		mustNil(t, err, "update")
		return aws.ToString(describe(arn).RevisionId)
	}
	first := update(types.LogLevelFatal)
	if first == "" || update(types.LogLevelFatal) != first || update(types.LogLevelError) == first {
		t.Fatalf("a logging change must make a new revision, an unchanged update none")
	}
}

// An encryption configuration is stored and echoed by every Describe of
// the resource, its versions and its executions; none reads AWS-owned key.
func TestEncryptionConfiguration_Echoed(t *testing.T) {
	e := newEnv(t)
	cmk := &types.EncryptionConfiguration{Type: types.EncryptionTypeCustomerManagedKmsKey,
		KmsKeyId: aws.String("alias/mine"), KmsDataKeyReusePeriodSeconds: aws.Int32(120)}
	same := func(what string, got *types.EncryptionConfiguration, want *types.EncryptionConfiguration) {
		t.Helper()
		if got == nil || got.Type != want.Type || aws.ToString(got.KmsKeyId) != aws.ToString(want.KmsKeyId) ||
			aws.ToInt32(got.KmsDataKeyReusePeriodSeconds) != aws.ToInt32(want.KmsDataKeyReusePeriodSeconds) {
			t.Fatalf("%s: encryption %+v, want %+v", what, got, want)
		}
	}
	c, err := e.client.CreateStateMachine(ctx(), &sfn.CreateStateMachineInput{Name: aws.String("enc"), Definition: aws.String(passDef),
		RoleArn: aws.String(role), EncryptionConfiguration: cmk, Publish: true})
	mustNil(t, err, "create")
	d, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: c.StateMachineArn})
	mustNil(t, err, "describe")
	same("state machine", d.EncryptionConfiguration, cmk)
	v, err := e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: c.StateMachineVersionArn})
	mustNil(t, err, "describe version")
	same("version", v.EncryptionConfiguration, cmk)

	owned := &types.EncryptionConfiguration{Type: types.EncryptionTypeAwsOwnedKey}
	u, err := e.client.UpdateStateMachine(ctx(), &sfn.UpdateStateMachineInput{StateMachineArn: c.StateMachineArn, EncryptionConfiguration: owned})
	mustNil(t, err, "update")
	if aws.ToString(u.RevisionId) == "" {
		t.Fatalf("an encryption change makes a new revision")
	}
	d, err = e.client.DescribeStateMachine(ctx(), &sfn.DescribeStateMachineInput{StateMachineArn: c.StateMachineArn})
	mustNil(t, err, "describe after update")
	same("updated", d.EncryptionConfiguration, owned)

	act, err := e.client.CreateActivity(ctx(), &sfn.CreateActivityInput{Name: aws.String("act"), EncryptionConfiguration: cmk})
	mustNil(t, err, "create activity")
	da, err := e.client.DescribeActivity(ctx(), &sfn.DescribeActivityInput{ActivityArn: act.ActivityArn})
	mustNil(t, err, "describe activity")
	same("activity", da.EncryptionConfiguration, cmk)
}
