package httptask

import (
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

func TestEncodeBody_ArrayFormats(t *testing.T) {
	body := jsonval.MustDecode(`{"array":["a","b"],"n":1.50,"ok":true,"nil":null,"o":{"k":"v w","l":[1,2]}}`)
	tests := []struct{ format, want string }{
		{ArrayIndices, "array%5B0%5D=a&array%5B1%5D=b&n=1.50&ok=true&nil=&o%5Bk%5D=v%20w&o%5Bl%5D%5B0%5D=1&o%5Bl%5D%5B1%5D=2"},
		{ArrayRepeat, "array=a&array=b&n=1.50&ok=true&nil=&o%5Bk%5D=v%20w&o%5Bl%5D=1&o%5Bl%5D=2"},
		{ArrayCommas, "array=a,b&n=1.50&ok=true&nil=&o%5Bk%5D=v%20w&o%5Bl%5D=1,2"},
		{ArrayBrackets, "array%5B%5D=a&array%5B%5D=b&n=1.50&ok=true&nil=&o%5Bk%5D=v%20w&o%5Bl%5D%5B%5D=1&o%5Bl%5D%5B%5D=2"},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			got, ok := encodeBody(body, &call{urlEncoded: true, arrayFormat: tc.format})
			if !ok || got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestEncodeBody_Kinds(t *testing.T) {
	tests := []struct {
		name, body string
		urlEncoded bool
		want       string
		has        bool
	}{
		{"absent", ``, false, "", false},
		{"object as JSON", `{"a":[1,"x"]}`, false, `{"a":[1,"x"]}`, true},
		{"string as it is", `"<xml/>"`, false, "<xml/>", true},
		{"string not form encoded", `"a=1&b=2"`, true, "a=1&b=2", true},
		{"array as JSON", `[1,2]`, true, `[1,2]`, true},
		{"commas escape values", `{"a":["x,y","z"]}`, true, "a=x%2Cy,z", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v jsonval.Value
			if tc.body != "" {
				v = jsonval.MustDecode(tc.body)
			}
			got, has := encodeBody(v, &call{urlEncoded: tc.urlEncoded, arrayFormat: ArrayCommas})
			if got != tc.want || has != tc.has {
				t.Errorf("got %q %v, want %q %v", got, has, tc.want, tc.has)
			}
		})
	}
}

func TestQueryParameters(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"currency":"usd","ids":[1,2],"f":{"a":"b"}}`, "currency=usd&ids=1&ids=2&f%5Ba%5D=b"},
		{`"b=2&a=x%20y"`, "a=x%20y&b=2"},
		{`[{"a":"1"},{"b":"2"}]`, "a=1&b=2"},
	}
	for _, tc := range tests {
		ps, err := queryParameters(jsonval.MustDecode(tc.in))
		if got := encode(ps); err != nil || got != tc.want {
			t.Errorf("%s: got %q (%v), want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{`1`, `[1]`, `"%zz"`} {
		if _, err := queryParameters(jsonval.MustDecode(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestMergeBody(t *testing.T) {
	conn := []Parameter{{Key: "Mode", Value: "conn"}, {Key: "Extra", Value: "e"}}
	tests := []struct{ body, want string }{
		{`{"Job":"x","Mode":"task"}`, `{"Job":"x","Mode":"conn","Extra":"e"}`},
		{``, `{"Mode":"conn","Extra":"e"}`},
	}
	for _, tc := range tests {
		var v jsonval.Value
		if tc.body != "" {
			v = jsonval.MustDecode(tc.body)
		}
		got, err := mergeBody(v, conn)
		if err != nil || jsonval.String(got) != tc.want {
			t.Errorf("%s: got %s (%v), want %s", tc.body, jsonval.String(got), err, tc.want)
		}
	}
	for _, bad := range []string{`"text"`, `[1]`, `3`} {
		if _, err := mergeBody(jsonval.MustDecode(bad), conn); err != errStringBody {
			t.Errorf("%s: err %v", bad, err)
		}
	}
	if got, _ := mergeBody(jsonval.MustDecode(`"text"`), nil); got != "text" {
		t.Errorf("no connection body: %v", got)
	}
}
