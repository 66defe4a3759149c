package domain

import (
	"slices"
	"testing"
)

func TestRetentionFilter(t *testing.T) {
	rules := []string{"a", "b", "a", "c", "a", "b", "a", "c", "c"}
	sevs := []Severity{Warning, Warning, Error, Info, Warning, Error, Info, Error, Warning}
	tests := []struct {
		name string
		r    Retention
		want []int // indexes kept
	}{
		{"none", Retention{}, nil},
		{"all", RetainAll, []int{0, 1, 2, 3, 4, 5, 6, 7, 8}},
		{"first 3", Retention{First: 3}, []int{0, 1, 2}},
		{"two per rule", Retention{PerRule: 2}, []int{0, 1, 2, 3, 5, 7}},
		{"first 4 or one per rule", Retention{First: 4, PerRule: 1}, []int{0, 1, 2, 3}},
		{"first 1 or two per rule", Retention{First: 1, PerRule: 2}, []int{0, 1, 2, 3, 5, 7}},
		{"merged", Retention{First: 5}.Merge(Retention{PerRule: 3}), []int{0, 1, 2, 3, 4, 5, 7, 8}},
		{"two per severity", Retention{PerSeverity: 2}, []int{0, 1, 2, 3, 5, 6}},
		{"first 1 or one per severity", Retention{First: 1, PerSeverity: 1}, []int{0, 2, 3}},
		{"merged per severity", Retention{PerSeverity: 1}.Merge(Retention{PerRule: 1}), []int{0, 1, 2, 3}},
	}
	for _, tc := range tests {
		f := NewRetentionFilter(tc.r)
		var got []int
		for i, id := range rules {
			if f.Keep(&Finding{Rule: id, Severity: sevs[i]}) {
				got = append(got, i)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: kept %v, want %v", tc.name, got, tc.want)
		}
	}
	if m := (Retention{First: 2}).Merge(RetainAll); !m.All {
		t.Errorf("merge with all: %+v", m)
	}
}
