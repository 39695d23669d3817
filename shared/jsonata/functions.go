package jsonata

import (
	"reflect"
	"strings"

	lib "github.com/blues/jsonata-go"
	"github.com/blues/jsonata-go/jlib"
	"github.com/blues/jsonata-go/jtypes"
)

// extFactory builds one extension function for an Eval call; ok is false
// when the engine's built-in should be used instead.
type extFactory func(env Env, c *converter) (ext lib.Extension, ok bool)

// extensions are the functions this package adds or replaces, keyed by
// name without '$'. Only those the source mentions are registered.
var extensions = map[string]extFactory{
	"partition":          static(fnPartition),
	"range":              func(_ Env, c *converter) (lib.Extension, bool) { return charged(rangeFunc(c.budget)), true },
	"hash":               static(fnHash),
	"parse":              func(_ Env, c *converter) (lib.Extension, bool) { return charged(parseFunc(c)), true },
	"random":             func(env Env, _ *converter) (lib.Extension, bool) { return plain(randomFunc(env)), true },
	"uuid":               func(env Env, _ *converter) (lib.Extension, bool) { return plain(uuidFunc(env)), true },
	"now":                nowFactory,
	"millis":             millisFactory,
	"encodeUrlComponent": undefinedIn(func(s string) string { return encodeURI(s, uriComponentSafe) }),
	"encodeUrl":          undefinedIn(func(s string) string { return encodeURI(s, uriSafe) }),
	"error":              static(fnError),
	"assert":             static(fnAssert),
	"clone":              cloneFactory,
	"keys":               keysFactory,
	"string":             stringFactory,
}

func plain(f any) lib.Extension { return lib.Extension{Func: f} }

// charged is a function that charges the evaluation's budget for what it
// builds before building it.
func charged(f any) lib.Extension { return lib.Extension{Func: f, SelfCharged: true} }

func static(f any) extFactory {
	return func(Env, *converter) (lib.Extension, bool) { return plain(f), true }
}

// undefinedIn makes a function that yields undefined for an undefined
// first argument, like most jsonata-js built-ins.
func undefinedIn(f any) extFactory {
	return func(Env, *converter) (lib.Extension, bool) {
		return lib.Extension{Func: f, UndefinedHandler: firstUndefined}, true
	}
}

func firstUndefined(argv []reflect.Value) bool {
	return len(argv) > 0 && !argv[0].IsValid()
}

func nowFactory(env Env, _ *converter) (lib.Extension, bool) {
	if env.Now == nil {
		return lib.Extension{}, false
	}
	ms := env.Now().UnixMilli()
	return plain(func(picture, tz jtypes.OptionalString) (string, error) {
		return jlib.FromMillis(ms, picture, tz)
	}), true
}

func millisFactory(env Env, _ *converter) (lib.Extension, bool) {
	if env.Now == nil {
		return lib.Extension{}, false
	}
	ms := env.Now().UnixMilli()
	return plain(func() float64 { return float64(ms) }), true
}

// fnError implements $error: D3137 with the caller's message.
func fnError(msg jtypes.OptionalString) (any, error) {
	if msg.IsSet() {
		return nil, newError("D3137", msg.String)
	}
	return nil, newError("D3137", "$error() function evaluated")
}

// fnAssert implements $assert (jsonata 1.8+).
func fnAssert(cond bool, msg jtypes.OptionalString) (any, error) {
	if cond {
		return nil, jtypes.ErrUndefined
	}
	if msg.IsSet() {
		return nil, newError("D3141", msg.String)
	}
	return nil, newError("D3141", "$assert() statement failed")
}

func cloneFactory(_ Env, c *converter) (lib.Extension, bool) {
	return lib.Extension{Func: cloneFunc(c.budget), UndefinedHandler: firstUndefined, SelfCharged: true}, true
}

// cloneFunc implements $clone: a deep copy of maps and slices, which can
// be far larger than v when v shares sub-values.
func cloneFunc(b *lib.Budget) func(v reflect.Value) (any, error) {
	return func(v reflect.Value) (any, error) {
		if err := b.AllocJSON(v); err != nil {
			return nil, err
		}
		return deepCopy(jtypes.Resolve(v)), nil
	}
}

func deepCopy(v reflect.Value) any {
	v = jtypes.Resolve(v)
	if !v.IsValid() {
		return nil
	}
	switch v.Kind() {
	case reflect.Map:
		m := make(map[string]any, v.Len())
		for _, k := range v.MapKeys() {
			m[k.String()] = deepCopy(v.MapIndex(k))
		}
		return m
	case reflect.Slice, reflect.Array:
		s := make([]any, v.Len())
		for i := range s {
			s[i] = deepCopy(v.Index(i))
		}
		return s
	}
	return v.Interface()
}

const (
	uriComponentSafe = "-_.!~*'()"
	uriSafe          = uriComponentSafe + ";,/?:@&=+$#"
)

// encodeURI percent-encodes like JavaScript's encodeURI(Component).
func encodeURI(s, safe string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (isAlnum(c) || strings.IndexByte(safe, c) >= 0) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
