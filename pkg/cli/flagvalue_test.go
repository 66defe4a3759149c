package cli

import (
	"testing"

	"github.com/listaudit/listaudit/pkg/config"
)

// TestFlagValueErrors: a flag's value that cannot be used is a usage
// error on one line, exit 2, before anything is read or written. An
// empty file name (an unset variable in a CI job) is one: it would drop
// the policy, or send a report to standard output, silently.
func TestFlagValueErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--config", "", "a.csv"}, "listaudit: --config: empty file name (an unset variable?)\n"},
		{[]string{"check", "--config=", "-f", "json", "a.csv"}, "listaudit: --config: empty file name (an unset variable?)\n"},
		{[]string{"check", "-o", "", "a.csv"}, "listaudit: --output: empty file name (an unset variable?)\n"},
		{[]string{"check", "--write-baseline", "", "a.csv"}, "listaudit: --write-baseline: empty file name (an unset variable?)\n"},
		{[]string{"fix", "-o", "", "--quarantine", "q.csv", "a.csv"}, "listaudit: --output: empty file name (an unset variable?)\n"},
		{[]string{"fix", "-o", "c.csv", "--quarantine", "", "a.csv"}, "listaudit: --quarantine: empty file name (an unset variable?)\n"},
		{[]string{"inspect", "--config", "", "a.csv"}, "listaudit: --config: empty file name (an unset variable?)\n"},
		{[]string{"init", "-o", ""}, "listaudit: --output: empty file name (an unset variable?)\n"},
		{[]string{"init", "--from", "", "-o", "-"}, "listaudit: --from: empty file name (an unset variable?)\n"},
		// Files read besides the lists: neither empty nor standard input,
		// which holds the lists (QA cicomp F5); --baseline "" reads none.
		{[]string{"check", "--config", "-", "a.csv"}, "listaudit: --config: \"-\" (standard input) cannot be read here: name a file\n"},
		{[]string{"check", "--suppress", "-", "a.csv"}, "listaudit: --suppress: \"-\" (standard input) cannot be read here: name a file\n"},
		{[]string{"check", "--suppress", "dnc.txt", "--suppress=", "a.csv"}, "listaudit: --suppress: empty file name (an unset variable?)\n"},
		{[]string{"fix", "--messages", "-", "-o", "c.csv", "--quarantine", "q.csv", "a.csv"}, "listaudit: --messages: \"-\" (standard input) cannot be read here: name a file\n"},
		{[]string{"check", "--messages", "", "a.csv"}, "listaudit: --messages: empty file name (an unset variable?)\n"},
		{[]string{"check", "--baseline", "-", "a.csv"}, "listaudit: --baseline: \"-\" (standard input) cannot be read here: name a file\n"},
		{[]string{"inspect", "--config", "-", "a.csv"}, "listaudit: --config: \"-\" (standard input) cannot be read here: name a file\n"},
		// A list file of no name ("$LIST" unset) is not a missing file "".
		{[]string{"check", ""}, "listaudit: check needs list files by name: argument 1 of 1 is empty (an unset variable?) (see 'listaudit check --help')\n"},
		{[]string{"fix", "a.csv", "", "-o", "c.csv", "--quarantine", "q.csv"}, "listaudit: fix needs list files by name: argument 2 of 2 is empty (an unset variable?) (see 'listaudit fix --help')\n"},
		{[]string{"inspect", ""}, "listaudit: inspect needs list files by name: argument 1 of 1 is empty (an unset variable?) (see 'listaudit inspect --help')\n"},
	} {
		env, out, errOut := testEnv("")
		env.Dir = t.TempDir()
		if code := Main(tc.args, env); code != ExitError || errOut.String() != tc.want || out.Len() > 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// TestQuietWithFormat: -q prints the verdict line to standard output, so
// -f FORMAT without -o, whose report would go there and be lost, is a
// usage error worded as for --report FORMAT=-.
func TestQuietWithFormat(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-q", "-f", "json", "a.csv"}, "listaudit: -f json: -q already prints the verdict line to standard output\n"},
		{[]string{"check", "-q", "-f", "table", "a.csv"}, "listaudit: -f table: -q already prints the verdict line to standard output\n"},
		{[]string{"check", "-q", "-f", "sarif", "-o", "-", "a.csv"}, "listaudit: -f sarif: -q already prints the verdict line to standard output\n"},
	} {
		env, out, errOut := testEnv("")
		env.Dir = t.TempDir()
		if code := Main(tc.args, env); code != ExitError || errOut.String() != tc.want || out.Len() > 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}

// TestNumberAndSwitchFlagErrors: every whole-number and on/off flag of
// every command words a value it cannot take as the policy file does
// ("want a whole number, got "two""), after the flag's name, on one line,
// exit 2: not the Go parser's words.
func TestNumberAndSwitchFlagErrors(t *testing.T) {
	seen := 0
	for _, cmd := range []struct {
		name string
		c    config.Command
	}{{"check", config.Check}, {"fix", config.Fix}, {"inspect", config.Inspect}, {"init", config.Init}, {"rules", config.Rules}} {
		for _, f := range config.NewFlags(cmd.c).List() {
			var arg, want string
			switch {
			case f.IsBool():
				arg, want = "--"+f.Name()+"=maybe", `want true or false, got "maybe"`
			case f.Type() == "int":
				arg, want = "--"+f.Name()+"=abc", `want a whole number, got "abc"`
			default:
				continue
			}
			seen++
			env, out, errOut := testEnv("")
			want = "listaudit: --" + f.Name() + ": " + want + "\n"
			if code := Main([]string{cmd.name, arg, "a.csv"}, env); code != ExitError || errOut.String() != want || out.Len() > 0 {
				t.Errorf("%s %s: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", cmd.name, arg, code, out, errOut, want)
			}
		}
	}
	if seen < 10 {
		t.Errorf("%d flags tried: the test proves little", seen)
	}
	// The short forms and a number out of any range are said alike.
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "-q=x", "a.csv"}, "listaudit: --quiet: want true or false, got \"x\"\n"},
		{[]string{"check", "--limit", "1.5", "a.csv"}, "listaudit: --limit: want a whole number, got \"1.5\"\n"},
		{[]string{"check", "--workers", "99999999999999999999", "a.csv"}, "listaudit: --workers: want a whole number, got \"99999999999999999999\"\n"},
	} {
		env, out, errOut := testEnv("")
		if code := Main(tc.args, env); code != ExitError || errOut.String() != tc.want || out.Len() > 0 {
			t.Errorf("%q: exit %d, stdout %q, stderr\n%q, want exit 2 and\n%q", tc.args, code, out, errOut, tc.want)
		}
	}
}
