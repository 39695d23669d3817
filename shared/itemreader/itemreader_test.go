package itemreader

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestRead(t *testing.T) {
	csvCfg := Config{InputType: TypeCSV, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}
	given := csvCfg
	given.CSVHeaderLocation, given.CSVHeaders = "GIVEN", []string{"x", "y"}
	piped := csvCfg
	piped.CSVDelimiter = '|'
	limited := csvCfg
	limited.MaxItems = 2
	for _, tc := range []struct {
		name    string
		cfg     Config
		content string
		limit   int
		want    string
		wantErr string
	}{
		{name: "CSVFirstRow", cfg: csvCfg, content: "a,b\n1,2\n3,\"x,y\"\n", want: `[{"a":"1","b":"2"},{"a":"3","b":"x,y"}]`},
		{name: "CSVBOMAndCRLF", cfg: csvCfg, content: "\xef\xbb\xbfa,b\r\n1,2\r\n", want: `[{"a":"1","b":"2"}]`},
		{name: "CSVGiven", cfg: given, content: "1,2\n3,4\n", want: `[{"x":"1","y":"2"},{"x":"3","y":"4"}]`},
		{name: "CSVPipe", cfg: piped, content: "a|b\n1|2,3\n", want: `[{"a":"1","b":"2,3"}]`},
		{name: "CSVMaxItems", cfg: limited, content: "a\n1\n2\n3\n", want: `[{"a":"1"},{"a":"2"}]`},
		{name: "CSVEmpty", cfg: csvCfg, content: "", want: `[]`},
		{name: "CSVHeaderOnly", cfg: csvCfg, content: "a,b\n", want: `[]`},
		{name: "CSVBadQuote", cfg: csvCfg, content: "a\n\"x\n", wantErr: "the CSV content is not valid: line 2: a quoted field is not closed"},
		{name: "CSVLimit", cfg: csvCfg, content: "a\n1\n2\n3\n", limit: 2, wantErr: "more than 2 items"},
		{name: "CSVHeaderTooLarge", cfg: csvCfg, content: strings.Repeat("h", MaxHeaderBytes) + "\n1\n", wantErr: "the CSV header has"},
		{name: "JSONArray", cfg: Config{InputType: TypeJSON}, content: `[1,{"b":2,"a":1},"s"]`, want: `[1,{"b":2,"a":1},"s"]`},
		{name: "JSONMaxItems", cfg: Config{InputType: TypeJSON, MaxItems: 1}, content: `[1,2]`, want: `[1]`},
		{name: "JSONObject", cfg: Config{InputType: TypeJSON}, content: `{"a":1}`, wantErr: "must be an array, but was object"},
		{name: "JSONInvalid", cfg: Config{InputType: TypeJSON}, content: `[1,`, wantErr: "not valid JSON"},
		{name: "JSONTrailingComma", cfg: Config{InputType: TypeJSON}, content: `[1,]`, wantErr: "not valid JSON"},
		{name: "JSONMissingComma", cfg: Config{InputType: TypeJSON}, content: `[1 2]`, wantErr: "not valid JSON"},
		{name: "JSONBadElement", cfg: Config{InputType: TypeJSON}, content: `[{"a":}]`, wantErr: "not valid JSON"},
		{name: "JSONEmptyObject", cfg: Config{InputType: TypeJSON}, content: ``, wantErr: "not valid JSON"},
		{name: "JSONL", cfg: Config{InputType: TypeJSONL}, content: "{\"a\":1}\n\n[2]\r\n\"s\"", want: `[{"a":1},[2],"s"]`},
		{name: "JSONLMaxItems", cfg: Config{InputType: TypeJSONL, MaxItems: 1}, content: "1\n2\n", want: `[1]`},
		{name: "JSONLBadLine", cfg: Config{InputType: TypeJSONL}, content: "1\n{\n", wantErr: "line 2 is not valid JSON"},
		{name: "JSONLLimit", cfg: Config{InputType: TypeJSONL}, content: "1\n2\n", limit: 1, wantErr: "more than 1 items"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := &Items{List: []any{}, Max: tc.cfg.MaxItems, Limit: tc.limit}
			err := Read(strings.NewReader(tc.content), tc.cfg, out)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := jsonval.String(out.List); got != tc.want {
				t.Fatalf("items = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Config
		wantErr string
	}{
		{in: `{"InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["a"],"CSVDelimiter":"TAB","MaxItems":5}`,
			want: Config{InputType: TypeCSV, CSVHeaderLocation: "GIVEN", CSVHeaders: []string{"a"}, CSVDelimiter: '\t', MaxItems: 5}},
		{in: `{"InputType":"JSONL"}`, want: Config{InputType: TypeJSONL, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"InputType":"PARQUET"}`, want: Config{InputType: TypeParquet, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"InputType":"XML"}`, wantErr: `the InputType "XML" is not supported`},
		{in: `{"InputType":"PARQUET","ManifestType":"ATHENA_DATA"}`,
			want: Config{InputType: TypeParquet, ManifestType: ManifestAthena, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"ManifestType":"S3_INVENTORY"}`, want: Config{ManifestType: ManifestInventory, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"InputType":"JSONL","Transformation":"LOAD_AND_FLATTEN"}`,
			want: Config{InputType: TypeJSONL, Transformation: TransformLoad, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"Transformation":"NONE"}`, want: Config{Transformation: TransformNone, CSVHeaderLocation: "FIRST_ROW", CSVDelimiter: ','}},
		{in: `{"ManifestType":"ATHENA_DATA"}`, wantErr: "ATHENA_DATA needs the InputType of its data files, one of CSV, JSONL, PARQUET"},
		{in: `{"ManifestType":"ATHENA_DATA","InputType":"JSON"}`, wantErr: "ATHENA_DATA needs the InputType"},
		{in: `{"ManifestType":"S3_INVENTORY","InputType":"CSV"}`, wantErr: "S3_INVENTORY takes no InputType"},
		{in: `{"ManifestType":"ORC"}`, wantErr: `the ManifestType "ORC" is not one of ATHENA_DATA, S3_INVENTORY`},
		{in: `{"Transformation":"LOAD_AND_FLATTEN"}`, wantErr: "LOAD_AND_FLATTEN needs the InputType of the listed objects"},
		{in: `{"Transformation":"LOAD_AND_FLATTEN","InputType":"MANIFEST"}`, wantErr: "LOAD_AND_FLATTEN needs the InputType"},
		{in: `{"Transformation":"FLATTEN"}`, wantErr: `the Transformation "FLATTEN" is not one of NONE, LOAD_AND_FLATTEN`},
		{in: `{"InputType":"CSV","CSVHeaderLocation":"GIVEN"}`, wantErr: "GIVEN needs CSVHeaders"},
		{in: `{"InputType":"CSV","CSVDelimiter":"COLON"}`, wantErr: "not one of COMMA"},
		{in: `{"MaxItems":-1}`, wantErr: "MaxItems must be a non-negative integer"},
		{in: `{"MaxItems":1.5}`, wantErr: "MaxItems must be a non-negative integer"},
		{in: `{"CSVHeaders":[1]}`, wantErr: "array of strings"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseConfig(jsonval.MustDecode(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.InputType != tc.want.InputType || got.CSVHeaderLocation != tc.want.CSVHeaderLocation ||
				got.CSVDelimiter != tc.want.CSVDelimiter || got.MaxItems != tc.want.MaxItems ||
				got.ManifestType != tc.want.ManifestType || got.Transformation != tc.want.Transformation ||
				strings.Join(got.CSVHeaders, ",") != strings.Join(tc.want.CSVHeaders, ",") {
				t.Fatalf("config = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestManifest(t *testing.T) {
	m, err := ParseManifest(strings.NewReader(`{"sourceBucket":"src","destinationBucket":"arn:aws:s3:::inv",
		"fileFormat":"CSV","fileSchema":"Bucket, Key, Size","files":[{"key":"data/1.csv.gz","size":1},{"key":"data/2.csv.gz"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if m.Bucket != "inv" || strings.Join(m.Files, " ") != "data/1.csv.gz data/2.csv.gz" || strings.Join(m.Schema, "|") != "Bucket|Key|Size" {
		t.Fatalf("manifest = %+v", m)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write([]byte("\"src\",\"a%20b.txt\",\"12\"\n\"src\",\"c.txt\",\"3\"\n"))
	_ = zw.Close()
	out := &Items{}
	if err := ReadInventory(&buf, m.Schema, 0, out); err != nil {
		t.Fatal(err)
	}
	want := `[{"Bucket":"src","Key":"a%20b.txt","Size":"12"},{"Bucket":"src","Key":"c.txt","Size":"3"}]`
	if got := jsonval.String(out.List); got != want {
		t.Fatalf("items = %s, want %s", got, want)
	}
	for _, bad := range []string{`{"fileFormat":"ORC","destinationBucket":"b","fileSchema":"Key"}`, `{"fileFormat":"CSV"}`, `[]`} {
		if _, err := ParseManifest(strings.NewReader(bad)); err == nil {
			t.Errorf("ParseManifest(%s) succeeded", bad)
		}
	}
	if err := ReadInventory(strings.NewReader("plain"), m.Schema, 0, &Items{}); err == nil {
		t.Error("ReadInventory read a file that is not gzip")
	}
}

func TestObjectItem(t *testing.T) {
	o := Object{Key: "p/a.csv", ETag: `"abc"`, LastModified: time.Unix(1668699881, 0), Size: 34910, StorageClass: "STANDARD"}
	want := `{"Etag":"\"abc\"","Key":"p/a.csv","LastModified":1668699881,"Size":34910,"StorageClass":"STANDARD"}`
	if got := jsonval.String(o.Item()); got != want {
		t.Fatalf("item = %s, want %s", got, want)
	}
}

func TestBudget(t *testing.T) {
	r := NewBudget(4).Reader(strings.NewReader("12345"))
	out := &Items{}
	err := ReadJSONL(r, out)
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
	r = NewBudget(4).Reader(strings.NewReader("1234"))
	if err := ReadJSONL(r, out); err != nil {
		t.Fatalf("err = %v reading exactly the limit", err)
	}
	shared := NewBudget(5)
	if _, err := io.ReadAll(shared.Reader(strings.NewReader("123"))); err != nil {
		t.Fatal(err)
	}
	if _, err := io.ReadAll(shared.Reader(strings.NewReader("456"))); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge once two objects pass the shared budget", err)
	}
}
