package fix

import "testing"

// TestOutcome: what fix says it wrote, exactly; a clean list every row
// left is marked as the failure it is.
func TestOutcome(t *testing.T) {
	for _, tc := range []struct {
		s    Summary
		want string
	}{
		{Summary{Clean: "clean.csv", Quarantine: "removed.csv", Kept: 15, Quarantined: 12},
			"✓ wrote 15 rows to clean.csv and 12 removed rows to removed.csv"},
		{Summary{Clean: "clean.csv", Quarantine: "removed.csv", Kept: 1},
			"✓ wrote 1 row to clean.csv and 0 removed rows to removed.csv"},
		{Summary{Clean: "clean.csv", Quarantine: "removed.csv", Quarantined: 4},
			"✗ wrote 0 rows to clean.csv: all 4 rows went to removed.csv"},
		{Summary{Clean: "clean.csv", Quarantine: "removed.csv", Quarantined: 1},
			"✗ wrote 0 rows to clean.csv: the 1 row went to removed.csv"},
		{Summary{Clean: "clean.csv", Quarantine: "removed.csv"},
			"✓ wrote 0 rows to clean.csv and 0 removed rows to removed.csv"},
		{Summary{DryRun: true, Quarantined: 4},
			"Dry run: nothing was written; 0 rows would be kept and 4 removed."},
	} {
		if got := tc.s.Outcome(); got != tc.want {
			t.Errorf("Outcome() = %q, want %q", got, tc.want)
		}
	}
}
