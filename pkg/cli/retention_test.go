package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/audit/audittest"
)

// TestReportsReadTheSameFromKeptFindings runs every report that reads only
// some findings twice: alone, when the audit keeps only what it reads, and
// beside a json report, which makes the audit keep every finding. The
// output must not differ, but for the Markdown summary's pointer to the
// full report, which names the json report beside it.
func TestReportsReadTheSameFromKeptFindings(t *testing.T) {
	dir := t.TempDir()
	list := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(list, []byte(audittest.RepeatedList(6_000, 900)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"-f", "table"},
		{"-f", "table", "--limit", "3"},
		{"-f", "github"},
		{"-f", "markdown"},
		{"-f", "html"},
		{"-q"},
	} {
		run := func(extra ...string) (string, string) {
			t.Helper()
			env, out, errOut := testEnv("")
			cmd := append(append([]string{"check", "--now", "2026-01-15"}, args...), append(extra, list)...)
			code := Main(cmd, env)
			if code != ExitFindings {
				t.Fatalf("%v: exit %d: %s", args, code, errOut)
			}
			return withoutCommand(out.String(), cmd), errOut.String()
		}
		alone, _ := run()
		beside, _ := run("--report", "json="+filepath.Join(dir, "all.json"))
		if slices.Contains(args, "markdown") || slices.Contains(args, "github") {
			beside = unnamed(t, beside, filepath.Join(dir, "all.json"))
		}
		if alone != beside {
			t.Errorf("%v: the report differs when the audit keeps only what it reads", args)
		}
		if len(alone) == 0 {
			t.Errorf("%v: no output", args)
		}
	}
	// The same through -o.
	for _, format := range []string{"html", "markdown"} {
		env, _, errOut := testEnv("")
		keptPath, allPath := filepath.Join(dir, "kept."+format), filepath.Join(dir, "all."+format)
		keptCmd := []string{"check", "--now", "2026-01-15", "-f", format, "-o", keptPath, list}
		allCmd := []string{"check", "--now", "2026-01-15", "-f", format, "-o", allPath, "--report", "csv=" + filepath.Join(dir, "all.csv"), list}
		Main(keptCmd, env)
		Main(allCmd, env)
		kept, _ := os.ReadFile(keptPath)
		all, _ := os.ReadFile(allPath)
		if format == "markdown" {
			all = []byte(unnamed(t, string(all), filepath.Join(dir, "all.csv")))
		}
		if len(kept) == 0 || withoutCommand(string(kept), keptCmd) != withoutCommand(string(all), allCmd) {
			t.Errorf("%s -o: the report differs when the audit keeps only what it reads (%s)", format, errOut)
		}
	}
}

// unnamed is a Markdown summary or a GitHub report that names the full
// report at path as the same report of a run that wrote none says where
// to get one.
func unnamed(t *testing.T, report, path string) string {
	t.Helper()
	for _, r := range []struct{ named, unnamed string }{
		// The Markdown summary's, and the GitHub overflow line's.
		{"(see the full report: `" + path + "`)", "(see them all in a full report: `--report html=audit.html`)"},
		{"See every finding in the full report: " + path + ".", "See every finding in a full report: --report json=FILE, csv=FILE or sarif=FILE."},
	} {
		if strings.Contains(report, r.named) {
			return strings.ReplaceAll(report, r.named, r.unnamed)
		}
	}
	t.Errorf("the report does not name the full report %s:\n%s", path, report)
	return report
}

// withoutCommand is a report with the command line it records, args with
// no character a shell would quote, left out: two runs that differ only in
// what else they write differ there.
func withoutCommand(report string, args []string) string {
	return strings.ReplaceAll(report, "listaudit "+strings.Join(args, " "), "listaudit …")
}
