package jsonval

// SizeExceeds reports whether the compact encoding of v is longer than
// limit bytes, without encoding it and stopping as soon as it is.
func SizeExceeds(v Value, limit int) bool {
	n := 0
	return !sizeWithin(v, &n, limit)
}

func sizeWithin(v Value, n *int, limit int) bool {
	switch x := v.(type) {
	case nil:
		*n += 4
	case bool:
		*n += 5
		if x {
			*n--
		}
	case string:
		*n += quotedLen(x)
	case Number:
		*n += len(x)
	case []any:
		*n += 2 + commas(len(x))
		for _, e := range x {
			if !sizeWithin(e, n, limit) {
				return false
			}
		}
	case *Object:
		*n += 2 + commas(len(x.keys)) + len(x.keys)
		for i, k := range x.keys {
			*n += quotedLen(k)
			if !sizeWithin(x.vals[i], n, limit) {
				return false
			}
		}
	default:
		*n += len(Marshal(v))
	}
	return *n <= limit
}

// quotedLen is the encoded length of s as a JSON string.
func quotedLen(s string) int {
	n := 2
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f':
			n += 2
		case c < 0x20:
			n += 6
		default:
			n++
		}
	}
	return n
}

func commas(n int) int {
	if n == 0 {
		return 0
	}
	return n - 1
}

// DepthExceeds reports whether arrays and objects nest in v more than
// limit levels deep (a scalar has depth 0, [] and {} depth 1), stopping as
// soon as they do.
func DepthExceeds(v Value, limit int) bool {
	if limit < 0 {
		return true
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if DepthExceeds(e, limit-1) {
				return true
			}
		}
		return limit < 1
	case *Object:
		for _, e := range x.vals {
			if DepthExceeds(e, limit-1) {
				return true
			}
		}
		return limit < 1
	}
	return false
}

// TextDepth is the deepest nesting of arrays and objects in JSON text,
// found without decoding it (the text need not be valid).
func TextDepth(b []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '{' || c == '[':
			depth++
			deepest = max(deepest, depth)
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}
