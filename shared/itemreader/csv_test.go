package itemreader

import (
	"strings"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestReadCSV_AWSRules follows the developer guide's "How Step Functions
// parses input CSV files" rule by rule.
func TestReadCSV_AWSRules(t *testing.T) {
	cfg := func(delim rune, given ...string) Config {
		c := Config{InputType: TypeCSV, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: delim}
		if len(given) > 0 {
			c.CSVHeaderLocation, c.CSVHeaders = "GIVEN", given
		}
		return c
	}
	comma := cfg(',')
	for _, tc := range []struct {
		name    string
		cfg     Config
		content string
		want    string
	}{
		// The guide's example row, read with GIVEN headers.
		{"GuideExample", cfg(',', "MyLetters", "MyNumbers", "MyString", "MyObject", "MyArray"),
			"abc,123,\"This string contains commas, a double quotation marks (\"\"), and a newline (\n)\",{\"\"MyKey\"\":\"\"MyValue\"\"},\"[1,2,3]\"\n",
			`[{"MyLetters":"abc","MyNumbers":"123","MyString":"This string contains commas, a double quotation marks (\"), and a newline (\n)","MyObject":"{\"MyKey\":\"MyValue\"}","MyArray":"[1,2,3]"}]`},
		{"FewerFieldsAreEmpty", comma, "a,b,c\n1\n1,2\n", `[{"a":"1","b":"","c":""},{"a":"1","b":"2","c":""}]`},
		{"MoreFieldsAreSkipped", comma, "a,b\n1,2,3,4\n", `[{"a":"1","b":"2"}]`},
		{"BackslashPath", comma, "path,size\nC:\\\\Program Files\\\\MyApp.exe,6534512\n", `[{"path":"C:\\Program Files\\MyApp.exe","size":"6534512"}]`},
		{"BackslashDelimiterAndQuote", comma, "a,b\nx\\,y,say \\\"hi\\\"\n", `[{"a":"x,y","b":"say \"hi\""}]`},
		{"BackslashOtherDropped", comma, "a\n\\t\\x\n", `[{"a":"tx"}]`},
		{"EmptyQuoted", comma, "a,b,c\n1,\"\",3\n", `[{"a":"1","b":"","c":"3"}]`},
		{"BlankLinesSkipped", comma, "a\n\n1\r\n\r\n2", `[{"a":"1"},{"a":"2"}]`},
		{"GivenReadsFirstLine", cfg(',', "x"), "a\nb\n", `[{"x":"a"},{"x":"b"}]`},
		{"Pipe", cfg('|'), "a|b\n1|2,3\n", `[{"a":"1","b":"2,3"}]`},
		{"Semicolon", cfg(';'), "a;b\n\"1;2\";3\n", `[{"a":"1;2","b":"3"}]`},
		{"Space", cfg(' '), "a b\n1 \"2 3\"\n", `[{"a":"1","b":"2 3"}]`},
		{"Tab", cfg('\t'), "a\tb\n1\t2 3\n", `[{"a":"1","b":"2 3"}]`},
		{"Unicode", comma, "名前,値\nä,ö\n", `[{"名前":"ä","値":"ö"}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := &Items{List: []any{}}
			if err := ReadCSV(strings.NewReader(tc.content), tc.cfg, out); err != nil {
				t.Fatal(err)
			}
			if got := jsonval.String(out.List); got != tc.want {
				t.Fatalf("items\n got %s\nwant %s", got, tc.want)
			}
		})
	}
}
