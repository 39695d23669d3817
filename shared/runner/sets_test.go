package runner

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestBitset(t *testing.T) {
	cases := []struct {
		name string
		set  []int
	}{
		{"empty", nil},
		{"first word", []int{0, 5, 63}},
		{"across words", []int{1, 64, 130, 999}},
		{"repeated", []int{7, 7, 7}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bitset
			for _, i := range c.set {
				b.set(i)
			}
			data, err := json.Marshal(b)
			if err != nil {
				t.Fatal(err)
			}
			var back bitset
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			want := slices.Compact(slices.Sorted(slices.Values(c.set)))
			if got := slices.Collect(back.all()); !slices.Equal(got, want) {
				t.Fatalf("members after a JSON round trip = %v, want %v", got, want)
			}
			for _, i := range want {
				if !back.has(i) {
					t.Errorf("has(%d) = false", i)
				}
			}
			if back.has(1000) || back.has(2) {
				t.Errorf("has reports a member never set")
			}
		})
	}
}

func TestSlotSet_JSON(t *testing.T) {
	cases := []struct {
		name string
		in   slotSet
		want string
	}{
		{"empty", slotSet{}, `[]`},
		{"sorted pairs", slotSet{12: 1, 3: 10, 7: 2}, `[3,10,7,2,12,1]`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := json.Marshal(c.in)
			if err != nil || string(data) != c.want {
				t.Fatalf("Marshal = %s, %v; want %s", data, err, c.want)
			}
			var back slotSet
			if err := json.Unmarshal(data, &back); err != nil || len(back) != len(c.in) {
				t.Fatalf("Unmarshal = %v, %v", back, err)
			}
			for k, v := range c.in {
				if back[k] != v {
					t.Errorf("slot %d = %d, want %d", k, back[k], v)
				}
			}
		})
	}
	var odd slotSet
	if err := json.Unmarshal([]byte(`[1,2,3]`), &odd); err == nil {
		t.Error("an odd count of numbers decoded without error")
	}
}
