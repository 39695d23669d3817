package sfnapi

import (
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// sdkService is one AWS SDK service built in: its operations by
// apiAction, and the response members its model requires.
type sdkService struct {
	ops      map[string]sdktask.Operation
	required map[string]bool // "<Output>.<Member>", "types.<Type>.<Member>"
}

// sdkServices are the AWS SDK integrations built in, by service, read once.
var sdkServices = sync.OnceValue(func() map[string]sdkService {
	out := map[string]sdkService{}
	for _, s := range builtin.Services() {
		out[s.Name] = sdkService{ops: s.Operations, required: s.RequiredMembers()}
	}
	return out
})

// sdkShape is the response shape of an AWS SDK integration
// ("aws-sdk:s3:getObject"), read from the SDK's response type: member
// names, JSON types (timestamps and blobs are strings), enum values, and
// the members the service's model requires (generated with the
// adapters). Length and range limits are not checked.
func sdkShape(integration string) (map[string]field, bool) {
	parts := strings.Split(integration, ":")
	if len(parts) != 3 || parts[0] != "aws-sdk" {
		return nil, false
	}
	svc := sdkServices()[parts[1]]
	op, ok := svc.ops[parts[2]]
	if !ok || op.Output() == nil {
		return nil, false
	}
	return shapes{required: svc.required}.of(op.Output(), 0).members, true
}

var (
	typeTime  = reflect.TypeFor[time.Time]()
	typeBytes = reflect.TypeFor[[]byte]()
)

// maxShapeDepth bounds recursive response types (a deeper member is "any").
const maxShapeDepth = 8

// shapes reads SDK types as fields.
type shapes struct {
	required map[string]bool
}

// of is the field an SDK type stands for.
func (sh shapes) of(t reflect.Type, depth int) field {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == typeTime || t == typeBytes {
		return field{typ: "string"}
	}
	if depth > maxShapeDepth {
		return field{typ: "any"}
	}
	switch t.Kind() {
	case reflect.String:
		return field{typ: "string", enum: enumValues(t)}
	case reflect.Bool:
		return field{typ: "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
		return field{typ: "number"}
	case reflect.Slice:
		item := sh.of(t.Elem(), depth+1)
		return field{typ: "array", item: &item}
	case reflect.Map:
		return field{typ: "object"}
	case reflect.Struct:
		return field{typ: "object", members: sh.members(t, depth)}
	}
	return field{typ: "any"} // unions, documents, streamed bodies
}

func (sh shapes) members(t reflect.Type, depth int) map[string]field {
	name := t.Name()
	if strings.HasSuffix(t.PkgPath(), "/types") {
		name = "types." + name
	}
	members := map[string]field{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && !f.Anonymous && f.Name != "ResultMetadata" {
			m := sh.of(f.Type, depth+1)
			m.required = sh.required[name+"."+f.Name]
			members[f.Name] = m
		}
	}
	return members
}

// enumValues lists an SDK enum type's values (its Values method).
func enumValues(t reflect.Type) []string {
	m, ok := t.MethodByName("Values")
	if !ok || t.PkgPath() == "" {
		return nil
	}
	vals := m.Func.Call([]reflect.Value{reflect.Zero(t)})[0]
	if vals.Kind() != reflect.Slice {
		return nil
	}
	out := make([]string, vals.Len())
	for i := range out {
		out[i] = vals.Index(i).String()
	}
	return out
}
