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

func TestRetentionFilterFull(t *testing.T) {
	seen := []Finding{{Rule: "a", Severity: Warning}, {Rule: "b", Severity: Error}, {Rule: "a", Severity: Warning}}
	tests := []struct {
		name string
		r    Retention
		rule string
		sev  Severity
		want bool
	}{
		{"keeps none", Retention{}, "a", Warning, true},
		{"keeps all", RetainAll, "a", Warning, false},
		{"first not reached", Retention{First: 4}, "c", Info, false},
		{"first reached", Retention{First: 3}, "c", Info, true},
		{"rule at its quota", Retention{PerRule: 2}, "a", Warning, true},
		{"rule below its quota", Retention{PerRule: 2}, "b", Error, false},
		{"rule not seen", Retention{PerRule: 1}, "c", Warning, false},
		{"severity at its quota", Retention{PerSeverity: 2}, "c", Warning, true},
		{"severity below its quota", Retention{PerSeverity: 2}, "a", Error, false},
		{"severity out of range", Retention{PerSeverity: 2}, "a", Error + 1, true},
		{"severity full, rule not", Retention{PerSeverity: 1, PerRule: 2}, "b", Error, false},
		{"rule full, severity not", Retention{PerSeverity: 3, PerRule: 1}, "a", Warning, false},
		{"both full", Retention{PerSeverity: 2, PerRule: 2}, "a", Warning, true},
		{"first not reached, the rest full", Retention{First: 5, PerSeverity: 1}, "a", Warning, false},
	}
	for _, tc := range tests {
		f := NewRetentionFilter(tc.r)
		for i := range seen {
			f.Keep(&seen[i])
		}
		if got := f.Full(tc.rule, tc.sev); got != tc.want {
			t.Errorf("%s: Full(%s, %s) = %v, want %v", tc.name, tc.rule, tc.sev, got, tc.want)
		}
	}
}

// TestRetentionFilterFullSkips checks what an audit relies on: a filter
// never keeps a finding it said it was Full for, and never seeing those
// findings changes none of its answers about the others.
func TestRetentionFilterFullSkips(t *testing.T) {
	var fs []Finding
	for i := range 60 {
		fs = append(fs, Finding{Rule: string(rune('a' + i*7%5)), Severity: Severity(i * 3 % 4 % 3)})
	}
	for _, r := range []Retention{{}, RetainAll, {First: 10}, {PerRule: 3}, {PerSeverity: 4}, {First: 2, PerRule: 2, PerSeverity: 5}, {First: 30, PerSeverity: 1}} {
		every, skipping := NewRetentionFilter(r), NewRetentionFilter(r)
		skipped := 0
		for i := range fs {
			full := skipping.Full(fs[i].Rule, fs[i].Severity)
			kept := every.Keep(&fs[i])
			if full {
				skipped++
				if kept {
					t.Errorf("%+v: finding %d kept, but the filter was Full for it", r, i)
				}
				continue
			}
			if got := skipping.Keep(&fs[i]); got != kept {
				t.Errorf("%+v: finding %d kept %v having skipped some, %v having seen all", r, i, got, kept)
			}
		}
		if r.All != (skipped == 0) {
			t.Errorf("%+v: skipped %d of %d", r, skipped, len(fs))
		}
	}
}
