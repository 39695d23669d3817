package limits

import (
	"testing"
	"time"
)

func TestResolveKeepsSetFieldsAndFillsZeros(t *testing.T) {
	got := Limits{HistoryEvents: 100, ExpressDuration: time.Minute}.Resolve()
	want := Default()
	want.HistoryEvents = 100
	want.ExpressDuration = time.Minute
	want.ForkChildren = 50 // derived from HistoryEvents when unset
	if got != want {
		t.Fatalf("Resolve() = %+v, want %+v", got, want)
	}
	if (Limits{}).Resolve() != Default() {
		t.Fatal("zero Limits must resolve to Default()")
	}
}
