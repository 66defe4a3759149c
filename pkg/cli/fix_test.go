package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/config"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/spf13/pflag"
)

// TestFixFlagsMatchCheck: every audit flag fix shares with check has the
// same type, default and help, so the two commands read a list alike.
func TestFixFlagsMatchCheck(t *testing.T) {
	env, _, _ := testEnv("")
	check := NewCmdCheck(env, nil).Flags()
	fix := NewCmdFix(env, nil).Flags()
	own := map[string]bool{"output": true, "format": true, "quiet": true} // their own outputs
	shared := 0
	fix.VisitAll(func(f *pflag.Flag) {
		c := check.Lookup(f.Name)
		if c == nil || own[f.Name] {
			return
		}
		shared++
		if c.Value.Type() != f.Value.Type() || c.DefValue != f.DefValue || c.Usage != f.Usage || c.Shorthand != f.Shorthand {
			t.Errorf("--%s differs from check's: %s %q %q vs %s %q %q", f.Name, f.Value.Type(), f.DefValue, f.Usage, c.Value.Type(), c.DefValue, c.Usage)
		}
	})
	for _, name := range []string{"config", "region", "map", "suppress", "messages", "baseline", "now", "date-format", "fail-on", "disable", "strict"} {
		if fix.Lookup(name) == nil {
			t.Errorf("fix lacks --%s", name)
		}
	}
	if shared < 20 {
		t.Errorf("only %d flags shared with check", shared)
	}
}

func TestFixFlagsFillOptions(t *testing.T) {
	env, _, _ := testEnv("")
	var got *FixOptions
	cmd := NewCmdFix(env, func(o *FixOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"a.csv", "b.json", "-o", "c.csv", "--quarantine", "q.csv", "--drop-on", "warning",
		"--keep-phone", "--excel-safe", "--dry-run", "-f", "json", "--region", "KE", "--suppress", "s.txt"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	c, err := resolve(env, config.Fix, got.Flags, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Output != "c.csv" || c.Quarantine != "q.csv" || c.DropOn != domain.Warning || !c.KeepPhone || !c.ExcelSafe ||
		!c.DryRun || c.Format != "json" || c.Policy.DefaultRegion != "KE" || strings.Join(c.Policy.Suppress, ",") != "s.txt" ||
		strings.Join(got.Files, ",") != "a.csv,b.json" {
		t.Errorf("options %+v", c)
	}
}

// TestFixPolicyFile: fix reads the policy file as check does, but not its
// report format.
func TestFixPolicyFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "list.csv"), []byte("phone,consent_source\n0712345678,web_form\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "policy.yaml"), []byte("region: KE\n"), 0o600)
	env, out, errOut := testEnv("")
	code := Main([]string{"fix", "--now", "2026-01-15", "--config", filepath.Join(dir, "policy.yaml"), "--dry-run", "-f", "json",
		filepath.Join(dir, "list.csv")}, env)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), `"kept": 1,`) {
		t.Errorf("the policy's region was not used:\n%s", out)
	}
}

// TestFixOutputThatIsStdout: a file that is standard output (/dev/stdout)
// takes it as - does: the summary goes to standard error, and the other
// output cannot go there too.
func TestFixOutputThatIsStdout(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	os.WriteFile(list, []byte("phone,consent_source\n+254712345678,web_form\n"), 0o600)
	stdout := filepath.Join(dir, "stdout.csv")
	f, err := os.Create(stdout)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	defer func(old *os.File) { os.Stdout = old }(os.Stdout)
	os.Stdout = f

	env, out, errOut := testEnv("")
	code := Main([]string{"fix", "--now", "2026-01-15", list, "-o", stdout, "--quarantine", "-"}, env)
	if want := "listaudit: --quarantine -: it is also the clean file (-o)\n"; code != ExitError || errOut.String() != want {
		t.Errorf("exit %d, stderr %q, want %q", code, errOut, want)
	}
	// Last, as the clean list replaces the file, which then is standard
	// output no more.
	env, out, errOut = testEnv("")
	code = Main([]string{"fix", "--now", "2026-01-15", list, "-o", stdout, "--quarantine", filepath.Join(dir, "q.csv")}, env)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if out.Len() != 0 || !strings.Contains(errOut.String(), "✓ wrote 1 row to "+stdout) {
		t.Errorf("the summary went to stdout: stdout %q, stderr %q", out, errOut)
	}
}

// TestFixVerdictOnTerminal: with the JSON summary on stdout, a terminal's
// stderr gets what was written and the input's verdict, as the text
// summary ends.
func TestFixVerdictOnTerminal(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	os.WriteFile(list, []byte("phone,consent_source,opted_out\n+254712345678,web_form,\n+254712345679,,\n"), 0o600)
	clean, removed := filepath.Join(dir, "clean.csv"), filepath.Join(dir, "removed.csv")
	for _, tc := range []struct {
		lang, marked, failed string
	}{
		{"en_US.UTF-8", "✓ ", "✗ "},
		// A terminal whose locale is not UTF-8 gets no marks.
		{"C", "", ""},
	} {
		env, _, errOut := testEnv("")
		env.ErrIsTerminal = true
		env.Getenv = func(k string) string {
			if k == "LANG" {
				return tc.lang
			}
			return ""
		}
		code := Main([]string{"fix", "--now", "2026-01-15", "-f", "json", list, "-o", clean, "--quarantine", removed}, env)
		want := tc.marked + "wrote 1 row to " + clean + " and 1 removed row to " + removed + "\n" +
			tc.failed + "the input FAILED: 1 error, 1 warning in 1 file (fail-on: error)\n"
		if code != ExitFindings || errOut.String() != want {
			t.Errorf("LANG=%s: exit %d, stderr\n%s\nwant\n%s", tc.lang, code, errOut, want)
		}
	}
}
