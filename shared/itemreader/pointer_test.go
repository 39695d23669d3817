package itemreader

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestReadJSON_ItemsPointer(t *testing.T) {
	doc := `{"meta":{"n":2,"s":"}]"},"list":[[9],{"k":[1,2,3]}],"data":{"a~b":0,"x/y":[true],"items":[{"a":1},{"a":"}"},[1,2]],"z":null}}`
	tests := []struct {
		name, doc, pointer, want, err string
	}{
		{"whole document", `[1,2]`, "", `[1,2]`, ""},
		{"nested member", doc, "/data/items", `[{"a":1},{"a":"}"},[1,2]]`, ""},
		{"past scalars and strings with brackets", doc, "/data/x~1y", `[true]`, ""},
		{"array index", doc, "/list/1/k", `[1,2,3]`, ""},
		{"empty array", `{"a":[]}`, "/a", `[]`, ""},
		{"missing member", doc, "/data/nope", "", `has no member "nope"`},
		{"index out of range", doc, "/list/5", "", "no index 5"},
		{"not an index", doc, "/list/01", "", "not an array index"},
		{"selects an object", doc, "/meta", "", "must select an array, but selects object"},
		{"through a scalar", doc, "/data/a~0b/c", "", "is number, not an object or array"},
		{"not a pointer", doc, "data", "", "is not a JSON Pointer"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := ParseConfig(jsonval.MustDecode(`{"InputType":"JSON","ItemsPointer":` + jsonval.String(tc.pointer) + `}`))
			if err == nil {
				items := &Items{}
				err = Read(strings.NewReader(tc.doc), cfg, items)
				if err == nil && jsonval.String(items.List) != tc.want {
					t.Fatalf("items %s, want %s", jsonval.String(items.List), tc.want)
				}
			}
			if tc.err == "" && err != nil || tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
				t.Fatalf("error %v, want %q", err, tc.err)
			}
		})
	}
}

// TestReadJSON_ItemsPointerPaged resumes a read inside the selected array
// at the offset the earlier page ended at.
func TestReadJSON_ItemsPointerPaged(t *testing.T) {
	doc := `{"skip":[1,{"a":[2]}],"items":[10, {"b":"]"} ,30],"after":[4]}`
	cfg := Config{InputType: TypeJSON, ItemsPointer: "/items"}
	var all []any
	var offset int64
	for page := 0; page < 5; page++ {
		items := &Items{Page: 1}
		if err := ReadFrom(strings.NewReader(doc[offset:]), cfg, offset, items); err != nil {
			t.Fatal(err)
		}
		if len(items.List) == 0 {
			break
		}
		all = append(all, items.List...)
		offset += items.Offset
	}
	if got := jsonval.String(all); got != `[10,{"b":"]"},30]` {
		t.Fatalf("paged items %s", got)
	}
}

func TestParseConfig_ItemsPointer(t *testing.T) {
	for cfg, want := range map[string]string{
		`{"InputType":"JSON","ItemsPointer":"/a"}`:    "",
		`{"InputType":"CSV","ItemsPointer":"/a"}`:     "applies to InputType JSON only",
		`{"InputType":"JSON","ItemsPointer":1}`:       "must be a string",
		`{"InputType":"JSONL","ItemsPointer":"/a"}`:   "applies to InputType JSON only",
		`{"InputType":"JSON","ItemsPointer":"a"}`:     "must be empty or start with",
		`{"InputType":"JSON","ItemsPointer":"/a~2"}`:  "'~' must be followed by",
		`{"InputType":"JSON","ItemsPointer":"/a~"}`:   "'~' must be followed by",
		`{"InputType":"JSON","ItemsPointer":"/~0~1"}`: "",
	} {
		_, err := ParseConfig(jsonval.MustDecode(cfg))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: error %v, want %q", cfg, err, want)
		}
	}
}
