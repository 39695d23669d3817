package parallel

import (
	"sync/atomic"
	"testing"
	"time"
)

func TestDo_RunsAllConcurrently(t *testing.T) {
	var started atomic.Int64
	all := make(chan struct{})
	ok := make([]bool, 4)
	Do(4, func(i int) {
		if started.Add(1) == 4 {
			close(all)
		}
		select {
		case <-all:
			ok[i] = true
		case <-time.After(2 * time.Second):
		}
	})
	for i, v := range ok {
		if !v {
			t.Errorf("call %d did not see the others running", i)
		}
	}
}

func TestDo_PanicReachesTheCaller(t *testing.T) {
	var done atomic.Int64
	defer func() {
		if p := recover(); p != "boom" {
			t.Fatalf("recovered %v, want boom", p)
		}
		if done.Load() != 2 {
			t.Errorf("%d other calls finished, want 2 (Do waits for all)", done.Load())
		}
	}()
	Do(3, func(i int) {
		if i == 1 {
			panic("boom")
		}
		time.Sleep(10 * time.Millisecond)
		done.Add(1)
	})
	t.Fatal("Do returned normally")
}
