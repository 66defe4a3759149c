package cli

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestStderrEscapesFileNames: a file's name reaches stderr (errors,
// warnings, the progress line) with its control characters as '?', so
// that it cannot drive the terminal; ordinary names are unchanged.
func TestStderrEscapesFileNames(t *testing.T) {
	t.Chdir(t.TempDir())
	files := map[string]string{
		"empty\x1b]0;pwned\x07\x1b[2J.csv": "",
		"empty.csv":                        "",
		"names\x1b[2J.csv":                 "name\nbob\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		file, want string
	}{
		{"empty\x1b]0;pwned\x07\x1b[2J.csv", "listaudit: empty?]0;pwned??[2J.csv: file is empty\n"},
		{"empty.csv", "listaudit: empty.csv: file is empty\n"},
		{"nope\x1b[31m.csv", "listaudit: read nope?[31m.csv: no such file or directory\n"},
		{"names\x1b[2J.csv", "listaudit: names?[2J.csv: no phone column (headers: name); map one with --map phone=HEADER\n"},
	}
	for _, tt := range tests {
		env, _, errOut := testEnv("")
		if code := Main([]string{"check", "-q", tt.file}, env); code != ExitError || errOut.String() != tt.want {
			t.Errorf("check %q: exit %d, stderr %q; want %d, %q", tt.file, code, errOut.String(), ExitError, tt.want)
		}
	}
}

// TestProgressLineEscapesFileNames: the progress line names the file
// being read with its control characters as '?'.
func TestProgressLineEscapesFileNames(t *testing.T) {
	a, _ := progressLists(t, 600)
	evil := a[:len(a)-len("a.csv")] + "a\x1b[2J.csv"
	if err := os.Rename(a, evil); err != nil {
		t.Fatal(err)
	}
	env, term := terminalEnv(t, map[string][]time.Duration{evil: {3 * time.Second}})
	Main([]string{"check", "--now", "2026-01-15", evil}, env)
	want := "\rchecking " + a[:len(a)-len("a.csv")] + "a?[2J.csv: 0 rows, 0 rows/s, 3.0 s\x1b[K"
	if got := term.String(); len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("progress line %q, want it to begin %q", got, want)
	}
}

// TestFixCommandQuotesControlCharacters: the fix command check suggests
// for a file whose name holds a line break or an escape names that file,
// quoted $'…', with nothing raw for the terminal.
func TestFixCommandQuotesControlCharacters(t *testing.T) {
	t.Chdir(t.TempDir())
	name := "new\nline\x1b.csv"
	list := "phone,consent_source,consent_at,opted_out\n+254712345678,web,2025-11-01,no\n+254712345678,web,2025-11-01,no\n"
	if err := os.WriteFile(name, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, errOut := testEnv("")
	if code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", name}, env); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "    listaudit fix $'new\\x0aline\\x1b.csv' --region KE --now 2026-01-15 \\\n"
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "\x1b") {
		t.Errorf("check printed\n%s\nwant the line %q and no escape character", out, want)
	}
}

// TestStderrKeepsFileNamesOnOneLine: a name holding a line break, a
// carriage return, a tab and an escape stays on its error's or warning's
// one line (line breaks and tabs as spaces, other control characters as
// '?'), in check, fix and inspect, so that no line of stderr starts with
// text of the name (a CI runner's ::error command, say).
func TestStderrKeepsFileNamesOnOneLine(t *testing.T) {
	t.Chdir(t.TempDir())
	const evil = "x\n::error file=e.csv::HI\rb\tc\x1b[2J"
	const shown = "x ::error file=e.csv::HI b c?[2J"
	files := map[string]string{
		evil + ".csv":         "phone,name\n+254712345678,Ann\n",
		evil + "-nophone.csv": "name\nAnn\n",
		evil + "-names.csv":   "phone,name,name\n+254712345678,Ann,A\n",
	}
	for name, text := range files {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	const noOptOut = ": no opt-out column; opted-out contacts are found only through --suppress (map one with --map opted_out=HEADER)\n"
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"check, a warning", []string{"check", "-q", "--now", "2026-01-15", "--fail-on", "never", evil + ".csv"}, ExitOK,
			"listaudit: warning: " + shown + ".csv" + noOptOut},
		{"check, a missing file", []string{"check", "-q", evil + "-missing.csv"}, ExitError,
			"listaudit: read " + shown + "-missing.csv: no such file or directory\n"},
		{"check, -o into a missing directory", []string{"check", "-q", "-o", evil + "/r.json", evil + ".csv"}, ExitError,
			"listaudit: -o " + shown + "/r.json: no such directory " + shown + "\n"},
		{"fix, no phone column", []string{"fix", "-q", "--now", "2026-01-15", evil + "-nophone.csv", "-o", "c.csv", "--quarantine", "q.csv"}, ExitError,
			"listaudit: " + shown + "-nophone.csv: no phone column (headers: name); map one with --map phone=HEADER\n"},
		{"fix, --quarantine into a missing directory", []string{"fix", "-q", evil + ".csv", "-o", "c.csv", "--quarantine", evil + "/q.csv"}, ExitError,
			"listaudit: --quarantine " + shown + "/q.csv: no such directory " + shown + "\n"},
		{"inspect, a missing file", []string{"inspect", evil + "-missing.csv"}, ExitError,
			"listaudit: read " + shown + "-missing.csv: no such file or directory\n"},
		{"inspect, a warning", []string{"inspect", evil + "-names.csv"}, ExitOK,
			"listaudit: warning: " + shown + "-names.csv: 2 columns are named \"name\"; using the first for field name\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errOut := testEnv("")
			if code := Main(tt.args, env); code != tt.code || errOut.String() != tt.want {
				t.Errorf("exit %d, stderr %q\nwant %d, %q", code, errOut, tt.code, tt.want)
			}
		})
	}
}
