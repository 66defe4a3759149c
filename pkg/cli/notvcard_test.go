package cli

import (
	"os"
	"testing"
)

// TestNotVCardIsAnError: a file read as vCard (by its .vcf name,
// --input-format or the policy's input_format) that holds no BEGIN:VCARD
// is an error naming it and saying what it looks like, exit 2, not a list
// of 0 rows that passes; fix writes nothing.
func TestNotVCardIsAnError(t *testing.T) {
	t.Chdir(t.TempDir())
	const csvList = "phone,name,consent_source,consent_at,opted_out\n+254712345678,Ann,web,2025-06-01,yes\n+2547,Bob,,,\n"
	files := map[string]string{
		"list.csv":    csvList,
		"list.vcf":    csvList,
		"tabs.vcf":    "\n\nphone\tname\n+254712345678\tAnn\n",
		"list.json":   "[{\"phone\":\"+254712345678\"}]\n",
		"lines.json":  "{\"phone\":\"+254712345678\"}\n",
		"numbers.vcf": "+254712345678\n+254712345679\n",
		"typo.vcf":    "BEGN:VCARD\nFN:Ann\nTEL:+254712345678\nEND:VCARD\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	const noCard = ": read as vCard, but it holds no card (no BEGIN:VCARD line); "
	tests := []struct {
		name   string
		policy string
		args   []string
		want   string
	}{
		{"--input-format vcard", "", []string{"check", "--now", "2026-01-15", "--input-format", "vcard", "list.csv"},
			"listaudit: list.csv" + noCard + "line 1 looks like a CSV header: give --input-format csv\n"},
		{".vcf name", "", []string{"check", "--now", "2026-01-15", "list.vcf"},
			"listaudit: list.vcf" + noCard + "line 1 looks like a CSV header: give --input-format csv\n"},
		{"policy input_format", "input_format: vcard\n", []string{"check", "--now", "2026-01-15", "-q", "list.csv"},
			"listaudit: list.csv" + noCard + "line 1 looks like a CSV header: give --input-format csv\n"},
		{"fix", "", []string{"fix", "--now", "2026-01-15", "list.vcf", "-o", "clean.csv", "--quarantine", "removed.csv"},
			"listaudit: list.vcf" + noCard + "line 1 looks like a CSV header: give --input-format csv\n"},
		{"inspect", "", []string{"inspect", "list.vcf"},
			"listaudit: list.vcf" + noCard + "line 1 looks like a CSV header: give --input-format csv\n"},
		{"TSV after blank lines", "", []string{"check", "--now", "2026-01-15", "tabs.vcf"},
			"listaudit: tabs.vcf" + noCard + "line 3 looks like a TSV header: give --input-format tsv\n"},
		{"JSON", "", []string{"check", "--now", "2026-01-15", "--input-format", "vcf", "list.json"},
			"listaudit: list.json" + noCard + "line 1 starts a JSON array: give --input-format json\n"},
		{"NDJSON", "", []string{"check", "--now", "2026-01-15", "--input-format", "vcard", "lines.json"},
			"listaudit: lines.json" + noCard + "line 1 looks like a JSON object (NDJSON): give --input-format ndjson\n"},
		{"one column", "", []string{"check", "--now", "2026-01-15", "numbers.vcf"},
			"listaudit: numbers.vcf" + noCard + "line 1 looks like the header of a one-column CSV file: give --input-format csv\n"},
		{"BEGIN:VCARD misspelt", "", []string{"check", "--now", "2026-01-15", "typo.vcf"},
			"listaudit: typo.vcf" + noCard + "line 1 is a vCard property outside any card: is a BEGIN:VCARD line misspelt?\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(".listaudit.yaml")
			if tt.policy != "" {
				if err := os.WriteFile(".listaudit.yaml", []byte(tt.policy), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			env, out, errOut := testEnv("")
			env.Dir = "."
			code := Main(tt.args, env)
			if code != ExitError || errOut.String() != tt.want || out.Len() != 0 {
				t.Errorf("exit %d, stderr %q, stdout %q\nwant exit %d, stderr %q", code, errOut, out, ExitError, tt.want)
			}
			for _, f := range []string{"clean.csv", "removed.csv"} {
				if _, err := os.Stat(f); err == nil {
					t.Errorf("%s was written", f)
				}
			}
		})
	}
}
