// Package jsonval is the JSON value model shared by every layer: values are
// plain Go values (nil, bool, string, Number, []any, *Object) where objects
// keep insertion order and numbers keep their exact text, as AWS does.
package jsonval

// Value is any JSON value: nil, bool, string, Number, []any or *Object.
type Value = any

// Object is a JSON object that preserves key insertion order.
type Object struct {
	keys []string
	vals map[string]Value
}

// NewObject returns an empty object with room for n members.
func NewObject(n int) *Object {
	return &Object{keys: make([]string, 0, n), vals: make(map[string]Value, n)}
}

// Len is the number of members.
func (o *Object) Len() int { return len(o.keys) }

// Keys returns the keys in insertion order. The slice must not be modified.
func (o *Object) Keys() []string { return o.keys }

// Get returns the member named k.
func (o *Object) Get(k string) (Value, bool) {
	v, ok := o.vals[k]
	return v, ok
}

// Has reports whether k is a member.
func (o *Object) Has(k string) bool {
	_, ok := o.vals[k]
	return ok
}

// Set adds or replaces member k; a replaced member keeps its position.
func (o *Object) Set(k string, v Value) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// Delete removes member k if present.
func (o *Object) Delete(k string) {
	if _, ok := o.vals[k]; !ok {
		return
	}
	delete(o.vals, k)
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
}

// Range calls f for each member in order until f returns false.
func (o *Object) Range(f func(k string, v Value) bool) {
	for _, k := range o.keys {
		if !f(k, o.vals[k]) {
			return
		}
	}
}

// Clone returns a shallow copy of o.
func (o *Object) Clone() *Object {
	c := NewObject(len(o.keys))
	for _, k := range o.keys {
		c.Set(k, o.vals[k])
	}
	return c
}
