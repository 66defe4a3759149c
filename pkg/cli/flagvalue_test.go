package cli

import "testing"

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
