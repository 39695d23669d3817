package itemreader

import (
	"fmt"
	"strings"
	"testing"
)

func TestParseAthenaManifest(t *testing.T) {
	for _, tc := range []struct{ name, in, want, wantErr string }{
		{"files", "s3://out/unload/20240101_00000_a\ns3://other/x/y.parquet\n", "[{out unload/20240101_00000_a} {other x/y.parquet}]", ""},
		{"CRLF and blank lines", "\r\ns3://out/a\r\n\r\n", "[{out a}]", ""},
		{"empty", "", "[]", ""},
		{"not a URI", "s3://out/a\n/local/file\n", "", `line 2: "/local/file" is not an S3 URI`},
		{"bucket only", "s3://out/\n", "", "is not an S3 URI"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, err := ParseAthenaManifest(strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := fmt.Sprint(files); got != tc.want && !(tc.want == "[]" && len(files) == 0) {
				t.Fatalf("files = %s, want %s", got, tc.want)
			}
		})
	}
}
