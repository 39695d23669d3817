package sdktask

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

var typeReadCloser = reflect.TypeFor[io.ReadCloser]()

// document is what the SDK's document types (smithy document.Interface)
// offer to read their content.
type document interface {
	UnmarshalSmithyDocument(v any) error
}

// encode renders an SDK value the way Step Functions shows a response:
// members by their API names, unset members left out, timestamps as ISO
// 8601 text, blobs in base64, streamed bodies (S3's Body) as their text,
// union members as {"<Member>": value}.
func (c codec) encode(v reflect.Value) (jsonval.Value, error) {
	t := v.Type()
	switch {
	case t == typeTime && c.epochMillis:
		return jsonval.NumberFromInt(v.Interface().(time.Time).UnixMilli()), nil
	case t == typeTime:
		return formatTime(v.Interface().(time.Time)), nil
	case t == typeBytes:
		return base64.StdEncoding.EncodeToString(v.Bytes()), nil
	case t == typeReadCloser:
		return readBody(v)
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Interface:
		return c.encodeRef(v)
	case reflect.Struct:
		return c.encodeStruct(v)
	case reflect.Slice:
		return c.encodeSlice(v)
	case reflect.Map:
		return c.encodeMap(v)
	case reflect.String:
		return v.String(), nil
	case reflect.Bool:
		return v.Bool(), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return jsonval.NumberFromInt(v.Int()), nil
	case reflect.Float32:
		return float32Number(v.Float()), nil
	case reflect.Float64:
		return jsonval.NumberFromFloat(v.Float()), nil
	}
	return nil, fmt.Errorf("cannot render a %s", t)
}

// encodeRef renders a pointer, a union member or a document.
func (c codec) encodeRef(v reflect.Value) (jsonval.Value, error) {
	if v.IsNil() {
		return nil, nil
	}
	if d, ok := v.Interface().(document); ok && v.Kind() == reflect.Interface {
		var x any
		if err := d.UnmarshalSmithyDocument(&x); err != nil {
			return nil, fmt.Errorf("read document: %w", err)
		}
		return jsonval.Decode(mustJSON(x))
	}
	if v.Kind() == reflect.Interface {
		return c.encodeUnion(v)
	}
	return c.encode(v.Elem())
}

func (c codec) encodeUnion(v reflect.Value) (jsonval.Value, error) {
	u, ok := c.unions[v.Type()]
	m := v.Elem()
	if m.Kind() == reflect.Pointer {
		m = m.Elem()
	}
	if !ok || m.Kind() != reflect.Struct {
		return c.encode(v.Elem())
	}
	name := strings.TrimPrefix(m.Type().Name(), u.iface.Name()+"Member")
	if tag := m.FieldByName("Tag"); tag.IsValid() && m.Type().Name() == "UnknownUnionMember" {
		name = tag.String()
	}
	x, err := c.encode(m.FieldByName("Value"))
	if err != nil {
		return nil, err
	}
	obj := jsonval.NewObject(1)
	obj.Set(name, x)
	return obj, nil
}

// encodeStruct renders exported members; ResultMetadata is the SDK's, not
// the API's.
func (c codec) encodeStruct(v reflect.Value) (jsonval.Value, error) {
	t := v.Type()
	obj := jsonval.NewObject(t.NumField())
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous || f.Name == "ResultMetadata" {
			continue
		}
		fv := v.Field(i)
		if isUnset(fv) {
			if c.headerMaps[t.Name()+"."+f.Name] {
				obj.Set(f.Name, jsonval.NewObject(0))
			}
			continue
		}
		x, err := c.encode(fv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		obj.Set(f.Name, x)
	}
	return obj, nil
}

// isUnset: nil references, and empty enums (the SDK's enums are string
// types whose zero value means absent).
func isUnset(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.String:
		return v.Len() == 0
	}
	return false
}

func (c codec) encodeSlice(v reflect.Value) (jsonval.Value, error) {
	list := make([]any, v.Len())
	for i := range list {
		x, err := c.encode(v.Index(i))
		if err != nil {
			return nil, err
		}
		list[i] = x
	}
	return list, nil
}

func (c codec) encodeMap(v reflect.Value) (jsonval.Value, error) {
	keys := v.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.String()
	}
	sort.Strings(names)
	obj := jsonval.NewObject(len(keys))
	for _, k := range names {
		x, err := c.encode(v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())))
		if err != nil {
			return nil, err
		}
		obj.Set(k, x)
	}
	return obj, nil
}

// formatTime renders t as Java's Instant does, which is how Step Functions
// shows timestamps: UTC, seconds, and a fraction only when there is one (in
// groups of three digits).
// float32Number renders a float member as the shortest decimal that reads
// back as the same float32, as AWS's Java SDK does (0.008, not the
// float64 widening 0.00800000037997961).
func float32Number(f float64) jsonval.Value {
	short, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', -1, 32), 64)
	return jsonval.NumberFromFloat(short)
}

func formatTime(t time.Time) string {
	t = t.UTC()
	s := t.Format("2006-01-02T15:04:05")
	switch ns := t.Nanosecond(); {
	case ns == 0:
	case ns%1e6 == 0:
		s += fmt.Sprintf(".%03d", ns/1e6)
	case ns%1e3 == 0:
		s += fmt.Sprintf(".%06d", ns/1e3)
	default:
		s += fmt.Sprintf(".%09d", ns)
	}
	return s + "Z"
}

// bodyText is a streamed body as text; bytes that are not UTF-8 become
// U+FFFD, as in a Java String made from them.
func bodyText(b []byte) string { return strings.ToValidUTF8(string(b), "\uFFFD") }

// readBody reads and closes a streamed response body.
func readBody(v reflect.Value) (jsonval.Value, error) {
	if v.IsNil() {
		return nil, nil
	}
	rc := v.Interface().(io.ReadCloser)
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read response body: %w", err)
	}
	return bodyText(b), nil
}

func mustJSON(x any) []byte {
	b, err := json.Marshal(x)
	if err != nil {
		return []byte("null")
	}
	return b
}
