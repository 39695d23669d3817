package dynamostore

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestPageToken_RoundTrip(t *testing.T) {
	lek := map[string]types.AttributeValue{
		"pk": strAttr("EX#arn:aws:states:us-east-1:1:execution:sm:e"), "sk": strAttr("R"),
		"gsi2pk": strAttr("arn:aws:states:us-east-1:1:stateMachine:sm"), "gsi2sk": strAttr("2026-01-01T00:00:00.000000000Z#x"),
	}
	tok, err := encodeToken(lek)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeToken(tok)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(lek) {
		t.Fatalf("got %d attributes, want %d", len(got), len(lek))
	}
	for k, v := range lek {
		if item(got).s(k) != v.(*types.AttributeValueMemberS).Value {
			t.Fatalf("attribute %s changed: %v", k, got[k])
		}
	}
	if tok, err := encodeToken(nil); tok != "" || err != nil {
		t.Fatalf("no key encodes as %q, %v; want empty", tok, err)
	}
}

func TestPageToken_Rejects(t *testing.T) {
	for name, tok := range map[string]string{
		"other version": "m1.eyJwayI6IngifQ",
		"not base64":    "d1.!!!",
		"not json":      "d1.bm90IGpzb24",
		"empty object":  "d1.e30",
		"not strings":   "d1.eyJwayI6MX0",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := decodeToken(tok); !errors.Is(err, ErrBadToken) {
				t.Fatalf("decodeToken(%q) = %v, want ErrBadToken", tok, err)
			}
		})
	}
}

func FuzzDecodeToken(f *testing.F) {
	good, _ := encodeToken(map[string]types.AttributeValue{"pk": strAttr("SM#a"), "sk": strAttr("META")})
	f.Add(good)
	f.Add("d1.")
	f.Add("garbage")
	f.Fuzz(func(t *testing.T, tok string) {
		k, err := decodeToken(tok)
		if err != nil {
			return
		}
		if _, err := encodeToken(k); err != nil {
			t.Fatalf("a decoded token does not re-encode: %v", err)
		}
	})
}

func TestSplitQualified(t *testing.T) {
	cases := []struct{ in, sm, q string }{
		{"arn:aws:states:us-east-1:1:stateMachine:sm:3", "arn:aws:states:us-east-1:1:stateMachine:sm", "3"},
		{"arn:aws:states:us-east-1:1:stateMachine:sm:prod", "arn:aws:states:us-east-1:1:stateMachine:sm", "prod"},
		{"noqualifier", "", ""},
		{"trailing:", "", ""},
	}
	for _, c := range cases {
		sm, q, _ := splitQualified(c.in)
		if sm != c.sm || q != c.q {
			t.Errorf("splitQualified(%q) = %q, %q; want %q, %q", c.in, sm, q, c.sm, c.q)
		}
	}
}
