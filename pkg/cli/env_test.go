package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableWidth: the terminal's width when stdout is one, else COLUMNS
// when it is a positive number, else 80.
func TestTableWidth(t *testing.T) {
	for _, tc := range []struct {
		name     string
		terminal bool
		width    int
		columns  string
		want     int
	}{
		{"terminal", true, 120, "90", 120},
		{"terminal that does not say", true, 0, "90", 90},
		{"pipe with COLUMNS", false, 0, "100", 100},
		{"pipe", false, 0, "", 80},
		{"COLUMNS not a number", false, 0, "wide", 80},
		{"COLUMNS not positive", false, 0, "-3", 80},
		{"COLUMNS with spaces", false, 0, " 132 ", 132},
	} {
		env, _, _ := testEnv("")
		env.OutIsTerminal, env.OutWidth = tc.terminal, tc.width
		env.Getenv = func(k string) string {
			if k == "COLUMNS" {
				return tc.columns
			}
			return ""
		}
		if got := env.tableWidth(); got != tc.want {
			t.Errorf("%s: width %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestCheckTableNextStep: the table fits COLUMNS and suggests the fix
// command with the run's flags that fix takes too, not check's own.
func TestCheckTableNextStep(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "my list.csv")
	if err := os.WriteFile(list, []byte("phone,consent_source\n+254712345678,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env, out, errOut := testEnv("")
	env.Getenv = func(k string) string {
		if k == "COLUMNS" {
			return "300"
		}
		return ""
	}
	code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "--limit", "10", "--map", "phone=phone", list}, env)
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "\n✗ FAILED: 1 error, 0 warnings in 1 file (fail-on: error)\n\nNext steps\n" +
		"  Write a clean list, and the rows it leaves out with the reasons:\n" +
		"    listaudit fix '" + list + "' --region KE --map phone=phone --now 2026-01-15 -o clean.csv --quarantine removed.csv\n"
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("table ends\n%s\nwant\n%s", out, want)
	}
	if !strings.Contains(out.String(), "\n  consent-missing  error     2         +2547******78  no consent source: nothing records how this contact opted in\n") {
		t.Errorf("not one line a finding at 300 columns:\n%q", out)
	}
}

// TestColorEnabled: colour on a terminal that takes escape sequences, or
// wherever CLICOLOR_FORCE or FORCE_COLOR asks for it; NO_COLOR wins over
// all, and CLICOLOR=0 turns it off.
func TestColorEnabled(t *testing.T) {
	xterm := "TERM=xterm-256color"
	for _, tc := range []struct {
		terminal bool
		vars     []string
		want     bool
	}{
		{true, []string{xterm}, true},
		{false, []string{xterm}, false},
		{true, []string{"TERM=dumb"}, false},
		{true, nil, false},
		{true, []string{xterm, "NO_COLOR=1"}, false},
		{true, []string{xterm, "CLICOLOR=0"}, false},
		{true, []string{xterm, "CLICOLOR=1"}, true},
		{false, []string{"CLICOLOR_FORCE=1"}, true},
		{false, []string{"FORCE_COLOR=1"}, true},
		{false, []string{"FORCE_COLOR=true"}, true},
		{true, []string{"TERM=dumb", "FORCE_COLOR=3"}, true},
		{false, []string{"CLICOLOR=0", "CLICOLOR_FORCE=1"}, true},
		{false, []string{"FORCE_COLOR=0"}, false},
		{false, []string{"CLICOLOR_FORCE=0"}, false},
		{true, []string{xterm, "FORCE_COLOR=false"}, true},
		{false, []string{"NO_COLOR=1", "CLICOLOR_FORCE=1", "FORCE_COLOR=1"}, false},
	} {
		env, _, _ := testEnv("")
		env.OutIsTerminal = tc.terminal
		env.Getenv = func(k string) string {
			for _, v := range tc.vars {
				if name, value, _ := strings.Cut(v, "="); name == k {
					return value
				}
			}
			return ""
		}
		if got := env.colorEnabled(); got != tc.want {
			t.Errorf("terminal %v, %v: colour %v, want %v", tc.terminal, tc.vars, got, tc.want)
		}
	}
}

// getenv is an environment of vars, each "NAME=value".
func getenv(vars ...string) func(string) string {
	return func(k string) string {
		for _, v := range vars {
			if name, value, _ := strings.Cut(v, "="); name == k {
				return value
			}
		}
		return ""
	}
}

// TestLocaleUTF8: the first of LC_ALL, LC_CTYPE and LANG set and not
// empty names the locale; its codeset, after the ".", says UTF-8 as
// "UTF-8" or "utf8" in any case; none set is "C", ASCII.
func TestLocaleUTF8(t *testing.T) {
	for _, tc := range []struct {
		vars []string
		want bool
	}{
		{nil, false},
		{[]string{"LANG=C"}, false},
		{[]string{"LC_ALL=POSIX"}, false},
		{[]string{"LANG=en_US.ISO-8859-1"}, false},
		{[]string{"LANG=en_US"}, false},
		{[]string{"LANG=de_DE@euro"}, false},
		{[]string{"LANG=en_US.UTF-8"}, true},
		{[]string{"LANG=C.UTF-8"}, true},
		{[]string{"LANG=C.utf8"}, true},
		{[]string{"LANG=fr_FR.Utf-8@euro"}, true},
		{[]string{"LANG=en_US.UTF-16"}, false},
		{[]string{"LANG=en_US.UTF-8", "LC_ALL=C"}, false},
		{[]string{"LANG=C", "LC_ALL=en_US.UTF-8"}, true},
		{[]string{"LANG=en_US.UTF-8", "LC_CTYPE=POSIX"}, false},
		{[]string{"LANG=C", "LC_CTYPE=C.UTF-8"}, true},
		{[]string{"LC_CTYPE=C", "LC_ALL=C.UTF-8"}, true},
		// An empty variable is as unset.
		{[]string{"LC_ALL=", "LC_CTYPE=", "LANG=en_US.UTF-8"}, true},
	} {
		env, _, _ := testEnv("")
		env.Getenv = getenv(tc.vars...)
		if got := env.localeUTF8(); got != tc.want {
			t.Errorf("%v: UTF-8 %v, want %v", tc.vars, got, tc.want)
		}
	}
}

// TestOutASCII: a terminal whose locale is not UTF-8 gets ASCII marks,
// on either stream; a pipe or a file never does.
func TestOutASCII(t *testing.T) {
	for _, tc := range []struct {
		terminal bool
		lang     string
		want     bool
	}{
		{true, "C", true},
		{true, "", true},
		{true, "en_US.ISO-8859-1", true},
		{true, "en_US.UTF-8", false},
		{false, "C", false},
		{false, "en_US.UTF-8", false},
	} {
		env, _, _ := testEnv("")
		env.OutIsTerminal, env.ErrIsTerminal = tc.terminal, tc.terminal
		env.Getenv = getenv("LANG=" + tc.lang)
		if got := env.outASCII(); got != tc.want {
			t.Errorf("terminal %v, LANG=%s: stdout ASCII %v, want %v", tc.terminal, tc.lang, got, tc.want)
		}
		if got := env.errASCII(); got != tc.want {
			t.Errorf("terminal %v, LANG=%s: stderr ASCII %v, want %v", tc.terminal, tc.lang, got, tc.want)
		}
	}
}
