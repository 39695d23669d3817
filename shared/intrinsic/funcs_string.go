package intrinsic

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"hash"
	"strings"
	"unicode/utf16"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// maxEncodeLen caps Base64Encode, Base64Decode and Hash input, in Java
// characters (UTF-16 units), as AWS documents.
const maxEncodeLen = 10000

func javaLen(s string) int { return len(utf16.Encode([]rune(s))) }

func base64Encode(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	s, ok := args[0].(string)
	if !ok || javaLen(s) > maxEncodeLen {
		return nil, invalidArgs(c)
	}
	return base64.StdEncoding.EncodeToString([]byte(s)), nil
}

func base64Decode(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	s, ok := args[0].(string)
	if !ok || javaLen(s) > maxEncodeLen {
		return nil, invalidArgs(c)
	}
	return strings.ToValidUTF8(string(lenientBase64(s)), "\uFFFD"), nil
}

// lenientBase64 decodes the way AWS observably does: characters outside the
// alphabet are skipped, the first '=' ends the data, and a partial final
// group yields the whole bytes it holds.
func lenientBase64(s string) []byte {
	out := make([]byte, 0, len(s)*3/4)
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '=' {
			break
		}
		d := strings.IndexByte(b64Alphabet, c)
		if d < 0 {
			continue
		}
		acc = acc<<6 | uint32(d)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(acc>>bits))
			acc &= 1<<bits - 1
		}
	}
	return out
}

const b64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

var hashes = map[string]func() hash.Hash{
	"MD5": md5.New, "SHA-1": sha1.New, "SHA-256": sha256.New,
	"SHA-384": sha512.New384, "SHA-512": sha512.New,
}

// hashFn digests the data as lowercase hex. AWS hashes a non-string datum by
// its JSON text; the algorithm name must match exactly.
func hashFn(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	data, ok := args[0].(string)
	if !ok {
		data = jsonval.String(args[0])
	}
	alg, okA := args[1].(string)
	newHash := hashes[alg]
	if !okA || newHash == nil || javaLen(data) > maxEncodeLen {
		return nil, invalidArgs(c)
	}
	h := newHash()
	h.Write([]byte(data))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// stringSplit splits on any of the delimiter's characters and drops empty
// pieces, like Java's StringTokenizer (",a,,b," gives ["a", "b"]).
func stringSplit(c *Call, args []jsonval.Value, _ Env) (jsonval.Value, error) {
	s, ok1 := args[0].(string)
	delims, ok2 := args[1].(string)
	if !ok1 || !ok2 {
		return nil, invalidArgs(c)
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(delims, r) })
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out, nil
}

func uuid(c *Call, _ []jsonval.Value, env Env) (jsonval.Value, error) {
	if env.UUID == nil {
		return nil, runtimeErr("no UUID source for " + c.Name)
	}
	return env.UUID(), nil
}
