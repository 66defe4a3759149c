package cli

import (
	"strings"
	"testing"
)

// TestNoPhoneColumnExitCodes: inspect and init --from read a list whose
// phone column is not recognised (exit 0, saying so); check stops (exit
// 2), for a JSON list only when no record has a phone key, for a vCard
// only when no card has a TEL that takes messages. init maps no column of
// a vCard, whose fields are fixed.
func TestNoPhoneColumnExitCodes(t *testing.T) {
	const frCSV = "Nom,Numéro WhatsApp,Source\nA,+254712345601,web\n"
	const noTEL = "BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\nEMAIL:b@example.com\nEND:VCARD\n"
	const faxTELs = "BEGIN:VCARD\nFN:A\nTEL;TYPE=FAX,WORK:+14155284164\nTEL;PAGER:+14155284165\nEND:VCARD\n"
	const laterPhone = "{\"id\":1}\n{\"phone\":\"+254712345602\",\"consent_source\":\"web_form\",\"consent_at\":\"2025-06-01\",\"opted_out\":\"yes\"}\n"
	tests := []struct {
		name    string
		stdin   string
		args    []string
		code    int
		inOut   string // a line stdout holds
		wantErr string // stderr, exactly
	}{
		{"inspect", frCSV, []string{"inspect", "--input-format", "csv", "-"}, ExitOK,
			"No column was recognised as the phone number: check stops with \"no phone column\".\n", ""},
		{"init --from", frCSV, []string{"init", "--from", "-", "-o", "-"}, ExitOK,
			"# No phone column was found: set phone to the header of the numbers,\n",
			"listaudit: warning: -: no column was recognised as the phone number; set phone under columns: in the policy file before auditing\n"},
		{"check", frCSV, []string{"check", "--now", "2026-01-15", "--input-format", "csv", "-"}, ExitError, "",
			"listaudit: -: no phone column (headers: Nom, Numéro WhatsApp, Source); map one with --map phone=HEADER\n"},
		{"check, phone key in a later record", laterPhone, []string{"check", "--now", "2026-01-15", "--input-format", "ndjson", "-q", "-"}, ExitFindings, "", ""},
		{"check, no phone key in any record", "{\"id\":1}\n{\"id\":2}\n", []string{"check", "--now", "2026-01-15", "--input-format", "ndjson", "-"}, ExitError, "",
			"listaudit: -: no phone column (headers: id); map one with --map phone=HEADER\n"},
		// A vCard none of whose cards has a TEL for messages: the same.
		{"inspect, vCard without TEL", noTEL, []string{"inspect", "--input-format", "vcard", "-"}, ExitOK, "Rows       2 (0 malformed)\n", ""},
		{"init --from, vCard without TEL", noTEL, []string{"init", "--from", "-", "--input-format", "vcard", "-o", "-"}, ExitOK, "a vCard, whose fields are fixed (FN, TEL, EMAIL), so\n# nothing is mapped.", ""},
		{"check, vCard without TEL", noTEL, []string{"check", "--now", "2026-01-15", "--input-format", "vcard", "-"}, ExitError, "",
			"listaudit: -: no phone number in any of its 2 cards (no TEL property)\n"},
		{"fix, vCard without TEL", noTEL, []string{"fix", "--now", "2026-01-15", "--input-format", "vcard", "-", "-o", "clean.csv", "--quarantine", "removed.csv"}, ExitError, "",
			"listaudit: -: no phone number in any of its 2 cards (no TEL property)\n"},
		{"check, vCard of fax TELs", faxTELs, []string{"check", "--now", "2026-01-15", "--input-format", "vcard", "-"}, ExitError, "",
			"listaudit: -: no phone number in any card (its 2 TELs are fax or pager numbers, which cannot take messages)\n"},
		{"check, vCard with one TEL", noTEL + "BEGIN:VCARD\nTEL:+254712345601\nEND:VCARD\n", []string{"check", "--now", "2026-01-15", "--input-format", "vcard", "-q", "-"}, ExitFindings, "",
			"listaudit: warning: -: no opt-out column (a vCard has none); opted-out contacts are found only through --suppress\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errOut := testEnv(tt.stdin)
			env.Dir = t.TempDir()
			if code := Main(tt.args, env); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			if !strings.Contains(out.String(), tt.inOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.inOut, out)
			}
			if errOut.String() != tt.wantErr {
				t.Errorf("stderr\n got %q\nwant %q", errOut, tt.wantErr)
			}
		})
	}
}
