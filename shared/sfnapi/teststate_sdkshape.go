package sfnapi

import (
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/stepwise/stepwise/shared/task/sdktask"
	"github.com/stepwise/stepwise/shared/task/sdktask/builtin"
)

// sdkOperations are the AWS SDK integrations built in, by service and
// apiAction, read once.
var sdkOperations = sync.OnceValue(func() map[string]map[string]sdktask.Operation {
	out := map[string]map[string]sdktask.Operation{}
	for _, s := range builtin.Services() {
		out[s.Name] = s.Operations
	}
	return out
})

// sdkShape is the response shape of an AWS SDK integration
// ("aws-sdk:s3:getObject"), read from the SDK's response type: member
// names, JSON types (timestamps and blobs are strings), enum values. The
// SDK does not carry which members are required, nor length and range
// limits, so those are not checked.
func sdkShape(integration string) (map[string]field, bool) {
	parts := strings.Split(integration, ":")
	if len(parts) != 3 || parts[0] != "aws-sdk" {
		return nil, false
	}
	op, ok := sdkOperations()[parts[1]][parts[2]]
	if !ok || op.Output() == nil {
		return nil, false
	}
	return shapeOf(op.Output(), 0).members, true
}

var (
	typeTime  = reflect.TypeFor[time.Time]()
	typeBytes = reflect.TypeFor[[]byte]()
)

// maxShapeDepth bounds recursive response types (a deeper member is "any").
const maxShapeDepth = 8

// shapeOf is the field an SDK type stands for.
func shapeOf(t reflect.Type, depth int) field {
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
		item := shapeOf(t.Elem(), depth+1)
		return field{typ: "array", item: &item}
	case reflect.Map:
		return field{typ: "object"}
	case reflect.Struct:
		return field{typ: "object", members: structMembers(t, depth)}
	}
	return field{typ: "any"} // unions, documents, streamed bodies
}

func structMembers(t reflect.Type, depth int) map[string]field {
	members := map[string]field{}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && !f.Anonymous && f.Name != "ResultMetadata" {
			members[f.Name] = shapeOf(f.Type, depth+1)
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
