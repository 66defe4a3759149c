package cli

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestEvidenceFailsClosed: suppression lists and send logs fail closed.
// A log with lines but no usable send is an error (exit 2) rather than a
// run that passes with the message cap unchecked.
func TestEvidenceFailsClosed(t *testing.T) {
	files := map[string]string{
		"hassan.csv":    "id,phone,country,consent_source,consent_at,opted_out\nC8,+254711223344,KE,web_form,2026-01-15,false\n",
		"sends-dmy.csv": "phone,sent_at\n+254711223344,01/12/2026 09:00\n+254711223344,03/12/2026 09:00\n+254711223344,06/12/2026 09:00\n",
		"cap.yaml":      "rules:\n  severity:\n    over-messaged: error\n",
		"dnc.yaml":      "region: KE\nsuppress: [dnc.txt]\n",
		"dnc.txt":       "+254700111222\n",
		"extra.txt":     "+254799888777\n",
		"dnc-mixed.txt": "# support desk DNC\n0700 111 222\n07911 123456\n",
		"uk-crm.csv":    "id,phone,country,consent_source,consent_at,opted_out\nU1,07911 123456,GB,checkout,2026-04-01,false\nU2,+254712345678,KE,web_form,2026-05-01,false\n",
		"sends-uk.csv":  "phone,sent_at\n07911 123456,2026-12-01T09:00:00Z\n07911123456,2026-12-02T09:00:00Z\n+447911123456,2026-12-03T09:00:00Z\n",
		"weekly.csv":    "id,phone,consent_source,consent_at,opted_out\nA,+254700111222,web_form,2026-05-01,false\nB,+254799888777,web_form,2026-05-01,false\n",
	}
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout string // a line stdout must hold; "" for none at all
		stderr string // stderr, exactly
	}{
		{
			name:   "a send log of no usable send",
			args:   []string{"check", "--config", "cap.yaml", "--now", "2026-12-07T08:00:00Z", "--messages", "sends-dmy.csv", "hassan.csv"},
			code:   ExitError,
			stderr: `listaudit: sends-dmy.csv: no usable send: none of its 3 lines can be used (first: sends-dmy.csv:2: sent_at: "01/12/2026 09:00" is not a date (want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time; set --date-format "DD/MM/YYYY HH:mm" to read it, or "MM/DD/YYYY HH:mm" if the month comes first)); a send log with lines but no usable send is more likely the wrong file or date format than a log of nothing, and would leave the message cap unchecked` + "\n",
		},
		{
			name:   "the hint's value reads the log",
			args:   []string{"check", "--config", "cap.yaml", "--now", "2026-12-07T08:00:00Z", "--messages", "sends-dmy.csv", "--date-format", "DD/MM/YYYY HH:mm", "-q", "hassan.csv"},
			code:   ExitFindings,
			stdout: "✗ FAILED: 1 error, 0 warnings in 1 file (fail-on: error)",
			stderr: "",
		},
		{
			name:   "--suppress adds to the policy file's list",
			args:   []string{"check", "--config", "dnc.yaml", "--now", "2026-12-07", "--suppress", "extra.txt", "-q", "weekly.csv"},
			code:   ExitFindings,
			stdout: "✗ FAILED: 2 errors, 0 warnings in 1 file (fail-on: error)",
		},
		{
			name:   "a UK entry in a KE run suppresses the UK contact",
			args:   []string{"check", "--region", "KE", "--now", "2026-12-07", "--suppress", "dnc-mixed.txt", "-q", "uk-crm.csv"},
			code:   ExitFindings,
			stdout: "✗ FAILED: 1 error, 1 warning in 1 file (fail-on: error)",
			stderr: "listaudit: warning: dnc-mixed.txt: 1 entry without a country code is not a valid number in KE: applied to every contact whose national number it can be (first: dnc-mixed.txt:3); write the list in E.164 to apply it exactly\n",
		},
		{
			name:   "without a region a national entry is an error",
			args:   []string{"check", "--now", "2026-12-07", "--suppress", "dnc-mixed.txt", "-q", "uk-crm.csv"},
			code:   ExitError,
			stderr: "listaudit: dnc-mixed.txt:2: a number without a + country code needs a region to be read: give --region (or region: in the policy file) or write the numbers in E.164; 2 lines of the list are like this, and an opt-out list must be applied whole\n",
		},
		{
			name:   "sends to a UK number in a KE run count for the UK contact",
			args:   []string{"check", "--config", "cap.yaml", "--region", "KE", "--now", "2026-12-07T08:00:00Z", "--messages", "sends-uk.csv", "-q", "uk-crm.csv"},
			code:   ExitFindings,
			stdout: "✗ FAILED: 1 error, 1 warning in 1 file (fail-on: error)",
			stderr: "listaudit: warning: send logs: 2 sends are to numbers without a country code that are not valid numbers in KE: counted for every contact whose national number they can be (first: sends-uk.csv:2); write the log in E.164 to count them exactly\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, body := range files {
				writeFile(t, filepath.Join(dir, name), body)
			}
			t.Chdir(dir)
			env, out, errOut := testEnv("")
			code := Main(tc.args, env)
			if code != tc.code {
				t.Errorf("exit %d; want %d (stderr %q)", code, tc.code, errOut)
			}
			if tc.stdout == "" && out.Len() > 0 || tc.stdout != "" && !strings.Contains(out.String()+"\n", tc.stdout+"\n") {
				t.Errorf("stdout %q; want a line %q", out, tc.stdout)
			}
			if errOut.String() != tc.stderr {
				t.Errorf("stderr:\n%s\nwant:\n%s", errOut, tc.stderr)
			}
		})
	}
}
