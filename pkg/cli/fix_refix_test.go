package cli

import (
	"slices"
	"testing"
)

// TestRefixArgs: the next step of fix's summary gives the run's flags
// again but where it wrote and how it printed.
func TestRefixArgs(t *testing.T) {
	for _, tc := range []struct{ in, want []string }{
		{[]string{"--region", "KE", "--output", "clean.csv", "--quarantine", "removed.csv", "--now", "2026-01-15"},
			[]string{"--region", "KE", "--now", "2026-01-15"}},
		{[]string{"--dry-run", "--format", "json", "--quiet", "--drop-on", "warning", "--keep-phone"},
			[]string{"--drop-on", "warning", "--keep-phone"}},
		{[]string{"--quiet=false", "--dry-run=true", "--suppress", "dnc.txt", "--excel-safe"},
			[]string{"--suppress", "dnc.txt", "--excel-safe"}},
		// How the inputs were read describes them, not the files fix
		// wrote (QA newfx 3).
		{[]string{"--input-format", "json", "--encoding", "windows-1252", "--sheet", "May Leads", "--delimiter", ";", "--region", "KE"},
			[]string{"--region", "KE"}},
		{nil, nil},
	} {
		if got := refixArgs(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("refixArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
