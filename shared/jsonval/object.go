// Package jsonval is the JSON value model shared by every layer: values are
// plain Go values (nil, bool, string, Number, []any, *Object) where objects
// keep insertion order and numbers keep their exact text, as AWS does.
package jsonval

// Value is any JSON value: nil, bool, string, Number, []any or *Object.
type Value = any

// indexThreshold is the size from which an object keeps a key index; small
// objects (most ASL payloads) are searched linearly, which is faster and
// allocates less.
const indexThreshold = 12

// Object is a JSON object that preserves key insertion order.
type Object struct {
	keys  []string
	vals  []Value
	index map[string]int // nil below indexThreshold
}

// NewObject returns an empty object with room for n members.
func NewObject(n int) *Object {
	// Small objects come in one allocation with their member arrays
	// inline (instead of three); growing past them reallocates as usual.
	switch {
	case n <= 0:
		return &Object{keys: []string{}, vals: []Value{}}
	case n == 1:
		b := &struct {
			o Object
			k [1]string
			v [1]Value
		}{}
		b.o.keys, b.o.vals = b.k[:0], b.v[:0]
		return &b.o
	case n <= 2:
		b := &struct {
			o Object
			k [2]string
			v [2]Value
		}{}
		b.o.keys, b.o.vals = b.k[:0], b.v[:0]
		return &b.o
	case n <= 4:
		b := &struct {
			o Object
			k [4]string
			v [4]Value
		}{}
		b.o.keys, b.o.vals = b.k[:0], b.v[:0]
		return &b.o
	case n <= 8:
		b := &struct {
			o Object
			k [8]string
			v [8]Value
		}{}
		b.o.keys, b.o.vals = b.k[:0], b.v[:0]
		return &b.o
	}
	return &Object{keys: make([]string, 0, n), vals: make([]Value, 0, n)}
}

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }

// Keys returns the keys in insertion order. The slice must not be modified.
func (o *Object) Keys() []string { return o.keys }

func (o *Object) find(k string) int {
	if o.index != nil {
		if i, ok := o.index[k]; ok {
			return i
		}
		return -1
	}
	for i, key := range o.keys {
		if key == k {
			return i
		}
	}
	return -1
}

// Get returns the member named k.
func (o *Object) Get(k string) (Value, bool) {
	if i := o.find(k); i >= 0 {
		return o.vals[i], true
	}
	return nil, false
}

// Has reports whether k is a member.
func (o *Object) Has(k string) bool { return o.find(k) >= 0 }

// Set adds or replaces member k; a replaced member keeps its position.
func (o *Object) Set(k string, v Value) {
	if i := o.find(k); i >= 0 {
		o.vals[i] = v
		return
	}
	o.keys = append(o.keys, k)
	o.vals = append(o.vals, v)
	switch {
	case o.index != nil:
		o.index[k] = len(o.keys) - 1
	case len(o.keys) >= indexThreshold:
		o.reindex()
	}
}

func (o *Object) reindex() {
	o.index = make(map[string]int, len(o.keys))
	for i, key := range o.keys {
		o.index[key] = i
	}
}

// Delete removes member k if present.
func (o *Object) Delete(k string) {
	i := o.find(k)
	if i < 0 {
		return
	}
	o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
	o.vals = append(o.vals[:i:i], o.vals[i+1:]...)
	if o.index != nil {
		o.reindex()
	}
}

// Range calls f for each member in order until f returns false.
func (o *Object) Range(f func(k string, v Value) bool) {
	for i, k := range o.keys {
		if !f(k, o.vals[i]) {
			return
		}
	}
}

// Clone returns a shallow copy of o.
func (o *Object) Clone() *Object {
	c := NewObject(len(o.keys))
	c.keys = append(c.keys, o.keys...)
	c.vals = append(c.vals, o.vals...)
	if o.index != nil {
		c.reindex()
	}
	return c
}
