package itemreader

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestReadFrom_Pages reads objects two items at a time, each page resuming
// at the offset the last one ended at, and gets what one read gets.
func TestReadFrom_Pages(t *testing.T) {
	csvCfg := Config{InputType: TypeCSV, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}
	for _, tc := range []struct {
		name    string
		cfg     Config
		content string
	}{
		{"CSV", csvCfg, "\xef\xbb\xbfa,b\r\n1,\"x\ny\"\n\n2,é\n3,\"q\"\"\"\n4,5\n5"},
		{"CSVHeaderOnly", csvCfg, "a,b\n"},
		{"JSON", Config{InputType: TypeJSON}, " [ 1 , {\"a\":[1,\"]\"]}, \"s,\\\"]\" ,[],null,true,-2.5e3 ] "},
		{"JSONEmpty", Config{InputType: TypeJSON}, "[]"},
		{"JSONL", Config{InputType: TypeJSONL}, "{\"a\":1}\n\n[2]\r\n\"s\"\n4\n5"},
	} {
		for _, max := range []int{0, 3} {
			t.Run(fmt.Sprintf("%s/MaxItems%d", tc.name, max), func(t *testing.T) {
				cfg := tc.cfg
				cfg.MaxItems = max
				whole := &Items{List: []any{}, Max: max}
				if err := Read(strings.NewReader(tc.content), cfg, whole); err != nil {
					t.Fatal(err)
				}
				got := pages(t, tc.content, cfg, 2)
				if jsonval.String(got) != jsonval.String(whole.List) {
					t.Fatalf("pages %s, whole %s", jsonval.String(got), jsonval.String(whole.List))
				}
			})
		}
	}
}

// pages reads content size items at a time, as task/s3reader does.
func pages(t *testing.T, content string, cfg Config, size int) []any {
	t.Helper()
	all := []any{}
	var offset int64
	for n := 0; n < 100; n++ {
		out := &Items{List: []any{}, Max: cfg.MaxItems, Base: len(all), Page: size}
		if err := ReadFrom(strings.NewReader(content[offset:]), cfg, offset, out); err != nil {
			t.Fatalf("page %d at %d: %v", n, offset, err)
		}
		all = append(all, out.List...)
		if cfg.InputType == TypeCSV && cfg.CSVHeaderLocation != "GIVEN" {
			cfg.CSVHeaderLocation, cfg.CSVHeaders = "GIVEN", out.Headers
		}
		offset += out.Offset
		if len(out.List) < size || out.Done() {
			return all
		}
	}
	t.Fatal("the pages never end")
	return nil
}
