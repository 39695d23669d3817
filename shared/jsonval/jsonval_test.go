package jsonval

import "testing"

func TestDecodeRoundTrip(t *testing.T) {
	for _, s := range []string{
		`null`, `true`, `false`, `"a\"b\\c\nd"`, `1`, `-1.50`, `1e10`, `[]`, `{}`,
		`{"b":1,"a":[1,2,{"z":null,"y":"x"}]}`, `"<&>"`, `"\u0001"`,
	} {
		v, err := DecodeString(s)
		if err != nil {
			t.Fatalf("decode %s: %v", s, err)
		}
		if got := String(v); got != s {
			t.Errorf("round trip %s: got %s", s, got)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	for _, s := range []string{``, `{`, `[1,]`, `01`, `"abc`, `{"a" 1}`, `1 2`, `tru`, `-`, `1.`} {
		if _, err := DecodeString(s); err == nil {
			t.Errorf("decode %q: want error", s)
		}
	}
}

func TestDecodeEscapes(t *testing.T) {
	v := MustDecode(`"\u00e9\ud83d\ude00\/"`)
	if v != "é😀/" {
		t.Errorf("got %q", v)
	}
}

func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{`1`, `1.0`, true},
		{`1`, `1e0`, true},
		{`1`, `2`, false},
		{`{"a":1,"b":2}`, `{"b":2,"a":1}`, true},
		{`{"a":1}`, `{"a":1,"b":2}`, false},
		{`[1,2]`, `[2,1]`, false},
		{`"1"`, `1`, false},
		{`null`, `null`, true},
	}
	for _, tt := range tests {
		if got := Equal(MustDecode(tt.a), MustDecode(tt.b)); got != tt.want {
			t.Errorf("Equal(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
}

func TestObjectOrder(t *testing.T) {
	o := NewObject(0)
	o.Set("z", 1)
	o.Set("a", 2)
	o.Set("z", 3)
	o.Delete("a")
	o.Set("m", 4)
	if got := String(o); got != `{"z":3,"m":4}` {
		t.Errorf("got %s", got)
	}
}

func TestCopyIsDeep(t *testing.T) {
	v := MustDecode(`{"a":[{"b":1}]}`)
	c := Copy(v).(*Object)
	a, _ := c.Get("a")
	a.([]any)[0].(*Object).Set("b", Number("2"))
	if String(v) != `{"a":[{"b":1}]}` {
		t.Errorf("original changed: %s", String(v))
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"a":[1,2.5e3,"x"]}`, `"\ud800"`, `[[[]]]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := DecodeString(s)
		if err != nil {
			return
		}
		again, err := Decode(Marshal(v))
		if err != nil {
			t.Fatalf("re-decode %s: %v", Marshal(v), err)
		}
		if !Equal(v, again) {
			t.Fatalf("round trip changed %s", s)
		}
	})
}

func TestSizeExceeds(t *testing.T) {
	for _, s := range []string{`null`, `true`, `"a\nb\u0001"`, `[1,2,{"a":"b"}]`, `{"k":[],"l":{}}`} {
		v := MustDecode(s)
		size := len(Marshal(v))
		if SizeExceeds(v, size) {
			t.Errorf("%s: exceeds its own size %d", s, size)
		}
		if !SizeExceeds(v, size-1) {
			t.Errorf("%s: does not exceed %d", s, size-1)
		}
	}
}

func TestObjectLarge(t *testing.T) {
	o := NewObject(0)
	for i := 0; i < 40; i++ {
		o.Set(string(rune('a'+i)), NumberFromInt(int64(i)))
	}
	o.Set("c", "x")
	o.Delete("b")
	if v, ok := o.Get("c"); !ok || v != "x" {
		t.Errorf("c = %v", v)
	}
	if _, ok := o.Get("b"); ok {
		t.Error("b still present")
	}
	if v, _ := o.Get(string(rune('a' + 39))); v != NumberFromInt(39) {
		t.Errorf("last = %v", v)
	}
	if o.Len() != 39 || o.Keys()[1] != "c" {
		t.Errorf("len %d keys %v", o.Len(), o.Keys()[:3])
	}
	c := o.Clone()
	c.Set("zz", true)
	if o.Has("zz") || !c.Has("zz") {
		t.Error("clone shares members")
	}
}
