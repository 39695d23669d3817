package jsonpath

import (
	"errors"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestSet_Values(t *testing.T) {
	const doc = `{"a":{"b":1,"c":[10,20,30]},"z":true}`
	tests := []struct{ path, val, want string }{
		{"$", `{"new":1}`, `{"new":1}`},
		{"$.a.b", `2`, `{"a":{"b":2,"c":[10,20,30]},"z":true}`},
		{"$.r", `"x"`, `{"a":{"b":1,"c":[10,20,30]},"z":true,"r":"x"}`},
		{"$.x.y.z", `[1]`, `{"a":{"b":1,"c":[10,20,30]},"z":true,"x":{"y":{"z":[1]}}}`},
		{"$.a.c[1]", `null`, `{"a":{"b":1,"c":[10,null,30]},"z":true}`},
		{"$.a.c[-1]", `0`, `{"a":{"b":1,"c":[10,20,0]},"z":true}`},
		{"$['a']['new key']", `{}`, `{"a":{"b":1,"c":[10,20,30],"new key":{}},"z":true}`},
		{"$$.a.b", `3`, `{"a":{"b":3,"c":[10,20,30]},"z":true}`},
		{"$var.a.b", `4`, `{"a":{"b":4,"c":[10,20,30]},"z":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			root := jsonval.MustDecode(doc)
			got, err := MustParse(tt.path).Set(root, jsonval.MustDecode(tt.val))
			if err != nil {
				t.Fatalf("Set: %v", err)
			}
			if !jsonval.Equal(got, jsonval.MustDecode(tt.want)) {
				t.Errorf("got %s, want %s", jsonval.String(got), tt.want)
			}
			if !jsonval.Equal(root, jsonval.MustDecode(doc)) {
				t.Errorf("root was modified: %s", jsonval.String(root))
			}
		})
	}
}

func TestSet_KeepsOrderAndShares(t *testing.T) {
	root := jsonval.MustDecode(`{"a":{"b":1},"side":{"deep":[1]},"c":2}`)
	got, err := MustParse("$.a.b").Set(root, jsonval.Number("9"))
	if err != nil {
		t.Fatal(err)
	}
	if s := jsonval.String(got); s != `{"a":{"b":9},"side":{"deep":[1]},"c":2}` {
		t.Errorf("got %s", s)
	}
	origSide, _ := root.(*jsonval.Object).Get("side")
	newSide, _ := got.(*jsonval.Object).Get("side")
	if origSide.(*jsonval.Object) != newSide.(*jsonval.Object) {
		t.Error("untouched subtree was copied; only the path should be")
	}
	origA, _ := root.(*jsonval.Object).Get("a")
	if b, _ := origA.(*jsonval.Object).Get("b"); b != jsonval.Number("1") {
		t.Errorf("original $.a.b changed to %v", b)
	}
}

func TestSet_ArrayCopyOnWrite(t *testing.T) {
	arr := []any{jsonval.Number("1"), jsonval.Number("2")}
	got, err := MustParse("$[0]").Set(arr, "x")
	if err != nil {
		t.Fatal(err)
	}
	if arr[0] != jsonval.Number("1") {
		t.Errorf("original array modified: %v", arr)
	}
	if got.([]any)[0] != "x" {
		t.Errorf("got %v", got)
	}
}

func TestSet_Errors(t *testing.T) {
	const doc = `{"s":"str","n":null,"arr":[1,2],"o":{}}`
	for _, path := range []string{
		"$.s.x",        // field on a string
		"$.n.x",        // field on null
		"$.arr.x",      // field on an array
		"$.o[0]",       // index on an object
		"$.arr[2]",     // out of range
		"$.arr[-3]",    // out of range from the end
		"$.missing[0]", // cannot create an array
		"$.a[*]",       // not a reference path
		"$..a",
		"$['a','b']",
		"$.a.length()",
	} {
		t.Run(path, func(t *testing.T) {
			root := jsonval.MustDecode(doc)
			_, err := MustParse(path).Set(root, jsonval.Number("1"))
			if !errors.Is(err, ErrNotSettable) {
				t.Fatalf("error %v does not wrap ErrNotSettable", err)
			}
			if !jsonval.Equal(root, jsonval.MustDecode(doc)) {
				t.Errorf("root modified on error: %s", jsonval.String(root))
			}
		})
	}
}
