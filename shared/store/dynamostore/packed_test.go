package dynamostore

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestPacked_RoundTrip(t *testing.T) {
	random := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(r.UintN(256))
	}
	cases := []struct {
		name   string
		v      []byte
		packed bool
	}{
		{"empty", nil, false},
		{"small", []byte(`{"a":1}`), false},
		{"large JSON", []byte(strings.Repeat(`{"k":"value"},`, 200)), true},
		{"large incompressible", random, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			it := item{}
			it.setPacked("f", c.v)
			it.setPackedS("s", string(c.v))
			if _, ok := it["f"+packedSuffix]; ok != c.packed {
				t.Fatalf("packed = %v, want %v", ok, c.packed)
			}
			b, err := it.packed("f")
			if err != nil || string(b) != string(c.v) {
				t.Fatalf("binary round trip: %d bytes, %v", len(b), err)
			}
			s, err := it.packedS("s")
			if err != nil || s != string(c.v) {
				t.Fatalf("string round trip: %d bytes, %v", len(s), err)
			}
		})
	}
}

func TestPacked_CorruptIsAnError(t *testing.T) {
	it := item{}
	it.setB("f"+packedSuffix, []byte("not deflate data"))
	if _, err := it.packed("f"); err == nil {
		t.Fatal("corrupt packed field read without error")
	}
}
