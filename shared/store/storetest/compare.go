package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/stepwise/stepwise/shared/store"
)

// normTime makes times comparable with DeepEqual regardless of the
// Location an adapter decodes into.
func normTime(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return t.UTC()
}

func normSM(s store.StateMachine) store.StateMachine {
	s.CreationDate, s.UpdateDate = normTime(s.CreationDate), normTime(s.UpdateDate)
	return s
}

func normVersion(v store.Version) store.Version {
	v.CreationDate = normTime(v.CreationDate)
	return v
}

func normAlias(a store.Alias) store.Alias {
	a.CreationDate, a.UpdateDate = normTime(a.CreationDate), normTime(a.UpdateDate)
	if len(a.Routes) == 0 {
		a.Routes = nil
	}
	return a
}

func normActivity(a store.Activity) store.Activity {
	a.CreationDate = normTime(a.CreationDate)
	return a
}

func normExec(e store.Execution) store.Execution {
	e.StartDate, e.StopDate, e.ExpiresAt = normTime(e.StartDate), normTime(e.StopDate), normTime(e.ExpiresAt)
	if len(e.State) == 0 {
		e.State = nil
	}
	return e
}

// same fails unless got and want are deeply equal after norm.
func same[T any](t *testing.T, what string, got, want T, norm func(T) T) {
	t.Helper()
	if g, w := norm(got), norm(want); !reflect.DeepEqual(g, w) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, g, w)
	}
}
