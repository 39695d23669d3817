// Package parallel runs functions concurrently the way a handler needs:
// it waits for all of them, and a panic in one comes back to the caller's
// goroutine (where the Lambda runtime, or a test, can recover it) instead
// of killing the process from a goroutine nobody watches.
package parallel

import "sync"

// Do runs fn(0) … fn(n-1) concurrently and returns when all have returned.
// If any panicked, Do panics with the first panic value once all are done.
func Do(n int, fn func(i int)) {
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if p := recover(); p != nil {
					mu.Lock()
					if panicked == nil {
						panicked = p
					}
					mu.Unlock()
				}
			}()
			fn(i)
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
}
