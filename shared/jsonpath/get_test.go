package jsonpath

import (
	"errors"
	"testing"

	"github.com/stepwise/stepwise/shared/jsonval"
)

const storeDoc = `{
 "store": {
  "book": [
   {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
   {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
   {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
   {"category": "fiction", "author": "J. R. R. Tolkien", "title": "LOTR", "isbn": "0-395", "price": 22.99}
  ],
  "bicycle": {"color": "red", "price": 19.95}
 },
 "a b": {"c'd": 1, "e\"f": 2},
 "nums": [0, 1, 2, 3, 4],
 "mixed": [1, "1", true, null, {"k": 1}, [1]],
 "nil": null,
 "s": "text"
}`

type getCase struct {
	path string
	want string // JSON of the expected value
}

func runGet(t *testing.T, doc string, cases []getCase) {
	t.Helper()
	root := jsonval.MustDecode(doc)
	for _, tt := range cases {
		t.Run(tt.path, func(t *testing.T) {
			got, err := MustParse(tt.path).Get(root)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if want := jsonval.MustDecode(tt.want); !jsonval.Equal(got, want) {
				t.Errorf("got %s, want %s", jsonval.String(got), tt.want)
			}
		})
	}
}

func TestGet_Definite(t *testing.T) {
	runGet(t, storeDoc, []getCase{
		{"$.store.bicycle.color", `"red"`},
		{"$['store']['bicycle']['price']", `19.95`},
		{`$["store"]["bicycle"]`, `{"color":"red","price":19.95}`},
		{`$['a b']["c'd"]`, `1`},
		{`$['a b']['e"f']`, `2`},
		{"$.store.book[0].title", `"Sayings"`},
		{"$.store.book[-1].title", `"LOTR"`},
		{"$.nums[-5]", `0`},
		{"$.nil", `null`},
		{"$.store.bicycle['color','price','nope']", `{"color":"red","price":19.95}`},
		{"$.nums.length()", `5`},
		{"$.store.length()", `2`},
		{"$.s.length()", `null`},
		{"$.nums.sum()", `10`},
		{"$.nums.min()", `0`},
		{"$.nums.max()", `4`},
		{"$.nums.avg()", `2`},
		{"$.nums.stddev()", `1.4142135623730951`},
		{"$.nums.first()", `0`},
		{"$.nums.last()", `4`},
		{"$.store.bicycle.keys()", `["color","price"]`},
	})
}

func TestGet_Indefinite(t *testing.T) {
	runGet(t, storeDoc, []getCase{
		{"$.store.book[*].author", `["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]`},
		{"$.store.*", `[[{"category":"reference","author":"Nigel Rees","title":"Sayings","price":8.95},{"category":"fiction","author":"Evelyn Waugh","title":"Sword","price":12.99},{"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553","price":8.99},{"category":"fiction","author":"J. R. R. Tolkien","title":"LOTR","isbn":"0-395","price":22.99}],{"color":"red","price":19.95}]`},
		{"$.store..price", `[8.95,12.99,8.99,22.99,19.95]`},
		{"$..isbn", `["0-553","0-395"]`},
		{"$..book[2].title", `["Moby Dick"]`},
		{"$..book.length()", `4`},
		{"$..price.sum()", `73.87`},
		{"$.store.book[0,2].price", `[8.95,8.99]`},
		{"$.store.book[*]['title','price']", `[{"title":"Sayings","price":8.95},{"title":"Sword","price":12.99},{"title":"Moby Dick","price":8.99},{"title":"LOTR","price":22.99}]`},
		{"$.store['bicycle','book'].price", `[19.95]`},
		{"$.nums[*].length()", `[null,null,null,null,null]`},
		{"$.nums.*", `[0,1,2,3,4]`},
		{"$.store.bicycle.*", `["red",19.95]`},
		{"$.s[*]", `[]`},
		{"$.nope[*]", `[]`},
		{"$.nope.deeper[1:]", `[]`},
		{"$.nil[*]", `[]`},
		{"$.nums[9,1]", `[1]`},
	})
}

// TestGet_Slices follows Jayway's slice arithmetic, quirks included.
func TestGet_Slices(t *testing.T) {
	runGet(t, storeDoc, []getCase{
		{"$.nums[1:3]", `[1,2]`},
		{"$.nums[:2]", `[0,1]`},
		{"$.nums[-2:]", `[3,4]`},
		{"$.nums[2:]", `[2,3,4]`},
		{"$.nums[:-1]", `[0,1,2,3]`},
		{"$.nums[-9:]", `[0,1,2,3,4]`},
		{"$.nums[:9]", `[0,1,2,3,4]`},
		{"$.nums[3:1]", `[]`},
		{"$.nums[1:-1]", `[]`},
		{"$.nums[-2:-1]", `[3]`},
		{"$.nums[-3:2]", `[2,3,4,0,1]`},
		{"$.nums[7:]", `[]`},
		{"$.nums[0:5:2]", `[0,1,2,3,4]`},
	})
}

func TestGet_Filters(t *testing.T) {
	runGet(t, storeDoc, []getCase{
		{"$.store.book[?(@.price < 10)].title", `["Sayings","Moby Dick"]`},
		{"$.store.book[?(@.price <= 8.99)].title", `["Sayings","Moby Dick"]`},
		{"$.store.book[?(@.price>20)].title", `["LOTR"]`},
		{"$.store.book[?(@.price >= 22.99)].title", `["LOTR"]`},
		{"$.store.book[?(@.isbn)].title", `["Moby Dick","LOTR"]`},
		{"$.store.book[?(!@.isbn)].title", `["Sayings","Sword"]`},
		{"$.store.book[?(@.category == 'reference')].title", `["Sayings"]`},
		{"$.store.book[?(@.category==reference)].title", `["Sayings"]`}, // unquoted word: a string, as on AWS
		{" $.store.bicycle.price ", `19.95`},                            // blanks around a path are ignored
		{`$.store.book[?(@.category == "reference")].title`, `["Sayings"]`},
		{"$.store.book[?(@.category != 'fiction')].title", `["Sayings"]`},
		{"$.store.book[?(@.category == 'fiction' && @.price < 10)].title", `["Moby Dick"]`},
		{"$.store.book[?(@.price < 9 || @.price > 20)].title", `["Sayings","Moby Dick","LOTR"]`},
		{"$.store.book[?(!(@.price < 10))].title", `["Sword","LOTR"]`},
		{"$.store.book[?((@.price < 9) && (@.isbn))].title", `["Moby Dick"]`},
		{"$.store.book[?(@.price < $.store.bicycle.price)].title", `["Sayings","Sword","Moby Dick"]`},
		{"$.store.book[?(@.author =~ /.*REES/i)].title", `["Sayings"]`},
		{"$.store.book[?(@.author =~ /Rees/)].title", `[]`},
		{"$.store.book[?(@.category in ['reference','x'])].title", `["Sayings"]`},
		{"$.store.book[?(@.category nin ['fiction'])].title", `["Sayings"]`},
		{"$.store.book[?(@.title size 5)].title", `["Sword"]`},
		{"$.store.book[?(@.title contains 'ick')].title", `["Moby Dick"]`},
		{"$..book[?(@.price == 8.95)].title", `["Sayings"]`},
		{"$.mixed[?(@ == 1)]", `[1,"1"]`},
		{"$.mixed[?(@ === 1)]", `[1]`},
		{"$.mixed[?(@ == true)]", `[true]`},
		{"$.mixed[?(@ == null)]", `[null]`},
		{"$.mixed[?(@.k)]", `[{"k":1}]`},
		{"$.mixed[?(@ == [1])]", `[[1]]`},
		{"$.mixed[?(@ empty false)]", `["1",{"k":1},[1]]`},
		{"$.nums[?(@ > 1)]", `[2,3,4]`},
		{"$.nums[?(@ in [1, 3.0])]", `[1,3]`},
		{"$.store.bicycle[?(@.color == 'red')].price", `[19.95]`},
		{"$.store.book[?(@.nope == 1)]", `[]`},
		{"$.store.book[?(@.nope != 1)].price", `[8.95,12.99,8.99,22.99]`},
		{"$[?(@.book[*].isbn)].bicycle", `[]`},
	})
}

// TestGet_Conformance mirrors the AWS-recorded cases in conformance/cases/base.
func TestGet_Conformance(t *testing.T) {
	items := `{"items":[{"item_key":0},{"item_key":1},{"item_key":2},{"item_key":3},{"item_key":4},{"item_key":5},{"item_key":6},{"item_key":7},{"item_key":8},{"item_key":9},{"item_key":10}]}`
	runGet(t, items, []getCase{
		{"$.items[0]", `{"item_key":0}`},
		{"$.items[10]", `{"item_key":10}`},
	})
	empty := `{}`
	runGet(t, empty, []getCase{
		{"$[*]", `[]`},
		{"$.items[*]", `[]`},
		{"$.items[1:]", `[]`},
		{"$.items[:1]", `[]`},
		{"$.items[*].itemValue", `[]`},
		{"$.items[1:].itemValue", `[]`},
		{"$.items[:1].itemValue", `[]`},
		{"$.item.items[*]", `[]`},
		{"$.item.items[1:5].itemValue", `[]`},
	})
	runGet(t, `{"users":[{"year":1997,"status":0},{"year":1998,"status":1}]}`, []getCase{
		{"$.users[?(@.status == 0)]", `[{"year":1997,"status":0}]`},
	})
	runGet(t, `{"Test\\\"\"Name\"":"Value\"\\"}`, []getCase{
		{`$['Test\""Name"']`, `"Value\"\\"`},
	})
}

func TestGet_Roots(t *testing.T) {
	ctx := jsonval.MustDecode(`{"Execution":{"Id":"arn:x","Input":{"k":[5,6]}}}`)
	for _, tt := range []struct{ path, want string }{
		{"$$.Execution.Id", `"arn:x"`},
		{"$$.Execution.Input.k[1]", `6`},
		{"$$", `{"Execution":{"Id":"arn:x","Input":{"k":[5,6]}}}`},
		{"$order", `{"Execution":{"Id":"arn:x","Input":{"k":[5,6]}}}`},
		{"$order.Execution.Input.k[-1]", `6`},
	} {
		got, err := MustParse(tt.path).Get(ctx)
		if err != nil || !jsonval.Equal(got, jsonval.MustDecode(tt.want)) {
			t.Errorf("%s: got %s, %v; want %s", tt.path, jsonval.String(got), err, tt.want)
		}
	}
}

func TestGet_NotFound(t *testing.T) {
	root := jsonval.MustDecode(storeDoc)
	tests := []struct{ path, detail string }{
		{"$.NoSuchInputPath", "No results for path: $['NoSuchInputPath']"},
		{"$.no.such.result.path", "Missing property in path $['no']"},
		{"$.store.book[9]", "No results for path: $['store']['book'][9]"},
		{"$.store.book[9].title", "No results for path: $['store']['book'][9]['title']"},
		{"$.nil[0]", "The path $['nil'] is null"},
		{"$.s[0].x", "Filter: [0]['x'] can only be applied to arrays. Current context is: text"},
		{"$.nil.x", "Expected to find an object with property ['x'] in path $['nil'] but found 'null'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."},
		{"$.s.x", "Expected to find an object with property ['x'] in path $['s'] but found 'java.lang.String'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'."},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			_, err := MustParse(tt.path).Get(root)
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("error %v does not wrap ErrNotFound", err)
			}
			var nf *NotFoundError
			if !errors.As(err, &nf) || nf.Detail != tt.detail {
				t.Errorf("detail = %q, want %q", nf.Detail, tt.detail)
			}
			if want := "Invalid path '" + tt.path + "' : " + tt.detail; err.Error() != want {
				t.Errorf("Error() = %q, want %q", err.Error(), want)
			}
		})
	}
}

func TestGet_FunctionErrors(t *testing.T) {
	root := jsonval.MustDecode(`{"e":[],"s":["a"],"big":[1e308,1e308]}`)
	for _, path := range []string{"$.e.min()", "$.s.sum()", "$.e.first()", "$.big.sum()", "$..e.avg()", "$.e[*].max()"} {
		t.Run(path, func(t *testing.T) {
			if path == "$.e[*].max()" {
				got, err := MustParse(path).Get(root)
				if err != nil || len(got.([]any)) != 0 {
					t.Fatalf("got %v, %v; want [] (no elements to call on)", got, err)
				}
				return
			}
			if _, err := MustParse(path).Get(root); !errors.Is(err, ErrFunction) {
				t.Errorf("error %v does not wrap ErrFunction", err)
			}
		})
	}
}
