package sdktask

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

var (
	typeTime   = reflect.TypeFor[time.Time]()
	typeBytes  = reflect.TypeFor[[]byte]()
	typeReader = reflect.TypeFor[io.Reader]()
)

// codec converts between JSON values and one service's SDK structs.
type codec struct {
	unions     map[reflect.Type]Union
	headerMaps map[string]bool // "<Output>.<Member>"
	document   func(any) any
	// epochMillis renders timestamps as epoch milliseconds, as the
	// optimized integrations show them (see Call).
	epochMillis bool
}

func newCodec(s Service) codec {
	c := codec{unions: make(map[reflect.Type]Union, len(s.Unions)), headerMaps: map[string]bool{}, document: s.Document}
	for _, u := range s.Unions {
		c.unions[u.iface] = u
	}
	for _, m := range s.HeaderMaps {
		c.headerMaps[m] = true
	}
	return c
}

// paramError: the Parameters cannot make the request.
type paramError struct{ msg string }

func (e *paramError) Error() string { return e.msg }

func paramErrorf(format string, args ...any) error {
	return &paramError{msg: fmt.Sprintf(format, args...)}
}

// decodeInput makes a request struct of type t from the Parameters.
func (c codec) decodeInput(t reflect.Type, params *jsonval.Object) (any, error) {
	p := reflect.New(t)
	if err := c.decodeStruct(p.Elem(), params, ""); err != nil {
		return nil, err
	}
	return p.Interface(), nil
}

// decode sets dst from v; path names the member for error messages. A null
// leaves dst unset, as if absent.
func (c codec) decode(dst reflect.Value, v jsonval.Value, path string) error {
	if v == nil {
		return nil
	}
	t := dst.Type()
	switch {
	case t == typeReader:
		dst.Set(reflect.ValueOf(bytes.NewReader(bodyBytes(v))))
		return nil
	case t == typeBytes:
		return decodeBlob(dst, v, path)
	case t == typeTime:
		return decodeTime(dst, v, path)
	}
	switch t.Kind() {
	case reflect.Pointer:
		p := reflect.New(t.Elem())
		if err := c.decode(p.Elem(), v, path); err != nil {
			return err
		}
		dst.Set(p)
		return nil
	case reflect.Struct:
		obj, ok := v.(*jsonval.Object)
		if !ok {
			return typeError(path, "an object", v)
		}
		return c.decodeStruct(dst, obj, path)
	case reflect.Slice:
		return c.decodeSlice(dst, v, path)
	case reflect.Map:
		return c.decodeMap(dst, v, path)
	case reflect.Interface:
		return c.decodeInterface(dst, v, path)
	}
	return decodeScalar(dst, v, path)
}

// decodeStruct fills the exported members of a request or shape struct.
// Member names must match exactly: Step Functions rejects other spellings.
func (c codec) decodeStruct(dst reflect.Value, obj *jsonval.Object, path string) error {
	var err error
	obj.Range(func(k string, x jsonval.Value) bool {
		f, ok := dst.Type().FieldByName(k)
		if !ok || !f.IsExported() || len(f.Index) != 1 || k == "ResultMetadata" {
			err = paramErrorf("The field '%s' is not supported by Step Functions", join(path, k))
			return false
		}
		err = c.decode(dst.Field(f.Index[0]), x, join(path, k))
		return err == nil
	})
	return err
}

func (c codec) decodeSlice(dst reflect.Value, v jsonval.Value, path string) error {
	list, ok := v.([]any)
	if !ok {
		return typeError(path, "an array", v)
	}
	s := reflect.MakeSlice(dst.Type(), len(list), len(list))
	for i, x := range list {
		if err := c.decode(s.Index(i), x, path+"["+strconv.Itoa(i)+"]"); err != nil {
			return err
		}
	}
	dst.Set(s)
	return nil
}

func (c codec) decodeMap(dst reflect.Value, v jsonval.Value, path string) error {
	obj, ok := v.(*jsonval.Object)
	if !ok || dst.Type().Key().Kind() != reflect.String {
		return typeError(path, "an object", v)
	}
	m := reflect.MakeMapWithSize(dst.Type(), obj.Len())
	var err error
	obj.Range(func(k string, x jsonval.Value) bool {
		e := reflect.New(dst.Type().Elem()).Elem()
		if err = c.decode(e, x, join(path, k)); err != nil {
			return false
		}
		m.SetMapIndex(reflect.ValueOf(k).Convert(dst.Type().Key()), e)
		return true
	})
	dst.Set(m)
	return err
}

// decodeInterface sets a union member ({"S": "x"} for an AttributeValue)
// or a document.
func (c codec) decodeInterface(dst reflect.Value, v jsonval.Value, path string) error {
	u, ok := c.unions[dst.Type()]
	if !ok {
		if c.document == nil {
			return paramErrorf("The field '%s' has a type Step Functions cannot set", path)
		}
		dst.Set(reflect.ValueOf(c.document(plainJSON(v))))
		return nil
	}
	obj, ok := v.(*jsonval.Object)
	if !ok || obj.Len() != 1 {
		return paramErrorf("The field '%s' must be an object with exactly one member", path)
	}
	name := obj.Keys()[0]
	mt, ok := u.members[name]
	if !ok {
		return paramErrorf("The field '%s' is not supported by Step Functions", join(path, name))
	}
	m := reflect.New(mt)
	x, _ := obj.Get(name)
	if err := c.decode(m.Elem().FieldByName("Value"), x, join(path, name)); err != nil {
		return err
	}
	dst.Set(m)
	return nil
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func typeError(path, want string, v jsonval.Value) error {
	return paramErrorf("The value for the field '%s' must be %s, not %s", path, want, jsonval.TypeName(v))
}

// bodyBytes is a streamed body's content (S3's Body): a string's UTF-8
// bytes, any other value's JSON text (Step Functions serializes a JSON body
// before sending it).
func bodyBytes(v jsonval.Value) []byte {
	if s, ok := v.(string); ok {
		return []byte(s)
	}
	return jsonval.Marshal(v)
}

// decodeBlob sets a blob member: a string is its base64 text, as AWS's JSON
// renders blobs (DynamoDB's {"B": …}); any other value is sent as its JSON
// text.
func decodeBlob(dst reflect.Value, v jsonval.Value, path string) error {
	s, ok := v.(string)
	if !ok {
		dst.SetBytes(jsonval.Marshal(v))
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return paramErrorf("The value for the field '%s' must be base64-encoded binary data", path)
	}
	dst.SetBytes(b)
	return nil
}

// plainJSON converts a JSON value to the encoding/json shapes a smithy
// document holds (map[string]any, []any, float64 …).
func plainJSON(v jsonval.Value) any {
	switch t := v.(type) {
	case *jsonval.Object:
		m := make(map[string]any, t.Len())
		t.Range(func(k string, x jsonval.Value) bool { m[k] = plainJSON(x); return true })
		return m
	case []any:
		l := make([]any, len(t))
		for i, x := range t {
			l[i] = plainJSON(x)
		}
		return l
	case jsonval.Number:
		if i, ok := t.Int(); ok {
			return i
		}
		return t.Float()
	}
	return v
}

func decodeTime(dst reflect.Value, v jsonval.Value, path string) error {
	switch t := v.(type) {
	case jsonval.Number:
		f := t.Float()
		dst.Set(reflect.ValueOf(time.Unix(0, int64(f*1e9)).UTC()))
		return nil
	case string:
		tm, err := time.Parse(time.RFC3339Nano, strings.TrimSpace(t))
		if err != nil {
			return paramErrorf("The value for the field '%s' must be a timestamp (ISO 8601 or epoch seconds)", path)
		}
		dst.Set(reflect.ValueOf(tm))
		return nil
	}
	return typeError(path, "a timestamp", v)
}
