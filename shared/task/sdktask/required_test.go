package sdktask

import (
	"maps"
	"slices"
	"testing"
)

func TestService_RequiredMembers(t *testing.T) {
	tests := []struct {
		required string
		want     []string
	}{
		{"", nil},
		{"StartExecutionOutput.ExecutionArn,StartDate", []string{"StartExecutionOutput.ExecutionArn", "StartExecutionOutput.StartDate"}},
		{"AOutput.X types.Item.Id,Name", []string{"AOutput.X", "types.Item.Id", "types.Item.Name"}},
	}
	for _, tc := range tests {
		got := slices.Sorted(maps.Keys(Service{Required: tc.required}.RequiredMembers()))
		if !slices.Equal(got, tc.want) {
			t.Errorf("%q: %v, want %v", tc.required, got, tc.want)
		}
	}
}
