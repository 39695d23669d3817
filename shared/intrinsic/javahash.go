package intrinsic

import (
	"sort"
	"unicode/utf16"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// javaHashOrder rebuilds obj with its keys in the iteration order of a Java
// HashMap holding the same insertions. AWS's States.JsonMerge output comes
// out in that order (both recorded cases agree), so we reproduce it.
func javaHashOrder(obj *jsonval.Object) *jsonval.Object {
	keys := obj.Keys()
	capacity := 16
	for float64(len(keys)) > float64(capacity)*0.75 {
		capacity *= 2
	}
	type entry struct {
		key    string
		bucket int
	}
	entries := make([]entry, len(keys))
	for i, k := range keys {
		h := javaStringHash(k)
		h ^= h >> 16
		entries[i] = entry{k, int(h & uint32(capacity-1))}
	}
	// Stable: a bucket's list keeps insertion order.
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].bucket < entries[j].bucket })
	out := jsonval.NewObject(len(keys))
	for _, e := range entries {
		v, _ := obj.Get(e.key)
		out.Set(e.key, v)
	}
	return out
}

// javaStringHash is Java's String.hashCode over UTF-16 code units.
func javaStringHash(s string) uint32 {
	var h uint32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + uint32(u)
	}
	return h
}
