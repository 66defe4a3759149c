package cli

import (
	"strings"
	"testing"
)

// TestNoPhoneColumnExitCodes: inspect and init --from read a list whose
// phone column is not recognised (exit 0, saying so); check stops (exit
// 2), for a JSON list only when no record has a phone key.
func TestNoPhoneColumnExitCodes(t *testing.T) {
	const frCSV = "Nom,Numéro WhatsApp,Source\nA,+254712345601,web\n"
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
