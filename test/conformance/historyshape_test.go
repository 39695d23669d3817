package conformance

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/stepwise/stepwise/shared/jsonval"
)

// TestConformance_HistoryEventsHaveTheModelsMembers: every event of every
// case's history, as GetExecutionHistory renders it, holds only members
// of the API model's HistoryEvent (the SDK's types carry exactly them),
// each detail structure only its own members: nothing AWS does not write.
func TestConformance_HistoryEventsHaveTheModelsMembers(t *testing.T) {
	cases, err := LoadCases(CorpusDir(filepath.Join("..", "..")))
	if err != nil || len(cases) == 0 {
		t.Fatalf("load corpus: %v (%d cases)", err, len(cases))
	}
	model := reflect.TypeFor[types.HistoryEvent]()
	events, bad := 0, map[string]string{}
	for _, c := range cases {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		res, err := Run(ctx, c)
		cancel()
		if err != nil {
			continue // TestConformance reports it
		}
		for _, e := range res.History.Events() {
			events++
			for _, path := range extraMembers(e.JSON(), model, "") {
				if _, seen := bad[e.Type+path]; !seen {
					bad[e.Type+path] = c.File
				}
			}
		}
	}
	for where, file := range bad {
		t.Errorf("%s: not a member of AWS's history event (first in %s)", where, file)
	}
	t.Logf("%d events of %d cases checked", events, len(cases))
}

// extraMembers lists the members of o (at path) that the model's
// structure t lacks, descending into nested structures.
func extraMembers(o *jsonval.Object, t reflect.Type, path string) []string {
	var out []string
	for _, k := range o.Keys() {
		f, ok := memberType(t, k)
		if !ok {
			out = append(out, path+"."+k)
			continue
		}
		v, _ := o.Get(k)
		if sub, isObj := v.(*jsonval.Object); isObj && f.Kind() == reflect.Struct {
			out = append(out, extraMembers(sub, f, path+"."+k)...)
		}
	}
	return out
}

// memberType finds the model member named k (the SDK's field, its first
// letter upper case) and its type without pointers.
func memberType(t reflect.Type, k string) (reflect.Type, bool) {
	r := []rune(k)
	r[0] = unicode.ToUpper(r[0])
	f, ok := t.FieldByName(string(r))
	if !ok || !f.IsExported() {
		return nil, false
	}
	ft := f.Type
	for ft.Kind() == reflect.Pointer {
		ft = ft.Elem()
	}
	return ft, true
}
