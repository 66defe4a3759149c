package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStepSummaryNamesNoDevice: a full report written in place, to
// /dev/null or a FIFO, is no file a reader of the job summary can open:
// the summary names the regular files only, else says how to write one.
func TestStepSummaryNamesNoDevice(t *testing.T) {
	if _, err := os.Stat(os.DevNull); err != nil {
		t.Skip("no", os.DevNull)
	}
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	writeFile(t, list, stepSummaryList)
	t.Chdir(dir)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-f", "json", "-o", os.DevNull}, "… and 1 more (see them all in a full report: `--report html=audit.html`).\n"},
		{[]string{"--report", "json=" + os.DevNull, "--report", "csv=all.csv"}, "… and 1 more (see the full report: `all.csv`).\n"},
	} {
		summary := filepath.Join(t.TempDir(), "summary.md")
		env, _, errOut := stepSummaryEnv(summary)
		code := Main(append(append([]string{"check", "--now", "2026-01-15", "--region", "KE"}, tc.args...), "list.csv"), env)
		if code != ExitFindings || errOut.String() != stepSummaryWarning {
			t.Fatalf("%q: exit %d, stderr %q", tc.args, code, errOut)
		}
		got, _ := os.ReadFile(summary)
		// The command line, in the summary too, names it.
		if !strings.Contains(string(got), tc.want) || strings.Contains(string(got), "`"+os.DevNull+"`).") {
			t.Errorf("%q: summary\n%s\nwant it to hold %q, and not to send a reader to %s", tc.args, got, tc.want, os.DevNull)
		}
	}
}
