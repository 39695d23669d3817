package jsonpath

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("$.a.b[2].c"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGet(b *testing.B) {
	root := jsonval.MustDecode(`{"a":{"b":[0,1,{"c":"hit"}]}}`)
	p := MustParse("$.a.b[2].c")
	b.ReportAllocs()
	for b.Loop() {
		if v, err := p.Get(root); err != nil || v != "hit" {
			b.Fatal(v, err)
		}
	}
}

func BenchmarkGetFilter(b *testing.B) {
	root := jsonval.MustDecode(storeDoc)
	p := MustParse("$.store.book[?(@.price < 10)].title")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Get(root); err != nil {
			b.Fatal(err)
		}
	}
}
