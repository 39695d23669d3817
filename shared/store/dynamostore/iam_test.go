package dynamostore

import (
	"reflect"
	"slices"
	"testing"
)

// TestIAMActions_MatchAPI: a method added to API without its action would
// be denied in AWS; an action without a method would be granted for nothing.
func TestIAMActions_MatchAPI(t *testing.T) {
	api := reflect.TypeFor[API]()
	var want []string
	for i := range api.NumMethod() {
		want = append(want, "dynamodb:"+api.Method(i).Name)
	}
	got := slices.Sorted(slices.Values(IAMActions))
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("IAMActions %v, API methods %v", got, want)
	}
}
