package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/listaudit/listaudit/pkg/cli"
	"github.com/listaudit/listaudit/pkg/readmetest"
)

// The README's example lists that are not in testdata/: the README
// describes each in words (it shows no unmasked number), and these are
// the files its outputs were printed from.
var (
	// formatsList is the list.csv of the SARIF, GitHub and CSV examples,
	// with a policy file of `region: KE`: line 3 is line 2's number
	// without its +254, line 4 has no consent source.
	formatsList = map[string]string{
		"list.csv": "phone,consent_source,consent_at\n+254712345678,web_form,2025-12-01\n" +
			"0712 345678,web_form,2025-12-01\n+254722000111,,2025-12-01\n",
		".listaudit.yaml": "region: KE\n",
	}
	// tableList is the list.csv of the Table (default) example.
	tableList = map[string]string{
		"list.csv": "id,phone,consent_source,consent_at,opted_out\n1,+254712345600,web_form,2025-12-01,no\n" +
			"2,+254712345678,,2025-12-01,no\n3,+254712345678,web_form,2025-12-01,no\n4,0712 34,web_form,2025-12-01,no\n",
	}
	// shiftedList is the Privacy chapter's leak.csv: a number in country,
	// an e-mail address in opted_out, a name in last_active_at.
	shiftedList = map[string]string{
		"leak.csv": "phone,consent_source,consent_at,country,opted_out,last_active_at,messages_sent\n" +
			"+254712345678,web_form,2025-12-01,+254712345679,jane.doe@example.com,Jane Doe,254712345672\n",
	}
	// crmList is the crm.csv of init --from's example.
	crmList = map[string]string{"crm.csv": "Name;Mobile Number;Opt-in Source\nJane;+254712345678;web\n"}
)

// readmeClock is the real clock of the examples' runs: another day than
// their --now, so that titles say both, as the README's do.
var readmeClock = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

// generatedAt matches the day (and time) a report says it was generated,
// which the README's examples give as the day they were run.
var generatedAt = regexp.MustCompile(`generated \d{4}-\d{2}-\d{2}( \d{2}:\d{2} UTC)?`)

// repoRoot is the repository's root, found before any test leaves the
// package's folder.
var repoRoot, _ = filepath.Abs("../..")

// runExample runs listaudit with args in dir (the repository's root when
// files is nil, else a new folder holding files) at COLUMNS columns, as
// the README's examples were run, and returns its stdout. It stays in dir
// to the test's end: read the README before.
func runExample(t *testing.T, files map[string]string, columns string, args ...string) string {
	t.Helper()
	dir := repoRoot
	if files != nil {
		dir = t.TempDir()
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	env := &cli.Env{
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		Now:     func() time.Time { return readmeClock },
		Version: "dev",
		Getenv: func(name string) string {
			if name == "COLUMNS" {
				return columns
			}
			return ""
		},
	}
	if code := cli.Main(args, env); code > 1 {
		t.Fatalf("listaudit %s: exit %d\n%s", strings.Join(args, " "), code, errOut.String())
	}
	return generatedAt.ReplaceAllString(out.String(), "generated DATE")
}

// exampleArgs splits a command the README shows into listaudit's
// arguments, after prefix (the program as the README runs it).
func exampleArgs(t *testing.T, command, prefix string) []string {
	t.Helper()
	rest, ok := strings.CutPrefix(command, prefix)
	if !ok || strings.ContainsAny(rest, `'"\`) {
		t.Fatalf("README: %q is not %q and plain words", command, prefix+"…")
	}
	return strings.Fields(rest)
}

// section is the README's section under heading.
func section(t *testing.T, heading string) []string {
	t.Helper()
	return readmetest.Section(t, readmetest.Lines(t), heading)
}

// shownBlock is the index-th code block after marker in section, its
// generated dates normalised as runExample's output.
func shownBlock(t *testing.T, sec []string, marker string, index int) []string {
	t.Helper()
	blocks := readmetest.BlocksAfter(t, sec, marker)
	if index >= len(blocks) {
		t.Fatalf("README: fewer than %d code blocks after %q", index+1, marker)
	}
	lines := blocks[index].Lines
	for i, l := range lines {
		lines[i] = generatedAt.ReplaceAllString(l, "generated DATE")
	}
	return lines
}

// mustMention checks that the README's section names the command it shows
// the output of, as `listaudit COMMAND` (wrapped or not).
func mustMention(t *testing.T, sec []string, command string) {
	t.Helper()
	if !strings.Contains(strings.Join(strings.Fields(strings.Join(sec, " ")), " "), "`listaudit "+command+"`") {
		t.Errorf("README: the section no longer says its example runs `listaudit %s`", command)
	}
}

// checkExact checks that shown is the whole output.
func checkExact(t *testing.T, name string, shown []string, out string) {
	t.Helper()
	if want := strings.TrimSuffix(out, "\n"); strings.Join(shown, "\n") != want {
		t.Errorf("README %s: the output shown is not what listaudit prints:\n--- README\n%s\n--- listaudit\n%s", name, strings.Join(shown, "\n"), want)
	}
}

// TestREADMEQuickStart holds the quick start's shortened report to the
// output of the command it says to run: each line it shows, but the
// "..." that stand for lines left out, is a line of the output, in order.
func TestREADMEQuickStart(t *testing.T) {
	sec := section(t, "## Quick start")
	cmd := readmetest.BlocksAfter(t, sec, "To reproduce the documented result")[0].Lines
	if len(cmd) != 1 {
		t.Fatalf("README quick start: the command to reproduce the report is one line: %q", cmd)
	}
	out := runExample(t, nil, "", exampleArgs(t, cmd[0], "go run ./cmd/listaudit ")...)
	checkShown(t, "README quick start", cmd[0], shownBlock(t, sec, "This shortened report shows", 0), out)
}

// TestREADMEInspect holds inspect's example to its output, whole.
func TestREADMEInspect(t *testing.T) {
	shown := shownBlock(t, section(t, "### listaudit inspect"), "Of the policy file it reads", 0)
	out := runExample(t, nil, "", exampleArgs(t, shown[0], "$ listaudit ")...)
	checkExact(t, "inspect example", shown[1:], out)
}

// TestREADMEInitFrom holds init --from's example to the columns section it
// writes: the README shows it from its first line on.
func TestREADMEInitFrom(t *testing.T) {
	sec := section(t, "### listaudit init")
	out := runExample(t, crmList, "", "init", "--from", "crm.csv", "-o", "-")
	shown := shownBlock(t, sec, "stands for your own list", 0)
	if !strings.Contains(out, strings.Join(shown, "\n")+"\n\n") {
		t.Errorf("README init --from example: not the columns section init --from crm.csv writes:\n%s\n--- listaudit\n%s", strings.Join(shown, "\n"), out)
	}
}

// TestREADMETableExample holds the Table section's findings at 100 and at
// 80 columns to the table's.
func TestREADMETableExample(t *testing.T) {
	sec := section(t, "### Table (default)")
	const command = "check --region KE --now 2026-01-15 list.csv"
	mustMention(t, sec, command)
	for i, columns := range []string{"100", "80"} {
		out := runExample(t, tableList, columns, strings.Fields(command)...)
		findings := out[strings.Index(out, "Findings\n"):]
		findings = findings[:strings.Index(findings, "\n\n")+1]
		checkExact(t, "table example at "+columns+" columns", shownBlock(t, sec, "of four rows", i), findings)
	}
}

// TestREADMEFormatExamples holds the SARIF result, the JUnit test case, the
// GitHub annotations, the Markdown summary (shortened) and the CSV report
// the README shows to those of the list they were
// printed from, and the GitHub cap line to the sample's.
func TestREADMEFormatExamples(t *testing.T) {
	sarifSec, junit, github := section(t, "### SARIF"), section(t, "### JUnit"), section(t, "### GitHub")
	markdown, csv := section(t, "### Markdown"), section(t, "### CSV")
	mustMention(t, sarifSec, "check --now 2026-01-15 -f sarif list.csv")
	checkSARIFResult(t, shownBlock(t, sarifSec, "A result, from", 0),
		runExample(t, formatsList, "", "check", "--now", "2026-01-15", "-f", "sarif", "list.csv"))

	// JUnit's test case is shown indented as a document of its own.
	indent := regexp.MustCompile(`(?m)^ +`)
	junitShown := indent.ReplaceAllString(strings.Join(shownBlock(t, junit, "not the audit time `--now` sets", 0), "\n"), "")
	junitOut := runExample(t, formatsList, "", "check", "--now", "2026-01-15", "-f", "junit", "list.csv")
	if !strings.Contains(indent.ReplaceAllString(junitOut, ""), junitShown+"\n") {
		t.Errorf("README JUnit example: not a test case of the report:\n%s", junitOut)
	}

	const markdownCommand = "check --now 2026-01-15 -f markdown list.csv"
	checkShown(t, "README Markdown example", markdownCommand, shownBlock(t, markdown, "in a cell notifies nobody", 0),
		runExample(t, formatsList, "", strings.Fields(markdownCommand)...))

	checkExact(t, "GitHub example", shownBlock(t, github, "escaped, so a cell cannot end a command", 0),
		runExample(t, formatsList, "", "check", "--now", "2026-01-15", "-f", "github", "list.csv"))
	const sample = "check --now 2026-01-15 -f github testdata/contacts.csv"
	mustMention(t, github, sample)
	out := strings.Split(strings.TrimSuffix(runExample(t, nil, "", strings.Fields(sample)...), "\n"), "\n")
	checkExact(t, "GitHub cap line", shownBlock(t, github, "On a list with more findings than that", 0), out[len(out)-1])

	checkExact(t, "CSV example", shownBlock(t, csv, "one row per finding in the", 0),
		runExample(t, formatsList, "", "check", "--now", "2026-01-15", "-f", "csv", "list.csv"))
}

// checkSARIFResult checks that the README's result is, as JSON, the
// result of the same rule in log.
func checkSARIFResult(t *testing.T, shown []string, log string) {
	t.Helper()
	var want map[string]any
	if err := json.Unmarshal([]byte(strings.Join(shown, "\n")), &want); err != nil {
		t.Fatalf("README SARIF example: %v", err)
	}
	var doc struct {
		Runs []struct {
			Results []map[string]any `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(log), &doc); err != nil || len(doc.Runs) != 1 {
		t.Fatalf("SARIF log: %v", err)
	}
	for _, r := range doc.Runs[0].Results {
		if r["ruleId"] == want["ruleId"] {
			if !reflect.DeepEqual(r, want) {
				got, _ := json.Marshal(r)
				t.Errorf("README SARIF example: not the result listaudit writes:\n%s", got)
			}
			return
		}
	}
	t.Errorf("README SARIF example: no result of %v in the log", want["ruleId"])
}

// TestREADMEPrivacyExample holds the Privacy chapter's CSV report of a
// shifted row to listaudit's.
func TestREADMEPrivacyExample(t *testing.T) {
	sec := section(t, "## Privacy")
	const command = "check --now 2026-01-15 -f csv leak.csv"
	mustMention(t, sec, command)
	checkExact(t, "privacy example", shownBlock(t, sec, "For a shifted row the CSV report", 0),
		runExample(t, shiftedList, "", strings.Fields(command)...))
}

// ownFile is a file name the README writes in backquotes (`crm.csv`).
var ownFile = regexp.MustCompile("`([A-Za-z0-9_.-]+\\.[a-z]+)`")

// TestREADMECheckExamples runs the examples of `listaudit check` from the
// repository's root, as the README says they run: each that names no file
// the README says stands for your own must audit the sample (exit 0 or
// 1). They run in a new folder that holds testdata/, so that the reports
// they write go there.
func TestREADMECheckExamples(t *testing.T) {
	sec := section(t, "### listaudit check")
	const intro = "These examples run from the repository's root"
	start := slices.IndexFunc(sec, func(l string) bool { return strings.HasPrefix(l, intro) })
	if start < 0 {
		t.Fatalf("README: no paragraph starting %q", intro)
	}
	own := map[string]bool{}
	for _, l := range sec[start : slices.IndexFunc(sec[start:], func(l string) bool { return l == "" })+start] {
		for _, m := range ownFile.FindAllStringSubmatch(l, -1) {
			own[m[1]] = true
		}
	}
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(repoRoot, "testdata"), filepath.Join(dir, "testdata")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	ran := 0
	for _, command := range exampleCommands(readmetest.BlocksAfter(t, sec, intro)[0].Lines) {
		words, err := splitQuoted(command)
		if err != nil {
			t.Fatalf("README check example: %v", err)
		}
		if slices.ContainsFunc(words, func(w string) bool { return own[w] }) {
			continue
		}
		stdin := ""
		if words[0] == "cat" && len(words) > 3 && words[2] == "|" {
			data, err := os.ReadFile(words[1])
			if err != nil {
				t.Fatal(err)
			}
			stdin, words = string(data), words[3:]
		}
		if words[0] != "listaudit" {
			t.Errorf("README check example: not a listaudit command: %s", command)
			continue
		}
		var out, errOut bytes.Buffer
		env := &cli.Env{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut, Now: func() time.Time { return readmeClock },
			Version: "dev", Getenv: func(string) string { return "" }}
		if code := cli.Main(words[1:], env); code > 1 {
			t.Errorf("README check example: exit %d\n%s\n%s", code, command, errOut.String())
		}
		ran++
	}
	if ran < 10 {
		t.Errorf("README check examples: %d run on the samples, want at least 10", ran)
	}
}

// exampleCommands returns the commands of a shell block: its lines but
// comments and blank lines, a line ending in \ joined to the next.
func exampleCommands(lines []string) []string {
	var commands []string
	cur := ""
	for _, l := range lines {
		if cur == "" && (l == "" || strings.HasPrefix(l, "#")) {
			continue
		}
		if rest, ok := strings.CutSuffix(l, "\\"); ok {
			cur += rest
			continue
		}
		commands = append(commands, cur+l)
		cur = ""
	}
	return commands
}
