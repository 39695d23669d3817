package cache

import "testing"

func TestBounded(t *testing.T) {
	c := &Bounded[string, int]{Size: 2}
	if _, ok := c.Get("a"); ok {
		t.Fatal("empty cache has a")
	}
	c.Put("a", 1)
	c.Put("a", 2) // replacing does not evict
	c.Put("b", 3)
	if v, ok := c.Get("a"); !ok || v != 2 {
		t.Fatalf("a = %d, %v", v, ok)
	}
	c.Put("c", 4)
	n := 0
	for _, k := range []string{"a", "b", "c"} {
		if _, ok := c.Get(k); ok {
			n++
		}
	}
	if _, ok := c.Get("c"); !ok || n != 2 {
		t.Fatalf("after a third entry: c cached %v, %d entries, want 2", ok, n)
	}
}
