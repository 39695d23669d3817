package sdktask

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/middleware"
)

// Service is one AWS service built in, as the generated adapters of
// package builtin describe it.
type Service struct {
	Name   string // as in the Resource ARN: "s3", "dynamodb", "eventbridge"
	Prefix string // error name prefix, AWS's "exception prefix": "S3", "DynamoDb"
	// Client makes the service's client; endpoint overrides the SDK's
	// endpoint resolution when it is not empty.
	Client     func(cfg aws.Config, endpoint string) any
	Operations map[string]Operation // keyed by apiAction ("getObject")
	Unions     []Union
	// HeaderMaps are the response members bound to a header prefix
	// ("GetObjectOutput.Metadata" for S3's x-amz-meta-*), which Step
	// Functions shows as {} when no such header came back.
	HeaderMaps []string
	// Required lists the response members the service's model requires,
	// in the responses of the operations built in and the structures they
	// hold: "<Output>.<Member>,<Member>…" or "types.<Type>.<Member>,…",
	// separated by spaces (one string keeps the binaries small; see
	// RequiredMembers). TestState's STRICT mock validation checks them.
	Required string
	// Document wraps a decoded JSON value as the service's document type
	// (nil when the service has none).
	Document func(v any) any
}

// Operation is one API action: a typed SDK call behind an untyped face.
type Operation struct {
	input  reflect.Type // the request struct (not its pointer)
	output reflect.Type // the response struct (not its pointer)
	call   func(ctx context.Context, client, in any) (any, error)
}

// Output is the operation's response struct type: TestState validates a
// mocked result against it.
func (o Operation) Output() reflect.Type { return o.output }

// Op adapts a client method expression, (*s3.Client).GetObject, to an
// Operation. The type parameters are inferred from the method.
func Op[C, I, O, Opt any](m func(C, context.Context, *I, ...func(*Opt)) (*O, error)) Operation {
	return Operation{
		input:  reflect.TypeFor[I](),
		output: reflect.TypeFor[O](),
		call: func(ctx context.Context, client, in any) (any, error) {
			out, err := m(client.(C), ctx, in.(*I))
			if err != nil {
				return nil, err
			}
			return out, nil
		},
	}
}

// Union lists the members of one SDK union interface (a tagged union such
// as DynamoDB's AttributeValue), by member name.
type Union struct {
	iface   reflect.Type
	members map[string]reflect.Type // member name → member struct type
}

// UnionOf describes union U from samples of its member types
// (&types.AttributeValueMemberS{}, …), named <U>Member<Name> by the SDK.
func UnionOf[U any](samples ...U) Union {
	iface := reflect.TypeFor[U]()
	u := Union{iface: iface, members: make(map[string]reflect.Type, len(samples))}
	for _, s := range samples {
		t := reflect.TypeOf(s).Elem()
		u.members[strings.TrimPrefix(t.Name(), iface.Name()+"Member")] = t
	}
	return u
}

// WithoutValidation drops the SDK's client-side input validation, so that a
// missing member reaches the service and fails with the service's own
// error, as in Step Functions. It appends to a clipped copy: the slice may
// be shared with other clients.
func WithoutValidation(opts []func(*middleware.Stack) error) []func(*middleware.Stack) error {
	return append(slices.Clip(opts), func(s *middleware.Stack) error {
		_, _ = s.Initialize.Remove("OperationInputValidation") // absent on operations without required members
		return nil
	})
}

// RequiredMembers reads Required as a set of "<Struct>.<Member>", the
// struct named "<Output>" or "types.<Type>".
func (s Service) RequiredMembers() map[string]bool {
	out := map[string]bool{}
	for _, group := range strings.Fields(s.Required) {
		i := strings.LastIndexByte(group, '.')
		for _, m := range strings.Split(group[i+1:], ",") {
			out[group[:i+1]+m] = true
		}
	}
	return out
}
