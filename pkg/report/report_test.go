package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/listaudit/listaudit/pkg/domain"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixFlags are flags of a check that fix takes too, one of them to be
// quoted for a shell.
var fixFlags = []string{"--region", "KE", "--map", "phone=Mobile no."}

func TestGolden(t *testing.T) {
	tests := []struct {
		name   string
		format string
		result func() *domain.Result
		opts   Options
	}{
		{"json", "json", fixture, Options{}},
		{"json-pii", "json", fixture, Options{ShowPII: true}},
		{"json-empty", "json", emptyFixture, Options{}},
		{"table", "table", fixture, Options{Limit: 50}},
		{"table-limit", "table", fixture, Options{Limit: 3}},
		{"table-color", "table", fixture, Options{Limit: 50, Color: true}},
		{"table-pii", "table", fixture, Options{ShowPII: true}},
		{"table-empty", "table", emptyFixture, Options{}},
		{"table-80", "table", oneInputFixture, Options{Limit: 50, Width: 80, FixFlags: fixFlags}},
		{"table-100", "table", oneInputFixture, Options{Limit: 50, Width: 100, FixFlags: fixFlags}},
		{"table-160", "table", oneInputFixture, Options{Limit: 50, Width: 160, FixFlags: fixFlags}},
		{"sarif", "sarif", fixture, Options{}},
		{"sarif-pii", "sarif", fixture, Options{ShowPII: true}},
		{"sarif-empty", "sarif", emptyFixture, Options{}},
		{"junit", "junit", fixture, Options{}},
		{"junit-fail-on-warning", "junit", fixtureFailOn(domain.Threshold{Severity: domain.Warning}), Options{}},
		{"junit-empty", "junit", emptyFixture, Options{}},
		{"github", "github", fixture, Options{}},
		{"github-cap", "github", fixture, Options{AnnotationsPerKind: 1}},
		{"github-empty", "github", emptyFixture, Options{}},
		{"github-many", "github", func() *domain.Result { return manyFindings(120) }, Options{}},
		{"markdown", "markdown", fixture, Options{}},
		{"markdown-pii", "markdown", fixture, Options{ShowPII: true}},
		{"markdown-empty", "markdown", emptyFixture, Options{}},
		{"markdown-folded", "markdown", func() *domain.Result { return manyFindings(36) }, Options{FullReports: []string{"audit.html", "findings.json"}}},
		{"csv", "csv", fixture, Options{}},
		{"csv-pii", "csv", fixture, Options{ShowPII: true}},
		{"csv-empty", "csv", emptyFixture, Options{}},
		{"html", "html", fixture, Options{Title: "Q1 marketing list audit", Author: "Compliance <team>"}},
		{"html-empty", "html", emptyFixture, Options{}},
		{"json-jurisdictions", "json", jurisdictionsFixture, Options{}},
		{"json-jurisdictions-none", "json", jurisdictionsNone, Options{}},
		{"html-jurisdictions", "html", jurisdictionsFixture, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rep, err := Lookup(tt.format)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := rep.Report(&buf, tt.result(), tt.opts); err != nil {
				t.Fatalf("Report: %v", err)
			}
			path := filepath.Join("testdata", "golden", tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./pkg/report -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept)\n--- got\n%s\n--- want\n%s", path, got, want)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for _, name := range Formats() {
		if _, err := Lookup(name); err != nil {
			t.Errorf("Lookup(%q): %v", name, err)
		}
	}
	if got, want := strings.Join(Formats(), ","), "csv,github,html,json,junit,markdown,sarif,table"; got != want {
		t.Errorf("Formats() = %s, want %s", got, want)
	}
	for _, name := range []string{"xml", "", "JSON"} {
		_, err := Lookup(name)
		want := `unknown format "` + name + `" (want csv, github, html, json, junit, markdown, sarif or table)`
		if err == nil || err.Error() != want {
			t.Errorf("Lookup(%q) error = %v, want %s", name, err, want)
		}
	}
}

// A report file's name says its format when no format is given.
func TestFormatForPath(t *testing.T) {
	for _, tc := range []struct {
		path, want string
		ok         bool
	}{
		{"audit.html", "html", true},
		{"out/AUDIT.HTM", "html", true},
		{"report.json", "json", true},
		{"listaudit.sarif", "sarif", true},
		{"listaudit.sarif.json", "sarif", true},
		{"junit.xml", "junit", true},
		{"summary.md", "markdown", true},
		{"findings.csv", "csv", true},
		{"report.txt", "", false},
		{"html", "", false},
		{"-", "", false},
		{"audit.html.gz", "", false},
	} {
		got, ok := FormatForPath(tc.path)
		if got != tc.want || ok != tc.ok {
			t.Errorf("FormatForPath(%q) = %q, %v; want %q, %v", tc.path, got, ok, tc.want, tc.ok)
		}
	}
	for _, ext := range Extensions() {
		format, ok := FormatForPath("r" + ext)
		if _, err := Lookup(format); !ok || err != nil {
			t.Errorf("%s names no registered format: %q, %v", ext, format, err)
		}
	}
	if got, want := strings.Join(Extensions(), " "), ".html .htm .json .sarif .sarif.json .xml .md .csv"; got != want {
		t.Errorf("Extensions() = %s, want %s", got, want)
	}
}

// TestNoPIILeaks checks that no format prints a raw phone number, name or
// email from the fixture unless asked to.
func TestNoPIILeaks(t *testing.T) {
	secrets := []string{"254712345678", "0712 345 678", "jane@@example", "Jane Doe", "+447911123456", "254711000333"}
	for _, name := range Formats() {
		rep, _ := Lookup(name)
		var buf bytes.Buffer
		if err := rep.Report(&buf, fixture(), Options{}); err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(buf.String(), s) {
				t.Errorf("%s report shows %q without ShowPII", name, s)
			}
		}
	}
}

func decodeJSON(t *testing.T, r *domain.Result, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (jsonReporter{}).Report(&buf, r, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestJSONEmptyArrays(t *testing.T) {
	r := emptyFixture()
	r.Inputs = nil
	r.Summary = domain.Summary{} // nil maps, as before Decide
	out := string(decodeJSON(t, r, Options{}))
	for _, want := range []string{`"inputs": [],`, `"findings": [],`, `"by_rule": {}`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}

	r = fixture()
	r.Findings = r.Findings.(domain.FindingSlice)[:1]
	r.Findings.(domain.FindingSlice)[0].Related = nil
	out = string(decodeJSON(t, r, Options{}))
	if !strings.Contains(out, `"related_rows": []`) {
		t.Errorf("output lacks \"related_rows\": []:\n%s", out)
	}
}

// TestJSONOptOutReplies: the replies' counts are absent without replies,
// and with them the rows they opt out are given even when none (a reply
// from a number not on the list, which a tester found left out).
func TestJSONOptOutReplies(t *testing.T) {
	tests := []struct {
		replies, rows int
		want, lacks   string
	}{
		{0, 0, "", `"opt_out_repl`},
		{1, 0, "\"opt_out_replies\": 1,\n    \"opt_out_reply_rows\": 0,", ""},
		{3, 2, "\"opt_out_replies\": 3,\n    \"opt_out_reply_rows\": 2,", ""},
	}
	for _, tt := range tests {
		r := emptyFixture()
		r.Summary.OptOutReplies, r.Summary.OptOutReplyRows = tt.replies, tt.rows
		out := string(decodeJSON(t, r, Options{}))
		if tt.want != "" && !strings.Contains(out, tt.want) {
			t.Errorf("%d replies, %d rows: output lacks %q:\n%s", tt.replies, tt.rows, tt.want, out)
		}
		if tt.lacks != "" && strings.Contains(out, tt.lacks) {
			t.Errorf("%d replies: output has %q:\n%s", tt.replies, tt.lacks, out)
		}
	}
}

func TestJSONKeyOrder(t *testing.T) {
	out := string(decodeJSON(t, emptyFixture(), Options{}))
	want := "\"by_severity\": {\n      \"error\": 0,\n      \"warning\": 0,\n      \"info\": 0\n    },"
	if !strings.Contains(out, want) {
		t.Errorf("by_severity not in error, warning, info order with zeros:\n%s", out)
	}
	var last int
	for _, key := range []string{"schema_version", "tool", "now", "generated_at", "command", "inputs", "policy", "summary", "findings", "verdict"} {
		i := strings.Index(out, "\n  \""+key+"\":")
		if i < last {
			t.Errorf("top-level key %q out of order or missing", key)
		}
		last = i
	}
}

// TestJSONInvocation: the audit time, the real time the report was made
// and the command line, as given; "" and [] when unknown.
func TestJSONInvocation(t *testing.T) {
	out := string(decodeJSON(t, fixture(), Options{}))
	want := `  "now": "2026-01-15T00:00:00Z",
  "generated_at": "2026-12-05T14:03:07Z",
  "command": [
    "listaudit",
    "check",
    "--now",
    "2026-01-15",`
	if !strings.Contains(out, want) {
		t.Errorf("output lacks\n%s\nin\n%s", want, out)
	}
	r := fixture()
	r.Invocation = domain.Invocation{}
	out = string(decodeJSON(t, r, Options{}))
	if want := "  \"generated_at\": \"\",\n  \"command\": [],\n"; !strings.Contains(out, want) {
		t.Errorf("output of an unknown run lacks\n%s\nin\n%s", want, out)
	}
}

func TestCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"listaudit", "check", "--now", "2026-01-15", "-f", "json", "lists/contacts.csv"}, "listaudit check --now 2026-01-15 -f json lists/contacts.csv"},
		{[]string{"listaudit", "check", "--map", "phone=Mobile Number", "my list.csv"}, "listaudit check --map 'phone=Mobile Number' 'my list.csv'"},
		{[]string{"listaudit", "check", "--title", "Ann's list", ""}, `listaudit check --title 'Ann'\''s list' ''`},
		{[]string{"listaudit", "check", "--report", "sarif=a.sarif", "$HOME/x;rm.csv", "*.csv"}, "listaudit check --report sarif=a.sarif '$HOME/x;rm.csv' '*.csv'"},
		{nil, ""},
	} {
		if got := commandLine(&domain.Result{Invocation: domain.Invocation{Command: tc.args}}); got != tc.want {
			t.Errorf("commandLine(%q) = %s, want %s", tc.args, got, tc.want)
		}
	}
}

// TestJSONRoundTrip reads the output back as a program would and checks it
// agrees with itself.
func TestJSONRoundTrip(t *testing.T) {
	var doc struct {
		SchemaVersion int    `json:"schema_version"`
		Now           string `json:"now"`
		Summary       struct {
			BySeverity map[string]int `json:"by_severity"`
			ByRule     map[string]int `json:"by_rule"`
		} `json:"summary"`
		Findings []struct {
			Rule     string `json:"rule"`
			Severity string `json:"severity"`
			Column   string `json:"column"`
			Field    string `json:"field"`
		} `json:"findings"`
		Verdict struct {
			FailOn string `json:"fail_on"`
			Failed bool   `json:"failed"`
		} `json:"verdict"`
	}
	r := fixture()
	if err := json.Unmarshal(decodeJSON(t, r, Options{}), &doc); err != nil {
		t.Fatalf("output is not JSON: %v", err)
	}
	if doc.SchemaVersion != 1 || doc.Now != "2026-01-15T00:00:00Z" {
		t.Errorf("schema_version = %d, now = %s", doc.SchemaVersion, doc.Now)
	}
	if len(doc.Findings) != r.Findings.Len() {
		t.Fatalf("%d findings, want %d", len(doc.Findings), r.Findings.Len())
	}
	byRule := map[string]int{}
	bySev := map[string]int{}
	for i, f := range doc.Findings {
		byRule[f.Rule]++
		bySev[f.Severity]++
		if f.Rule != r.Findings.(domain.FindingSlice)[i].Rule {
			t.Errorf("finding %d is %s, want %s (order changed)", i, f.Rule, r.Findings.(domain.FindingSlice)[i].Rule)
		}
		if f.Rule == "row-malformed" && (f.Column != "" || f.Field != "") {
			t.Errorf("whole-row finding has column %q, field %q", f.Column, f.Field)
		}
	}
	if len(byRule) != len(doc.Summary.ByRule) {
		t.Errorf("by_rule = %v, findings count %v", doc.Summary.ByRule, byRule)
	}
	for rule, n := range byRule {
		if doc.Summary.ByRule[rule] != n {
			t.Errorf("by_rule[%s] = %d, findings count %d", rule, doc.Summary.ByRule[rule], n)
		}
	}
	for _, sev := range []string{"error", "warning", "info"} {
		if doc.Summary.BySeverity[sev] != bySev[sev] || bySev[sev] == 0 {
			t.Errorf("by_severity[%s] = %d, findings count %d (fixture should have every severity)", sev, doc.Summary.BySeverity[sev], bySev[sev])
		}
	}
	if !doc.Verdict.Failed || doc.Verdict.FailOn != "error" {
		t.Errorf("verdict = %+v", doc.Verdict)
	}
}

func TestTableNoColorWithoutColor(t *testing.T) {
	for _, r := range []*domain.Result{fixture(), emptyFixture()} {
		var buf bytes.Buffer
		if err := (tableReporter{}).Report(&buf, r, Options{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(buf.String(), "\x1b") {
			t.Errorf("escape code in uncoloured output:\n%q", buf.String())
		}
	}
}

func TestTableNoInputs(t *testing.T) {
	r := emptyFixture()
	r.Inputs = nil
	var buf bytes.Buffer
	if err := (tableReporter{}).Report(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Inputs\n  none\nRows 25") {
		t.Errorf("empty inputs not shown as none:\n%s", buf.String())
	}
}

func TestTableSanitises(t *testing.T) {
	r := fixture()
	r.Findings.(domain.FindingSlice)[0].Message = "evil\x1b]0;pwned\x07 line\nbreak \u202egnp.exe \xff"
	var buf bytes.Buffer
	if err := (tableReporter{}).Report(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("control characters reached the terminal:\n%q", out)
	}
	if !strings.Contains(out, "evil?]0;pwned? line break ?gnp.exe \ufffd") {
		t.Errorf("message not cleaned as expected:\n%s", out)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

func TestWriteErrorsWrapped(t *testing.T) {
	for _, name := range Formats() {
		rep, _ := Lookup(name)
		err := rep.Report(failWriter{}, fixture(), Options{})
		if err == nil || !strings.HasPrefix(err.Error(), "write "+name+" report: ") {
			t.Errorf("%s: error = %v, want wrapped write error", name, err)
		}
	}
}

// TestTableInPiecesLooksWhole draws a long findings table in pieces of a
// few rows: the columns must line up exactly as in the table drawn whole,
// in both layouts (two lines a finding at 80 columns, columns at 160),
// with colour on and off and wide characters in messages.
func TestTableInPiecesLooksWhole(t *testing.T) {
	r := manyFindings(60)
	fs := r.Findings.(domain.FindingSlice)
	for i := range fs {
		if i%9 == 0 {
			fs[i].Message = "日本語のメッセージ 📞 " + fs[i].Message
		}
	}
	for _, opts := range []Options{{}, {Color: true}, {Limit: 25}, {Width: 160}, {Width: 160, Color: true}, {Width: 160, Limit: 25}} {
		whole := string(render(t, "table", r, opts))
		saved := tablePiece
		tablePiece = 7
		pieces := string(render(t, "table", r, opts))
		tablePiece = saved
		if pieces != whole {
			t.Errorf("options %+v: drawn in pieces:\n%s\nwhole:\n%s", opts, pieces, whole)
		}
	}
}
