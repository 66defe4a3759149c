package cli

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestCheckHelpGolden holds the whole of check --help at 80 columns: its
// flags by group, each line within the width, and its examples.
func TestCheckHelpGolden(t *testing.T) {
	env, out, errOut := testEnv("")
	env.OutWidth = 80
	if code := Main([]string{"check", "--help"}, env); code != ExitOK || errOut.Len() > 0 {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for i, line := range strings.Split(out.String(), "\n") {
		if len(line) > 80 {
			t.Errorf("line %d is %d columns wide: %s", i+1, len(line), line)
		}
	}
	path := filepath.Join("testdata", "golden", "check-help-80.txt")
	if *update {
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./pkg/cli -run TestCheckHelpGolden -update writes it)", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("check --help differs from %s (-update rewrites it):\n%s", path, out)
	}
}

// TestHelpWidth: the terminal's width, else $COLUMNS, at most 100.
func TestHelpWidth(t *testing.T) {
	for _, tc := range []struct {
		terminal int
		columns  string
		want     int
	}{
		{0, "", 100},
		{0, "80", 80},
		{0, "250", 100},
		{0, "x", 100},
		{0, "-3", 100},
		{72, "", 72},
		{72, "120", 72},
		{200, "80", 100},
		// Never narrower than minHelpWidth.
		{0, "9", 20},
		{5, "", 20},
		{19, "80", 20},
	} {
		env, _, _ := testEnv("")
		env.OutWidth = tc.terminal
		env.Getenv = func(k string) string {
			if k == "COLUMNS" {
				return tc.columns
			}
			return ""
		}
		if got := env.helpWidth(); got != tc.want {
			t.Errorf("terminal %d, COLUMNS %q: width %d, want %d", tc.terminal, tc.columns, got, tc.want)
		}
	}
}

// TestHelpGroups: each command lists its flags under the headings of
// their groups, in order, and --help under "Other flags"; a command whose
// flags are of one group lists them all under "Flags".
func TestHelpGroups(t *testing.T) {
	for _, tc := range []struct {
		cmd  string
		want []string
	}{
		{"check", []string{"Input flags (how lists are read):", "Policy flags (what is checked, and how strictly):",
			"Evidence flags (what the list is checked against):", "Output flags (what is written, and where):", "Other flags:"}},
		{"fix", []string{"Input flags (how lists are read):", "Policy flags (what is checked, and how strictly):",
			"Evidence flags (what the list is checked against):", "Output flags (what is written, and where):", "Other flags:"}},
		{"inspect", []string{"Input flags (how lists are read):", "Output flags (what is written, and where):", "Other flags:"}},
		{"init", []string{"Input flags (how lists are read):", "Output flags (what is written, and where):", "Other flags:"}},
		{"rules", []string{"Flags:"}},
		{"version", []string{"Flags:"}},
		{"", []string{"Flags:"}},
	} {
		env, out, _ := testEnv("")
		args := []string{"--help"}
		if tc.cmd != "" {
			args = []string{tc.cmd, "--help"}
		}
		if code := Main(args, env); code != ExitOK {
			t.Errorf("%s --help: exit %d", tc.cmd, code)
		}
		var got []string
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.Contains(line, "lags") && strings.HasSuffix(line, ":") && !strings.HasPrefix(line, " ") {
				got = append(got, line)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s --help headings:\n%s\nwant\n%s", tc.cmd, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

// TestUsageErrors: a mistyped flag or command is answered with the
// nearest one, on one line, exit 2; rules explain wants a rule.
func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--reprot", "r.html", "a.csv"}, "listaudit: unknown flag: --reprot (did you mean --report?) (see 'listaudit check --help')\n"},
		{[]string{"check", "--fail-of=warning", "a.csv"}, "listaudit: unknown flag: --fail-of (did you mean --fail-on?) (see 'listaudit check --help')\n"},
		{[]string{"fix", "--quarantaine", "q.csv", "a.csv"}, "listaudit: unknown flag: --quarantaine (did you mean --quarantine?) (see 'listaudit fix --help')\n"},
		{[]string{"inspect", "--show-pi", "a.csv"}, "listaudit: unknown flag: --show-pi (did you mean --show-pii?) (see 'listaudit inspect --help')\n"},
		{[]string{"check", "--zzz", "a.csv"}, "listaudit: unknown flag: --zzz (see 'listaudit check --help')\n"},
		// A hidden flag is never suggested.
		{[]string{"check", "--cpu-profil", "p", "a.csv"}, "listaudit: unknown flag: --cpu-profil (see 'listaudit check --help')\n"},
		{[]string{"chek", "a.csv"}, "listaudit: unknown command \"chek\" (did you mean check?) (see 'listaudit --help')\n"},
		{[]string{"inspct", "a.csv"}, "listaudit: unknown command \"inspct\" (did you mean inspect?) (see 'listaudit --help')\n"},
		{[]string{"c"}, "listaudit: unknown command \"c\" (did you mean check or completion?) (see 'listaudit --help')\n"},
		{[]string{"audit"}, "listaudit: unknown command \"audit\" (see 'listaudit --help')\n"},
		{[]string{"rules", "explain"}, "listaudit: rules explain needs a rule id: 'listaudit rules' lists them (see 'listaudit rules --help')\n"},
		{[]string{"rules", "explain", "opted-otu"}, "listaudit: unknown rule \"opted-otu\" (did you mean \"opted-out\"?)\n"},
		{[]string{"version", "x"}, "listaudit: version takes no arguments, not \"x\": it prints the version only (see 'listaudit version --help')\n"},
	} {
		env, out, errOut := testEnv("")
		if code := Main(tc.args, env); code != ExitError || errOut.String() != tc.want || out.Len() > 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// TestRulesExplain: rules explain RULE prints what rules RULE prints.
func TestRulesExplain(t *testing.T) {
	for _, format := range []string{"table", "json"} {
		env, want, _ := testEnv("")
		if code := Main([]string{"rules", "-f", format, "consent-expired"}, env); code != ExitOK {
			t.Fatalf("rules consent-expired: exit %d", code)
		}
		env, got, _ := testEnv("")
		if code := Main([]string{"rules", "explain", "-f", format, "consent-expired"}, env); code != ExitOK || got.String() != want.String() {
			t.Errorf("rules explain -f %s consent-expired: exit %d\n%s\nwant\n%s", format, code, got, want)
		}
	}
}

// TestVersionCommand: listaudit version prints what --version prints.
func TestVersionCommand(t *testing.T) {
	env, out, _ := testEnv("")
	if code := Main([]string{"version"}, env); code != ExitOK || out.String() != "listaudit test\n" {
		t.Errorf("exit %d, out %q", code, out)
	}
}

// TestNarrowHelp: below 44 columns each flag's and command's description
// is on the lines under its name, wrapped under an indent, and the
// headings and the closing sentence are wrapped too; a name, the usage
// line, the examples and a word longer than a line, which is not broken
// but after a hyphen, may be wider than the terminal, nothing else is.
// Below 20 columns help is laid out for 20.
func TestNarrowHelp(t *testing.T) {
	for _, tc := range []struct {
		args  []string
		width int
		want  string
	}{
		{[]string{"version", "--help"}, 24, "Print the version, as\n--version does\n\nUsage:\n  listaudit version [flags]\n\n" +
			"Flags:\n  -h, --help\n        help for version\n"},
		{[]string{"--help"}, 30, "Available Commands:\n  check\n        Audit contact lists\n        and report what breaks\n" +
			"        consent and messaging\n        rules\n"},
		{[]string{"rules", "--help"}, 30, "Flags:\n  -f, --format NAME\n        output format NAME:\n" +
			"        table or json (default\n        \"table\")\n  -h, --help\n        help for rules\n" +
			"      --jurisdiction CODE\n        print what the\n        built-in jurisdiction\n"},
		{[]string{"check", "--help"}, 20, "Input flags (how\nlists are read):\n      --date-format FORMAT\n" +
			"        date FORMAT\n        tried before\n"},
		// A word longer than the line stands whole on a line of its own.
		{[]string{"--help"}, 20, "  completion\n        Generate the\n        autocompletion\n        script\n"},
		{[]string{"init", "--help"}, 20, "        (default\n        \".listaudit.yaml\")\n"},
		// or is broken after its hyphen.
		{[]string{"init", "--help"}, 20, "        windows-\n        1252,"},
		{[]string{"--help"}, 20, "\n\nUse \"listaudit\n[command] --help\"\nfor more information\nabout a command.\n"},
		{[]string{"completion", "--help"}, 43, "\n\nUse \"listaudit completion [command] --help\"\nfor more information about a command.\n"},
		{[]string{"--help"}, 9, "\n\nUse \"listaudit\n[command] --help\"\nfor more information\nabout a command.\n"},
		{[]string{"version", "--help"}, 1, "Print the version,\nas --version does\n\nUsage:\n  listaudit version [flags]\n\n" +
			"Flags:\n  -h, --help\n        help for\n        version\n"},
	} {
		env, out, _ := testEnv("")
		env.OutWidth = tc.width
		if code := Main(tc.args, env); code != ExitOK {
			t.Fatalf("%v: exit %d", tc.args, code)
		}
		if !strings.Contains(out.String(), tc.want) {
			t.Errorf("%v at %d columns:\n%s\nwant in it\n%s", tc.args, tc.width, out, tc.want)
		}
	}
	for _, cmd := range []string{"", "check", "fix", "inspect", "init", "rules", "version"} {
		for width := 20; width < narrowHelpWidth; width++ {
			env, out, _ := testEnv("")
			env.OutWidth = width
			if code := Main(strings.Fields(cmd+" --help"), env); code != ExitOK {
				t.Fatalf("%s --help: exit %d", cmd, code)
			}
			examples := false
			for _, line := range strings.Split(out.String(), "\n") {
				// The examples run to the next heading, blank lines and all.
				examples = line == "Examples:" || examples && (line == "" || line[0] == ' ')
				name := strings.HasPrefix(line, "  -") || strings.HasPrefix(line, "      --")
				word := len(strings.Fields(line)) == 1
				if len(line) > width && !examples && !name && !word && !strings.HasPrefix(line, "  listaudit ") {
					t.Errorf("%s --help at %d columns: line wider: %q", cmd, width, line)
				}
			}
		}
	}
}
