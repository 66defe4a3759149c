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
