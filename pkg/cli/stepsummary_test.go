package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/phone"
)

// stepSummaryList has 6 findings of one rule, one more than the Markdown
// summary lists, and one error.
const stepSummaryList = "phone,consent_source,consent_at\n" +
	"0712 000001,web,2025-06-01\n0712 000002,web,2025-06-01\n0712 000003,web,2025-06-01\n" +
	"0712 000004,web,2025-06-01\n0712 000005,web,2025-06-01\n0712 000006,web,2025-06-01\n" +
	"+254722000111,,2025-06-01\n"

// stepSummaryWarning is what a run on stepSummaryList writes to stderr:
// the list has no opt-out column.
const stepSummaryWarning = "listaudit: warning: list.csv: no opt-out column; opted-out contacts are found only through --suppress (map one with --map opted_out=HEADER)\n"

// stepSummaryEnv is testEnv with $GITHUB_STEP_SUMMARY set to path.
func stepSummaryEnv(path string) (*Env, *strings.Builder, *strings.Builder) {
	env, _, _ := testEnv("")
	var out, errOut strings.Builder
	env.Out, env.ErrOut = &out, &errOut
	env.Getenv = func(name string) string {
		if name == "GITHUB_STEP_SUMMARY" {
			return path
		}
		return ""
	}
	return env, &out, &errOut
}

// TestCheckAppendsStepSummary: with $GITHUB_STEP_SUMMARY set, check appends
// the Markdown summary after what the file holds, whatever -f is; the
// numbers are masked though --show-pii unmasks the report, and the summary
// names the full report the run wrote (not -o's github report, nor one on
// standard output).
func TestCheckAppendsStepSummary(t *testing.T) {
	dir := t.TempDir()
	list, summary := filepath.Join(dir, "list.csv"), filepath.Join(dir, "summary.md")
	writeFile(t, list, stepSummaryList)
	writeFile(t, summary, "# Earlier step\n")
	t.Chdir(dir)

	env, out, errOut := stepSummaryEnv(summary)
	code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "--show-pii", "-f", "github", "-o", "annotations.txt",
		"--report", "json=out.json", "--report", "csv=-", "list.csv"}, env)
	if code != ExitFindings || errOut.String() != stepSummaryWarning {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if !strings.Contains(out.String(), ",'+254712000001,") {
		t.Errorf("the csv report on stdout is not unmasked:\n%s", out)
	}
	got, _ := os.ReadFile(summary)
	want := "# Earlier step\n" +
		"\n" +
		"## ❌ listaudit: failed\n" +
		"\n" +
		"**1 error, 6 warnings, 0 info** in 1 file · 7 rows · 7 unique numbers · fail-on: error\n" +
		"\n" +
		"<sub>listaudit test · phone metadata " + phone.MetadataVersion() + " · audited as of 2026-01-15 00:00 UTC (generated 2026-01-15 12:00 UTC) · " +
		"`listaudit check --now 2026-01-15 --region KE --show-pii -f github -o annotations.txt --report json=out.json --report csv=- list.csv`</sub>\n" +
		"\n" +
		"### Findings by severity\n" +
		"\n" +
		"| Severity | Findings |\n| :-- | --: |\n| error | 1 |\n| warning | 6 |\n| info | 0 |\n" +
		"\n" +
		"### Findings by rule\n" +
		"\n" +
		"| Rule | Severity | Findings |\n| :-- | :-- | --: |\n| `consent-missing` | error | 1 |\n| `phone-not-e164` | warning | 6 |\n" +
		"\n" +
		"### `consent-missing` · 1 finding\n" +
		"\n" +
		"The consent source is empty or a placeholder (n/a, -, none): nothing shows how the contact opted in.\n" +
		"\n" +
		"| Location | Severity | Number | Message |\n| :-- | :-- | :-- | :-- |\n" +
		"| list.csv:8 | error | `+2547******11` | consent\\_source: no consent source: nothing records how this contact opted in |\n" +
		"\n" +
		"### `phone-not-e164` · 6 findings\n" +
		"\n" +
		"The number is valid but not written in E.164 (+ and digits only).\n" +
		"\n" +
		"<details><summary>The first 5 of 6 <code>phone-not-e164</code> findings</summary>\n" +
		"\n" +
		"| Location | Severity | Number | Message |\n| :-- | :-- | :-- | :-- |\n" +
		"| list.csv:2 | warning | `+2547******01` | phone: not written in E.164 (+ and digits only); store it as its E.164 form |\n" +
		"| list.csv:3 | warning | `+2547******02` | phone: not written in E.164 (+ and digits only); store it as its E.164 form |\n" +
		"| list.csv:4 | warning | `+2547******03` | phone: not written in E.164 (+ and digits only); store it as its E.164 form |\n" +
		"| list.csv:5 | warning | `+2547******04` | phone: not written in E.164 (+ and digits only); store it as its E.164 form |\n" +
		"| list.csv:6 | warning | `+2547******05` | phone: not written in E.164 (+ and digits only); store it as its E.164 form |\n" +
		"\n" +
		"… and 1 more (see the full report: `out.json`).\n" +
		"\n" +
		"</details>\n"
	if string(got) != want {
		t.Errorf("step summary:\n%s\nwant:\n%s", got, want)
	}

	// A second step appends after the first's.
	env, _, errOut = stepSummaryEnv(summary)
	if code := Main([]string{"check", "--now", "2026-01-15", "--region", "KE", "-q", "list.csv"}, env); code != ExitFindings || errOut.String() != stepSummaryWarning {
		t.Fatalf("second run: exit %d, stderr %q", code, errOut)
	}
	again, _ := os.ReadFile(summary)
	second := strings.Replace(want[len("# Earlier step\n"):], "(see the full report: `out.json`)", "(see them all in a full report: `--report html=audit.html`)", 1)
	// The second run's command line is its own.
	second = strings.Replace(second, "--show-pii -f github -o annotations.txt --report json=out.json --report csv=- list.csv", "-q list.csv", 1)
	if string(again) != want+second {
		t.Errorf("after a second run the file holds:\n%s\nwant the first summary, then the second:\n%s", again, want+second)
	}
}

// TestStepSummaryNotAppended: --no-step-summary leaves the file as it is;
// a file that cannot be written, that the run reads or that it writes as a
// report is not appended to, with a warning, and the exit status is the
// audit's.
func TestStepSummaryNotAppended(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "list.csv"), stepSummaryList)
	writeFile(t, filepath.Join(dir, "summary.md"), "# Earlier step\n")
	t.Chdir(dir)
	const warning = "listaudit: warning: $GITHUB_STEP_SUMMARY: the summary was not appended: "
	for _, tt := range []struct {
		summary string
		args    []string
		warn    string
	}{
		{"summary.md", []string{"check", "-q", "--no-step-summary"}, ""},
		{"summary.md", []string{"fix", "--dry-run", "--no-step-summary"}, ""},
		{"nodir/summary.md", []string{"check", "-q"}, "open nodir/summary.md: no such file or directory"},
		{"nodir/summary.md", []string{"fix", "--dry-run"}, "open nodir/summary.md: no such file or directory"},
		{"list.csv", []string{"check", "-q"}, "list.csv is an input file of this run"},
		{"./list.csv", []string{"fix", "--dry-run"}, "./list.csv is an input file of this run"},
		{"out.md", []string{"check", "-q", "--report", "markdown=out.md"}, "out.md is written by --report markdown=out.md"},
		{"removed.csv", []string{"fix", "-o", "clean.csv", "--quarantine", "removed.csv"}, "removed.csv is written by --quarantine removed.csv"},
	} {
		before, _ := os.ReadFile(tt.summary)
		env, out, errOut := stepSummaryEnv(tt.summary)
		code := Main(append(tt.args, "--now", "2026-01-15", "--region", "KE", "list.csv"), env)
		want := stepSummaryWarning
		if tt.warn != "" {
			want += warning + tt.warn + "\n"
		}
		if code != ExitFindings || errOut.String() != want || out.Len() == 0 {
			t.Errorf("%s, %v: exit %d, stdout %q, stderr %q; want exit 1, stderr %q", tt.summary, tt.args, code, out, errOut, want)
		}
		after, _ := os.ReadFile(tt.summary)
		if tt.args[len(tt.args)-1] == "--no-step-summary" || tt.summary == "list.csv" || tt.summary == "./list.csv" {
			if !bytes.Equal(before, after) {
				t.Errorf("%s, %v: the file changed:\n%s", tt.summary, tt.args, after)
			}
		}
		if tt.summary == "out.md" && (strings.Count(string(after), "## ❌ listaudit: failed") != 1 || strings.HasPrefix(string(after), "\n")) {
			t.Errorf("the --report markdown file holds more than its report:\n%s", after)
		}
	}
}

// TestFixAppendsStepSummary: fix appends its text summary and verdict, in
// a code block under the Markdown heading, whatever -f is.
func TestFixAppendsStepSummary(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "list.csv"), stepSummaryList)
	summary := filepath.Join(dir, "summary.md")
	writeFile(t, summary, "# Earlier step\n")
	t.Chdir(dir)

	env, out, errOut := stepSummaryEnv(summary)
	code := Main([]string{"fix", "--now", "2026-01-15", "--region", "KE", "-f", "json", "-o", "clean.csv", "--quarantine", "removed.csv", "list.csv"}, env)
	if code != ExitFindings || errOut.String() != stepSummaryWarning || !strings.HasPrefix(out.String(), "{") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	got, _ := os.ReadFile(summary)
	want := "# Earlier step\n" +
		"\n" +
		"## ❌ listaudit fix: failed\n" +
		"\n" +
		"```text\n" +
		"listaudit test fix · 2026-01-15 · drop-on: error\n" +
		"\n" +
		"Inputs\n" +
		"  list.csv  csv         7 rows\n" +
		"Rows 7 · kept 6 · quarantined 1\n" +
		"\n" +
		"Quarantined, by rule\n" +
		"  RULE              ROWS\n" +
		"  consent-missing      1\n" +
		"\n" +
		"Kept with findings below error, by rule\n" +
		"  RULE             ROWS\n" +
		"  phone-not-e164      6  fixed in the clean file\n" +
		"\n" +
		"Written\n" +
		"  clean.csv    sha256 25e90e47112e…\n" +
		"  removed.csv  sha256 bec29259fff6…\n" +
		"\n" +
		"Next steps\n" +
		"  Correct the rows in removed.csv (its listaudit_rules column says why each was\n" +
		"  left out), then fix them together with the clean list:\n" +
		"    listaudit fix clean.csv removed.csv --region KE --now 2026-01-15 \\\n" +
		"        -o clean-2.csv --quarantine removed-2.csv\n" +
		"\n" +
		"✓ wrote 6 rows to clean.csv and 1 removed row to removed.csv\n" +
		"✗ the input FAILED: 1 error, 6 warnings in 1 file (fail-on: error)\n" +
		"```\n"
	if string(got) != want {
		t.Errorf("step summary:\n%s\nwant:\n%s", got, want)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
