package fix

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestFixOfFixIsUnchanged: listaudit reads back the quote fix puts before
// a cell that starts with = + - @ tab CR or ' (csvsafe.Uncell), so a fix
// of the clean file writes it byte for byte, and a fix of the quarantine
// file writes its cells unchanged before the new listaudit_* columns (a
// tester's finding: every fix added one more quote). A quote fix did not
// write ('no) is the cell's text, quoted once more, and then stable too.
func TestFixOfFixIsUnchanged(t *testing.T) {
	dir := t.TempDir()
	data := "phone,consent_source,consent_at,opted_out,last_contacted_at,note,@handle\n" +
		"+254712345601,web_form,2025-12-01,\tno,2026-01-02,\"=HYPERLINK(\"\"http://x\"\")\",@ann\n" +
		"+254712345602,\tweb_form,\t2025-12-01,no,\"\r2026-01-02\",+1+1,'quoted\n" +
		"+254712345603,web_form,2025-12-01,no,2026-01-02,-note,'no\n" +
		"+254712345606,web_form,2025-12-01,no,2026-01-02,\"a,\r\nb\",x\n" +
		"+254712345604,,2025-12-01,no,2026-01-02,'=1+2,@bob\n" +
		"+254712345605,web_form,2025-12-01,yes,2026-01-02,@mention,\"a,b\"\n"
	s, clean, quar := runFix(t, []string{writeList(t, dir, "list.csv", data)}, Options{})
	if s.Kept != 4 || s.Quarantined != 2 {
		t.Fatalf("kept %d, quarantined %d, want 4 and 2", s.Kept, s.Quarantined)
	}
	wantClean := "phone,consent_source,consent_at,opted_out,last_contacted_at,note,'@handle\n" +
		"+254712345601,web_form,2025-12-01,'\tno,2026-01-02,\"'=HYPERLINK(\"\"http://x\"\")\",'@ann\n" +
		"+254712345602,'\tweb_form,'\t2025-12-01,no,\"'\r2026-01-02\",'+1+1,''quoted\n" +
		"+254712345603,web_form,2025-12-01,no,2026-01-02,'-note,''no\n" +
		// A CRLF in a quoted cell is read, and so written, as LF.
		"+254712345606,web_form,2025-12-01,no,2026-01-02,\"a,\nb\",x\n"
	if string(clean) != wantClean {
		t.Errorf("clean file:\n%q\nwant\n%q", clean, wantClean)
	}
	assertClean(t, clean, domain.Error, auditOptions())

	s2, clean2, quar2 := runFix(t, []string{writeList(t, dir, "clean.csv", string(clean))}, Options{})
	if !bytes.Equal(clean2, clean) || s2.Quarantined != 0 {
		t.Errorf("fix of the clean file (%d quarantined) wrote\n%q\nwant it unchanged:\n%q", s2.Quarantined, clean2, clean)
	}
	if want := strings.SplitN(string(clean), "\n", 2)[0] + ",listaudit_rules,listaudit_source,listaudit_kept,listaudit_raw\n"; string(quar2) != want {
		t.Errorf("quarantine of the clean file: %q, want %q", quar2, want)
	}

	s3, clean3, quar3 := runFix(t, []string{writeList(t, dir, "removed.csv", string(quar))}, Options{})
	if s3.Kept != 0 || s3.Quarantined != 2 {
		t.Fatalf("fix of the quarantine file: kept %d (%q), quarantined %d", s3.Kept, clean3, s3.Quarantined)
	}
	// Each record of the quarantine file starts its new record, cells as
	// written; its listaudit_* columns are left out and this run's follow.
	recs, recs3 := readRecords(t, quar), readRecords(t, quar3)
	if len(recs) != len(recs3) {
		t.Fatalf("quarantine of the quarantine file has %d records, want %d:\n%s", len(recs3), len(recs), quar3)
	}
	for i := range recs {
		data, data3 := recs[i][:len(recs[i])-4], recs3[i][:len(recs3[i])-4]
		if !slices.Equal(data, data3) {
			t.Errorf("record %d: %q, want %q", i+1, data3, data)
		}
	}
	if !slices.Equal(recs3[0], recs[0]) {
		t.Errorf("header %q, want %q", recs3[0], recs[0])
	}
}

// readRecords reads a CSV file's records as encoding/csv does.
func readRecords(t *testing.T, b []byte) [][]string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
