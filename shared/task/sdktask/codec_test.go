package sdktask

import (
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	dtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// dynamoCodec knows DynamoDB's AttributeValue union, as builtin's
// generated adapter declares it.
var dynamoCodec = newCodec(Service{Unions: []Union{UnionOf[dtypes.AttributeValue](
	&dtypes.AttributeValueMemberB{}, &dtypes.AttributeValueMemberBOOL{}, &dtypes.AttributeValueMemberBS{},
	&dtypes.AttributeValueMemberL{}, &dtypes.AttributeValueMemberM{}, &dtypes.AttributeValueMemberN{},
	&dtypes.AttributeValueMemberNS{}, &dtypes.AttributeValueMemberNULL{}, &dtypes.AttributeValueMemberS{},
	&dtypes.AttributeValueMemberSS{})}})

func TestDecode_Requests(t *testing.T) {
	tests := []struct {
		name   string
		input  any // zero request struct
		params string
		want   any
	}{
		{"AttributeValues", dynamodb.PutItemInput{}, `{"TableName":"t","Item":{"s":{"S":"x"},"n":{"N":"1.50"},"b":{"B":"AQI="},"ss":{"SS":["a"]},"m":{"M":{"z":{"NULL":true}}},"l":{"L":[{"BOOL":false}]}}}`,
			&dynamodb.PutItemInput{TableName: ptr("t"), Item: map[string]dtypes.AttributeValue{
				"s": &dtypes.AttributeValueMemberS{Value: "x"}, "n": &dtypes.AttributeValueMemberN{Value: "1.50"},
				"b": &dtypes.AttributeValueMemberB{Value: []byte{1, 2}}, "ss": &dtypes.AttributeValueMemberSS{Value: []string{"a"}},
				"m": &dtypes.AttributeValueMemberM{Value: map[string]dtypes.AttributeValue{"z": &dtypes.AttributeValueMemberNULL{Value: true}}},
				"l": &dtypes.AttributeValueMemberL{Value: []dtypes.AttributeValue{&dtypes.AttributeValueMemberBOOL{Value: false}}}}}},
		{"EnumsAndNumbers", dynamodb.QueryInput{}, `{"TableName":"t","Limit":5,"Select":"COUNT","ConsistentRead":true}`,
			&dynamodb.QueryInput{TableName: ptr("t"), Limit: ptr(int32(5)), Select: dtypes.SelectCount, ConsistentRead: ptr(true)}},
		{"NumberAsStringMember", dynamodb.QueryInput{}, `{"TableName":12}`, &dynamodb.QueryInput{TableName: ptr("12")}},
		{"NullIsAbsent", dynamodb.QueryInput{}, `{"TableName":"t","Limit":null}`, &dynamodb.QueryInput{TableName: ptr("t")}},
		{"Timestamp", s3.PutObjectInput{}, `{"Bucket":"b","Key":"k","Expires":"2024-01-02T03:04:05.5Z"}`,
			&s3.PutObjectInput{Bucket: ptr("b"), Key: ptr("k"), Expires: ptr(time.Date(2024, 1, 2, 3, 4, 5, 5e8, time.UTC))}},
		{"EpochTimestamp", s3.PutObjectInput{}, `{"Expires":1700000000}`,
			&s3.PutObjectInput{Expires: ptr(time.Unix(1700000000, 0).UTC())}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dynamoCodec.decodeInput(reflect.TypeOf(tt.input), jsonval.MustDecode(tt.params).(*jsonval.Object))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("decoded %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestDecode_Body(t *testing.T) {
	for params, want := range map[string]string{
		`{"Body":"plain text"}`:         "plain text",
		`{"Body":{"Dict":"Value"}}`:     `{"Dict":"Value"}`,
		`{"Body":[1,true,null]}`:        `[1,true,null]`,
		`{"Body":12.5}`:                 `12.5`,
		`{"Body":{"b":1,"a":"\u00e9"}}`: `{"b":1,"a":"é"}`,
	} {
		in, err := dynamoCodec.decodeInput(reflect.TypeFor[s3.PutObjectInput](), jsonval.MustDecode(params).(*jsonval.Object))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(in.(*s3.PutObjectInput).Body)
		if string(b) != want {
			t.Errorf("%s: body %q, want %q", params, b, want)
		}
	}
}

func TestDecode_Errors(t *testing.T) {
	tests := []struct{ name, params, want string }{
		{"UnknownMember", `{"TableName":"t","Bogus":1}`, "The field 'Bogus' is not supported by Step Functions"},
		{"WrongCase", `{"tableName":"t"}`, "The field 'tableName' is not supported by Step Functions"},
		{"SDKOnlyMember", `{"ResultMetadata":{}}`, "The field 'ResultMetadata' is not supported by Step Functions"},
		{"WrongType", `{"Item":[1]}`, "The value for the field 'Item' must be an object, not array"},
		{"NotAnInteger", `{"ReturnValues":"ALL_OLD","TableName":"t","Item":{},"ConditionExpression":{}}`, "The value for the field 'ConditionExpression' must be a string, not object"},
		{"TwoUnionMembers", `{"Item":{"id":{"S":"1","N":"1"}}}`, "The field 'Item.id' must be an object with exactly one member"},
		{"UnknownUnionMember", `{"Item":{"id":{"X":"1"}}}`, "The field 'Item.id.X' is not supported by Step Functions"},
		{"BadBase64", `{"Item":{"id":{"B":"%%"}}}`, "The value for the field 'Item.id.B' must be base64-encoded binary data"},
		{"NestedUnknown", `{"ReturnConsumedCapacity":"TOTAL","Expected":{"a":{"Bogus":1}}}`, "The field 'Expected.a.Bogus' is not supported by Step Functions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := dynamoCodec.decodeInput(reflect.TypeFor[dynamodb.PutItemInput](), jsonval.MustDecode(tt.params).(*jsonval.Object))
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestEncode_Responses(t *testing.T) {
	modified := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	tests := []struct {
		name string
		out  any
		want string
	}{
		{"UnionsAndBlobs", &dynamodb.GetItemOutput{Item: map[string]dtypes.AttributeValue{
			"id": &dtypes.AttributeValueMemberS{Value: "1"}, "b": &dtypes.AttributeValueMemberB{Value: []byte{1, 2}},
			"l": &dtypes.AttributeValueMemberL{Value: []dtypes.AttributeValue{&dtypes.AttributeValueMemberNULL{Value: true}}}}},
			`{"Item":{"b":{"B":"AQI="},"id":{"S":"1"},"l":{"L":[{"NULL":true}]}}}`},
		{"UnsetMembersLeftOut", &dynamodb.PutItemOutput{}, `{}`},
		{"NonPointerNumbers", &dynamodb.ScanOutput{Count: 2, ScannedCount: 3, Items: []map[string]dtypes.AttributeValue{}},
			`{"Count":2,"Items":[],"ScannedCount":3}`},
		{"EmptyListKept", &secretsmanager.ListSecretsOutput{SecretList: []smtypes.SecretListEntry{}}, `{"SecretList":[]}`},
		{"BodyAndTimestamp", &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader("binary data")), ContentLength: ptr(int64(11)),
			ContentType: ptr("binary/octet-stream"), ETag: ptr(`"e1"`), LastModified: &modified, Metadata: map[string]string{}, ServerSideEncryption: "AES256"},
			`{"Body":"binary data","ContentLength":11,"ContentType":"binary/octet-stream","ETag":"\"e1\"","LastModified":"2024-05-06T07:08:09Z","Metadata":{},"ServerSideEncryption":"AES256"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := dynamoCodec.encode(reflect.ValueOf(tt.out))
			if err != nil {
				t.Fatal(err)
			}
			if !jsonval.Equal(got, jsonval.MustDecode(tt.want)) {
				t.Errorf("encoded %s\nwant %s", jsonval.String(got), tt.want)
			}
		})
	}
}

func TestFormatTime(t *testing.T) {
	base := time.Date(2021, 9, 30, 10, 0, 0, 0, time.FixedZone("CEST", 7200))
	tests := []struct {
		ns   int
		want string
	}{
		{0, "2021-09-30T08:00:00Z"},
		{5e8, "2021-09-30T08:00:00.500Z"},
		{123456000, "2021-09-30T08:00:00.123456Z"},
		{1, "2021-09-30T08:00:00.000000001Z"},
	}
	for _, tt := range tests {
		if got := formatTime(base.Add(time.Duration(tt.ns))); got != tt.want {
			t.Errorf("formatTime(+%dns) = %s, want %s", tt.ns, got, tt.want)
		}
	}
}

func ptr[T any](v T) *T { return &v }
