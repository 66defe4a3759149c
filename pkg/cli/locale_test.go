package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// localeList is a list whose table has each of the table's marks: the
// title's and counts' separators, a short hash, more findings than
// listed, a verdict; a cell with accents, which a message quotes.
const localeList = "phone,consent_source,consent_at,opted_out,name\n" +
	"+254712345678,web_form,2025-11-01,no,José Müller\n" +
	"+254 712 345 678,web_form,2025-11-02,peut-être,Zoë\n" +
	",web_form,2025-11-03,no,x\n"

// runOnTerminal runs args with stdout and stderr a terminal 80 columns
// wide whose locale vars say, in a folder holding list.csv
// (localeList) and list.xls, and returns its stdout and stderr.
func runOnTerminal(t *testing.T, args []string, vars ...string) (string, string) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile("list.csv", []byte(localeList), 0o600); err != nil {
		t.Fatal(err)
	}
	// An Excel 97–2003 workbook, whose error says so.
	if err := os.WriteFile("list.xls", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 504)...), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, errOut := testEnv("")
	env.OutIsTerminal, env.ErrIsTerminal, env.OutWidth, env.ErrWidth = true, true, 80, 80
	env.Getenv = getenv(append([]string{"TERM=dumb"}, vars...)...) // no colour, no progress line
	Main(args, env)
	return out.String(), errOut.String()
}

// asciiTable is the table of localeList on a terminal whose locale is
// not UTF-8.
const asciiTable = `listaudit test - 2026-01-15 - fail-on: error

Inputs
  list.csv  csv  3 rows  sha256 41696561669e...
Rows 3 - unique numbers 1

By severity  error 3 - warning 3 - info 0
By rule
  RULE                SEVERITY  COUNT
  duplicate-conflict  error         1
  opted-out           error         1
  phone-missing       error         1
  duplicate           warning       1
  phone-not-e164      warning       1
  value-invalid       warning       1

Findings
  duplicate-conflict  error  line 2  +2547******78
      another row of this number is opted out (list.csv:3) and the opt-out has
      no date, so no consent can be shown to be later
  opted-out           error  line 3  +2547******78
      read as opted out to be safe (opted_out is "peut-être", which cannot be
      read): remove the contact from send lists, or correct the cell
  ... and 4 more findings

FAILED: 3 errors, 3 warnings in 1 file (fail-on: error)

Next steps
  Write a clean list, and the rows it leaves out with the reasons:
    listaudit fix list.csv --now 2026-01-15 -o clean.csv \
        --quarantine removed.csv
  See all 6 findings: add --limit 0, or --report html=audit.html for a report to
  open in a browser.
`

// TestTableOnASCIITerminal: on a terminal whose locale is not UTF-8 (or
// none is set) the table's own marks are ASCII, in line as ever; a cell's
// accents are kept. A UTF-8 terminal gets the table a pipe gets.
func TestTableOnASCIITerminal(t *testing.T) {
	args := []string{"check", "--now", "2026-01-15", "--limit", "2", "list.csv"}
	for _, lang := range []string{"LANG=C", "LC_ALL=POSIX", "LANG=en_US.ISO-8859-1", "LC_ALL=C LANG=en_US.UTF-8", ""} {
		if out, _ := runOnTerminal(t, args, strings.Fields(lang)...); out != asciiTable {
			t.Errorf("%s:\n%s\nwant\n%s", lang, out, asciiTable)
		}
	}
	utf8, _ := runOnTerminal(t, args, "LANG=en_US.UTF-8")
	want := strings.NewReplacer(" - ", " · ", "...", "…", "FAILED", "✗ FAILED").Replace(asciiTable)
	if utf8 != want {
		t.Errorf("UTF-8 terminal:\n%s\nwant\n%s", utf8, want)
	}
}

// TestOwnTextOnASCIITerminal: fix's summary, the verdict on stderr, rules
// and inspect, errors: their own marks in ASCII on such a terminal; what
// comes from the list, as it is.
func TestOwnTextOnASCIITerminal(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		out, err []string
	}{
		{[]string{"fix", "--now", "2026-01-15", "list.csv", "-o", "clean.csv", "--quarantine", "removed.csv"},
			[]string{"listaudit test fix - 2026-01-15 - drop-on: error\n", "\nRows 3 - kept 0 - quarantined 3\n",
				"  clean.csv    sha256 0e20b72c7c96...\n", "\nwrote 0 rows to clean.csv: all 3 rows went to removed.csv\nthe input FAILED: 3 errors, 3 warnings in 1 file (fail-on: error)\n"}, nil},
		{[]string{"fix", "-q", "--now", "2026-01-15", "list.csv", "-o", "clean.csv", "--quarantine", "removed.csv"},
			[]string{"wrote 0 rows to clean.csv: all 3 rows went to removed.csv\nthe input FAILED: 3 errors, 3 warnings in 1 file (fail-on: error)\n"}, nil},
		{[]string{"check", "-q", "--now", "2026-01-15", "list.csv"},
			[]string{"FAILED: 3 errors, 3 warnings in 1 file (fail-on: error)\n"}, nil},
		{[]string{"check", "--now", "2026-01-15", "-f", "json", "list.csv"},
			[]string{`"message": "read as opted out to be safe (opted_out is \"peut-être\", which cannot be read)`},
			[]string{"FAILED: 3 errors, 3 warnings in 1 file (fail-on: error)\n"}},
		{[]string{"rules", "--jurisdiction", "US-FL"},
			[]string{"  sending window  08:00-20:00  US-FL, the strictest of US, US-FL\n",
				"  US-FL  sending window  08:00-20:00  voice; marketing       Fla. Stat. Sec. 501.616(6)(a)  law\n"}, nil},
		// The built-in tables' letters lose their accents too, and their
		// curly quotes are straight: all rules prints is listaudit's own.
		{[]string{"rules", "jurisdictions"},
			[]string{"    consent; Monday to Friday except public holidays (jours feries, Code du\n",
				"    Nouvel an, Lundi de Paques, Fete du Travail, Fete de la Victoire,\n",
				"    Armistice de 1918, Noel\n    the eleven fetes legales, Easter Monday,"}, nil},
		{[]string{"rules", "--jurisdiction", "CI"},
			[]string{"The built-in table sets nothing for CI (Cote d'Ivoire): the policy's own\n"}, nil},
		{[]string{"rules", "consent-date-missing"},
			[]string{"  - Guidance: EDPB Guidelines 05/2020 on consent, Sec. 5.1: record who consented"}, nil},
		{[]string{"inspect", "--show-pii", "list.csv"},
			[]string{"  name            name            José Müller\n"}, nil},
		{[]string{"check", "list.xls"}, nil,
			[]string{"listaudit: list.xls is an Excel 97-2003 .xls workbook, which listaudit does not read: save it as .xlsx or CSV\n"}},
	} {
		out, errOut := runOnTerminal(t, tc.args, "LANG=C")
		for _, w := range tc.out {
			if !strings.Contains(out, w) {
				t.Errorf("%v: stdout\n%s\nwant in it\n%s", tc.args, out, w)
			}
		}
		for _, w := range tc.err {
			if !strings.Contains(errOut, w) {
				t.Errorf("%v: stderr\n%s\nwant in it\n%s", tc.args, errOut, w)
			}
		}
		if slices.Contains(tc.args, "json") {
			continue // the JSON report is UTF-8 whatever the locale
		}
		for _, text := range []string{out, errOut} {
			text = strings.NewReplacer("José Müller", "", "peut-être", "").Replace(text)
			if i := strings.IndexFunc(text, func(r rune) bool { return r > 127 }); i >= 0 {
				t.Errorf("%v: not ASCII at %q", tc.args, text[max(i-40, 0):min(i+40, len(text))])
			}
		}
	}
}

// TestQuietHoursOnASCIITerminal: a quiet-hours message, which quotes no
// cell, is all listaudit's own text: on such a terminal the holiday's
// French name loses its accents; a name from the list keeps its own.
// The JSON report keeps them whatever the locale.
func TestQuietHoursOnASCIITerminal(t *testing.T) {
	list := filepath.Join(t.TempDir(), "fr.csv")
	if err := os.WriteFile(list, []byte("phone,consent_source,consent_at,name\n+33612345678,web_form,2025-11-01,Zoë Noël\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"check", "--now", "2026-01-15", "--jurisdictions", "builtin", "--send-at", "2025-12-25T10:00:00Z", "--show-pii", list}
	want := "  quiet-hours  warning  line 2  +33612345678\n" +
		"      at the send time 2025-12-25T10:00:00Z it is 11:00 in Europe/Paris, on\n" +
		"      Noel, a public holiday excluded by FR (Code de la consommation art.\n" +
		"      D.223-9)\n"
	if out, _ := runOnTerminal(t, args, "LANG=C"); !strings.Contains(out, want) {
		t.Errorf("LANG=C:\n%s\nwant in it\n%s", out, want)
	}
	if out, _ := runOnTerminal(t, args, "LANG=en_US.UTF-8"); !strings.Contains(out, strings.Replace(want, "Noel", "Noël", 1)) {
		t.Errorf("UTF-8:\n%s\nwant Noël in it", out)
	}
	out, _ := runOnTerminal(t, append([]string{"check", "-f", "json"}, args[1:]...), "LANG=C")
	if !strings.Contains(out, "on Noël, a public holiday") {
		t.Errorf("LANG=C, JSON:\n%s\nwant Noël in it", out)
	}
	out, _ = runOnTerminal(t, []string{"inspect", "--show-pii", list}, "LANG=C")
	if !strings.Contains(out, "Zoë Noël") {
		t.Errorf("LANG=C, inspect:\n%s\nwant the name as the list holds it", out)
	}
}
