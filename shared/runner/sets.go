package runner

import (
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"math/bits"
	"slices"
	"strconv"
)

// bitset is a set of small non-negative ints, stored in a few words
// rather than one JSON key each.
type bitset []uint64

func (b *bitset) set(i int) {
	for len(*b) <= i/64 {
		*b = append(*b, 0)
	}
	(*b)[i/64] |= 1 << (i % 64)
}

func (b bitset) has(i int) bool {
	return i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0
}

// all yields the members in ascending order.
func (b bitset) all() iter.Seq[int] {
	return func(yield func(int) bool) {
		for w, word := range b {
			for word != 0 {
				i := bits.TrailingZeros64(word)
				if !yield(w*64 + i) {
					return
				}
				word &^= 1 << i
			}
		}
	}
}

// slotSet maps a map run's running item indexes to their item counts. It
// is encoded as one flat array [index, count, …] in index order: a JSON
// object would cost a quoted, sorted key per running child on every step.
type slotSet map[int]int

func (s slotSet) MarshalJSON() ([]byte, error) {
	keys := slices.Sorted(maps.Keys(s))
	out := make([]byte, 0, 2+len(keys)*12)
	out = append(out, '[')
	for n, k := range keys {
		if n > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, int64(k), 10)
		out = append(out, ',')
		out = strconv.AppendInt(out, int64(s[k]), 10)
	}
	return append(out, ']'), nil
}

func (s *slotSet) UnmarshalJSON(b []byte) error {
	var flat []int
	if err := json.Unmarshal(b, &flat); err != nil {
		return fmt.Errorf("decode slots: %w", err)
	}
	if len(flat)%2 != 0 {
		return fmt.Errorf("decode slots: %d numbers, want pairs", len(flat))
	}
	*s = make(slotSet, len(flat)/2)
	for i := 0; i < len(flat); i += 2 {
		(*s)[flat[i]] = flat[i+1]
	}
	return nil
}
