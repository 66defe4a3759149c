package fix

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/listaudit/listaudit/pkg/rules"
)

// TestMalformedRowStopsItsNumber: a malformed row whose phone cell holds a
// valid number may hold an opt-out that cannot be read, so no row of its
// number reaches the clean file, whichever came first; also when the policy
// disables duplicate-conflict (the duplicate rule's group stops them) or the
// duplicate rule (duplicate-conflict does). The malformed row is
// quarantined for row-malformed alone, as before.
func TestMalformedRowStopsItsNumber(t *testing.T) {
	const list = "id,phone,consent_source,consent_at,opted_out\n" +
		"1,+254712000006,web,2025-01-01,yes,extra\n" + // malformed first
		"2,+254712000006,web,2025-11-01,\n" +
		"3,+254712000007,web,2025-11-01,\n" +
		"4,0712 000 007,web,2025-01-01,yes,,x\n" + // malformed last
		"5,+254712000008,web,2025-11-01,\n" +
		"6,+254712000009,web,2025-11-01,\n" +
		"7,+254712000009,web,2025-11-01,,x\n"
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		disable []string
		want    map[string]string // quarantined rows by id: their rules
	}{
		// Rows 3 and 6 come first, so they are no duplicates (check says
		// so too): they go for duplicate-conflict alone.
		{nil, map[string]string{"1": "row-malformed", "2": "duplicate;duplicate-conflict", "3": "duplicate-conflict", "4": "row-malformed",
			"6": "duplicate-conflict", "7": "row-malformed"}},
		{[]string{rules.DuplicateConflict}, map[string]string{"1": "row-malformed", "2": "duplicate", "3": "duplicate", "4": "row-malformed",
			"6": "duplicate", "7": "row-malformed"}},
		{[]string{rules.Duplicate}, map[string]string{"1": "row-malformed", "2": "duplicate-conflict", "3": "duplicate-conflict", "4": "row-malformed",
			"6": "duplicate-conflict", "7": "row-malformed"}},
	}
	for _, tt := range tests {
		o := Options{Audit: auditOptions()}
		o.Audit.Policy.DefaultRegion = "KE"
		o.Audit.Policy.Disabled = tt.disable
		_, clean, quar := runFix(t, []string{path}, o)
		_, kept := readCSV(t, clean)
		if len(kept) != 1 || kept[0][0] != "5" {
			t.Errorf("disabled %v: clean rows %q, want row 5 alone", tt.disable, kept)
		}
		head, removed := readCSV(t, quar)
		col := slices.Index(head, "listaudit_rules")
		got := map[string]string{}
		for _, r := range removed {
			got[r[0]] = r[col]
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("disabled %v: quarantined %v, want %v", tt.disable, got, tt.want)
		}
	}
}

// TestQuotingErrorStopsItsNumbers: a CSV record with a quoting error
// stops the number of its first line's phone cell, and each line its open
// quote took is a malformed row of its own whose number stops that
// number's other rows, later ones included; each is quarantined with its
// own line as listaudit_raw.
func TestQuotingErrorStopsItsNumbers(t *testing.T) {
	const list = "id,phone,consent_source,consent_at,opted_out\n" +
		"1,+254712000006,web,\"2025-11-01,yes\n" + // the quote takes lines 3 and 4
		"2,+254712000007,web,2025-11-01,yes\n" +
		"3,+254712000008,web,\"y\"z,no\n" + // its first quote closes the field: a quoting error
		"4,+254712000007,web,2025-11-01,\n" +
		"5,+254712000006,web,2025-11-01,\n" +
		"6,+254712000009,web,2025-11-01,\n"
	path := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(path, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	o := Options{Audit: auditOptions()}
	o.Audit.Policy.DefaultRegion = "KE"
	_, clean, quar := runFix(t, []string{path}, o)
	_, kept := readCSV(t, clean)
	if len(kept) != 1 || kept[0][0] != "6" {
		t.Errorf("clean rows %q, want row 6 alone", kept)
	}
	head, removed := readCSV(t, quar)
	rulesCol, rawCol := slices.Index(head, "listaudit_rules"), slices.Index(head, "listaudit_raw")
	got := map[string][2]string{}
	for _, r := range removed {
		got[r[0]] = [2]string{r[rulesCol], r[rawCol]}
	}
	want := map[string][2]string{
		"1": {"row-malformed", "1,+254712000006,web,\"2025-11-01,yes"},
		"2": {"row-malformed", "2,+254712000007,web,2025-11-01,yes"},
		"3": {"row-malformed", "3,+254712000008,web,\"y\"z,no"},
		"4": {"duplicate;duplicate-conflict", ""},
		"5": {"duplicate;duplicate-conflict", ""},
	}
	if !maps.Equal(got, want) {
		t.Errorf("quarantined %q, want %q", got, want)
	}
}
