package fix

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/report"
)

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

// TestWriteTextLargeCounts: counts have thousands separators, and the ROWS
// column is as wide as its widest count, so the rules stay in line.
func TestWriteTextLargeCounts(t *testing.T) {
	s := Summary{
		Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), DropOn: "error",
		Inputs: []domain.Input{{Path: "big.csv", Format: "csv", Rows: 1000000}},
		Rows:   1000000, Kept: 562237, Quarantined: 437763,
		ByRule:     map[string]int{"consent-after-contact": 107555, "contacted-after-opt-out": 20208, "opted-out": 9},
		KeptByRule: map[string]int{"stale": 12},
		Clean:      "clean.csv", Quarantine: "removed.csv",
	}
	var b bytes.Buffer
	if err := s.WriteText(&b, "dev"); err != nil {
		t.Fatal(err)
	}
	want := "listaudit dev fix · 2026-01-15 · drop-on: error\n" +
		"\n" +
		"Inputs\n" +
		"  big.csv  csv         1,000,000 rows\n" +
		"Rows 1,000,000 · kept 562,237 · quarantined 437,763\n" +
		"\n" +
		"Quarantined, by rule\n" +
		"  RULE                        ROWS\n" +
		"  consent-after-contact    107,555\n" +
		"  contacted-after-opt-out   20,208\n" +
		"  opted-out                      9\n" +
		"\n" +
		"Kept with findings below error, by rule\n" +
		"  RULE    ROWS\n" +
		"  stale     12\n" +
		"\n" +
		"Next steps\n" +
		"  Correct the rows in removed.csv (its listaudit_rules column says why each was\n" +
		"  left out), then fix them together with the clean list:\n" +
		"    listaudit fix clean.csv removed.csv -o clean-2.csv \\\n" +
		"        --quarantine removed-2.csv\n" +
		"\n" +
		"✓ wrote 562,237 rows to clean.csv and 437,763 removed rows to removed.csv\n"
	if got := b.String(); got != want {
		t.Errorf("summary:\n%s\nwant:\n%s", got, want)
	}
}

// TestWriteTextTitleFits: the title goes on over lines at its separators
// when it is wider than Width.
func TestWriteTextTitleFits(t *testing.T) {
	s := Summary{Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), GeneratedAt: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC),
		DropOn: "error", DryRun: true, Width: 60}
	var b bytes.Buffer
	if err := s.WriteText(&b, "dev"); err != nil {
		t.Fatal(err)
	}
	want := "listaudit dev fix (dry run) · audited as of 2026-01-15\n(generated 2026-12-06) · drop-on: error\n\nInputs\n"
	if got := b.String(); !strings.HasPrefix(got, want) {
		t.Errorf("summary:\n%s\nwant it to start\n%s", got, want)
	}
}

// TestWriteTextEvidenceBaselineRecheck: the evidence read, what the
// baseline hid, the hashes of the files written and the warning that a
// check of the clean list fails under the policy's fail-on.
func TestWriteTextEvidenceBaselineRecheck(t *testing.T) {
	for _, tc := range []struct {
		name, dropOn string
		want         string
	}{
		{"drop-on above fail-on", "error",
			"! 3 kept rows have findings at or above fail-on warning: the clean list does not\n" +
				"  pass this policy.\n" +
				"  To quarantine them too, fix with --drop-on warning (drop_on: warning in the\n" +
				"    policy file). A finding the baseline hid quarantines no row but one\n" +
				"    forbidding messaging or leaving the row without a number.\n"},
		{"hidden by the baseline", "warning",
			"! 3 kept rows have findings at or above fail-on warning: the clean list does not\n" +
				"  pass this policy.\n" +
				"  The baseline hid them, and a hidden finding quarantines no row but one\n" +
				"    forbidding messaging or leaving the row without a number.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Summary{
				Now: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC), DropOn: tc.dropOn,
				Inputs:   []domain.Input{{Path: "crm.csv", Format: "csv", Rows: 4}},
				Evidence: []report.EvidenceJSON{{Path: "dnc.txt", Kind: "suppression-list", Entries: 2, Invalid: 1, SHA256: "1a94eb09fe70aa"}},
				Policy:   report.PolicyJSON{Baseline: "bl.json", FailOn: domain.Threshold{Severity: domain.Warning}},
				Rows:     4, Kept: 3, Quarantined: 1, BaselineHidden: 5, KeptFailing: 3,
				ByRule: map[string]int{"suppressed": 1}, KeptHiddenByRule: map[string]int{"stale": 3},
				Clean: "clean.csv", CleanSHA256: "184e5f689f33ff", Quarantine: "removed.csv", QuarantineSHA256: "eb50ec90ad16ff",
				RefixFlags: []string{"--suppress", "dnc.txt", "--baseline", "bl.json", "--now", "2026-01-15"},
				Verdict:    domain.Verdict{FailOn: domain.Threshold{Severity: domain.Warning}},
			}
			var b bytes.Buffer
			if err := s.WriteText(&b, "dev"); err != nil {
				t.Fatal(err)
			}
			want := "listaudit dev fix · 2026-01-15 · drop-on: " + tc.dropOn + "\n" +
				"\n" +
				"Inputs\n" +
				"  crm.csv  csv         4 rows\n" +
				"Evidence\n" +
				"  dnc.txt  suppression-list  2 entries  1 unusable line  sha256 1a94eb09fe70…\n" +
				"Rows 4 · kept 3 · quarantined 1 · hidden by the baseline 5\n" +
				"\n" +
				"Quarantined, by rule\n" +
				"  RULE         ROWS\n" +
				"  suppressed      1\n" +
				"\n" +
				"Kept with findings the baseline hid, by rule\n" +
				"  RULE    ROWS\n" +
				"  stale      3\n" +
				"\n" +
				"Written\n" +
				"  clean.csv    sha256 184e5f689f33…\n" +
				"  removed.csv  sha256 eb50ec90ad16…\n" +
				"\n" +
				"Next steps\n" +
				"  Correct the rows in removed.csv (its listaudit_rules column says why each was\n" +
				"  left out), then fix them together with the clean list:\n" +
				"    listaudit fix clean.csv removed.csv --suppress dnc.txt --baseline bl.json \\\n" +
				"        --now 2026-01-15 -o clean-2.csv --quarantine removed-2.csv\n" +
				"\n" + tc.want +
				"✓ wrote 3 rows to clean.csv and 1 removed row to removed.csv\n"
			if got := b.String(); got != want {
				t.Errorf("summary:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestHeldWarning: the line saying that rows of a quarantine file fixed
// again went back as row-malformed for their listaudit_raw (QA rt25s C).
func TestHeldWarning(t *testing.T) {
	for _, tc := range []struct {
		name   string
		held   int
		dryRun bool
		want   string
	}{
		{"none", 0, false, ""},
		{"one", 1, false, "! 1 row still has its listaudit_raw text and was quarantined again as row-malformed: empty listaudit_raw once a row is corrected."},
		{"several", 3, false, "! 3 rows still have their listaudit_raw text and were quarantined again as row-malformed: empty listaudit_raw once a row is corrected."},
		{"dry run", 2, true, "! 2 rows still have their listaudit_raw text and would be quarantined again as row-malformed: empty listaudit_raw once a row is corrected."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Summary{HeldMalformed: tc.held, DryRun: tc.dryRun}
			if got := s.HeldWarning(); got != tc.want {
				t.Errorf("HeldWarning() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestHeldRulesWarning: the line saying that rows of a quarantine file
// fixed again were held for rules the run cannot check, and what releases
// them (QA fixrt 2, 3, 5).
func TestHeldRulesWarning(t *testing.T) {
	for _, tc := range []struct {
		name   string
		held   int
		by     map[string]int
		dryRun bool
		want   string
	}{
		{"none", 0, nil, false, ""},
		{"suppressed", 1, map[string]int{"suppressed": 1}, false, "! 1 row was held in quarantine for rules this run cannot check (suppressed 1): give --suppress and --messages again, or, after review, empty its listaudit_rules."},
		{"send log", 2, map[string]int{"over-messaged": 1, "contacted-after-opt-out": 1}, false, "! 2 rows were held in quarantine for rules this run cannot check (contacted-after-opt-out 1, over-messaged 1): give --messages again, or, after review, empty their listaudit_rules."},
		{"duplicates", 3, map[string]int{"duplicate": 2, "duplicate-conflict": 1}, false, "! 3 rows were held in quarantine for rules this run cannot check (duplicate 2, duplicate-conflict 1): fix them together with the other rows of their numbers, such as the clean list, or, after review, empty their listaudit_rules."},
		{"one duplicate", 1, map[string]int{"duplicate": 1}, false, "! 1 row was held in quarantine for rules this run cannot check (duplicate 1): fix it together with the other rows of its number, such as the clean list, or, after review, empty its listaudit_rules."},
		{"excel", 1, map[string]int{"phone-excel-damaged": 1}, false, "! 1 row was held in quarantine for rules this run cannot check (phone-excel-damaged 1): after review, empty its listaudit_rules."},
		{"every kind, dry run", 4, map[string]int{"duplicate": 1, "over-messaged": 1, "phone-excel-damaged": 1, "suppressed": 2}, true, "! 4 rows would be held in quarantine for rules this run cannot check (duplicate 1, over-messaged 1, phone-excel-damaged 1, suppressed 2): give --suppress and --messages again, fix them together with the other rows of their numbers, such as the clean list, or, after review, empty their listaudit_rules."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Summary{HeldForRules: tc.held, HeldByRule: tc.by, DryRun: tc.dryRun}
			if got := s.HeldRulesWarning(); got != tc.want {
				t.Errorf("HeldRulesWarning() =\n%q, want\n%q", got, tc.want)
			}
		})
	}
}
