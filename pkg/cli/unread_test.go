package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/audit/audittest"
)

// repeatedRows is a CSV list of the rows of path, n times over: a list of
// many batches, so that the audit counts most findings without building
// them when no report reads them.
func repeatedRows(t *testing.T, path string, n int) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	header, rows, _ := strings.Cut(string(b), "\n")
	return header + "\n" + strings.Repeat(rows, n)
}

// TestCappedReportsOnTestLists runs each report that reads only some
// findings, at several limits, on the test lists made long, alone (the
// audit builds only the findings it reads, and counts the rest) and beside
// a json report (the audit builds every finding): the output and the exit
// code are the same.
func TestCappedReportsOnTestLists(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		writeFile(t, p, content)
		return p
	}
	capped := [][]string{
		{"-f", "table"},
		{"-f", "table", "--limit", "1"},
		{"-f", "github"},
		{"-f", "markdown"},
		{"-f", "html"},
		{"-q"},
	}
	lists := []struct {
		path  string
		flags []string
		runs  [][]string
	}{
		{write("contacts.csv", repeatedRows(t, "../../testdata/contacts.csv", 220)), nil, capped},
		{write("scope.csv", repeatedRows(t, "../../testdata/contacts-scope.csv", 150)),
			[]string{"--channel", "sms", "--purpose", "marketing", "--brand", "Kahawa", "--require-double-opt-in", "--jurisdictions", "builtin"}, capped},
		// TestReportsReadTheSameFromKeptFindings runs the others on it.
		{write("repeated.csv", audittest.RepeatedList(6_000, 900)), []string{"--region", "KE"}, [][]string{{"-f", "table", "--limit", "1"}, {"-f", "table", "--limit", "7"}}},
	}
	for _, list := range lists {
		for _, args := range list.runs {
			run := func(extra ...string) (string, string, int) {
				t.Helper()
				env, out, errOut := testEnv("")
				cmd := slices.Concat([]string{"check", "--now", "2026-01-15"}, list.flags, args, extra, []string{list.path})
				code := Main(cmd, env)
				return withoutCommand(out.String(), cmd), errOut.String(), code
			}
			alone, aloneErr, aloneCode := run()
			all := filepath.Join(dir, "all.json")
			beside, besideErr, besideCode := run("--report", "json="+all)
			if slices.Contains(args, "markdown") || slices.Contains(args, "github") {
				beside = unnamed(t, beside, all)
			}
			if alone != beside || aloneErr != besideErr || aloneCode != besideCode {
				t.Errorf("%s %v: the report differs when the audit builds every finding (exit %d, %d)\n%s", filepath.Base(list.path), args, aloneCode, besideCode, aloneErr)
			}
			if len(alone) == 0 {
				t.Errorf("%s %v: no output", filepath.Base(list.path), args)
			}
		}
	}
	// A baseline written beside the table holds every finding.
	for _, list := range lists {
		var written []string
		for _, extra := range [][]string{nil, {"--report", "json=" + filepath.Join(dir, "all.json")}} {
			base := filepath.Join(dir, "base.json")
			env, _, errOut := testEnv("")
			Main(slices.Concat([]string{"check", "--now", "2026-01-15", "--write-baseline", base}, list.flags, extra, []string{list.path}), env)
			b, err := os.ReadFile(base)
			if err != nil {
				t.Fatalf("%s: %v", errOut, err)
			}
			written = append(written, string(b))
		}
		if written[0] != written[1] {
			t.Errorf("%s: the baseline written beside the table differs", filepath.Base(list.path))
		}
	}
}
