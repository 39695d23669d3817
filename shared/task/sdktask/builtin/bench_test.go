package builtin

import "testing"

// BenchmarkServices is what every process start pays to list the built-in
// services (the operation tables; no client is made).
func BenchmarkServices(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if len(Services()) == 0 {
			b.Fatal("no services")
		}
	}
}
