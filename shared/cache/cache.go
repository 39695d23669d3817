// Package cache holds a small bounded map for values that never change
// once written (immutable payload items, execution inputs): a reader may
// keep them, and a full cache forgets an arbitrary entry.
package cache

import "sync"

// Bounded is a concurrency-safe map of at most Size entries.
type Bounded[K comparable, V any] struct {
	Size int

	mu sync.Mutex
	m  map[K]V
}

// Get returns the value cached under k.
func (c *Bounded[K, V]) Get(k K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

// Put caches v under k, forgetting another entry when the cache is full.
func (c *Bounded[K, V]) Put(k K, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[K]V{}
	}
	if _, ok := c.m[k]; !ok && len(c.m) >= max(c.Size, 1) {
		for old := range c.m {
			delete(c.m, old)
			break
		}
	}
	c.m[k] = v
}
