package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/listaudit/listaudit/pkg/domain"
)

// TestTableListsMostSevereFirst: --limit keeps the first findings of the
// most severe first, each severity in report order, and the table reads
// the same from the findings an audit keeps for it (Reads) as from all.
func TestTableListsMostSevereFirst(t *testing.T) {
	r := manyFindings(60) // errors, warnings and info, interleaved
	all := r.Findings.(domain.FindingSlice)
	for _, limit := range []int{5, 25, 45} {
		opts := Options{Limit: limit, Width: 200}
		got := listed(t, render(t, "table", r, opts))
		var want []string
		for _, sev := range domain.Severities {
			for _, f := range all {
				if f.Severity == sev && len(want) < limit {
					want = append(want, f.Message)
				}
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("limit %d: listed %q, want %q", limit, got, want)
		}

		kept := r.Findings
		filter := domain.NewRetentionFilter(Reads(tableReporter{}, opts))
		var fs domain.FindingSlice
		for _, f := range all {
			if filter.Keep(&f) {
				fs = append(fs, f)
			}
		}
		r.Findings = lenSlice{fs, len(all)}
		if from, whole := render(t, "table", r, opts), render(t, "table", fixtureWith(r, kept), opts); !bytes.Equal(from, whole) {
			t.Errorf("limit %d: the table differs when drawn from the kept findings:\n%s\nwant\n%s", limit, from, whole)
		}
		r.Findings = kept
	}
}

// listed are the messages of a column-form table's findings, in order.
func listed(t *testing.T, out []byte) []string {
	t.Helper()
	var msgs []string
	for line := range strings.Lines(string(out)) {
		if i := strings.Index(line, "finding "); i > 0 && strings.HasPrefix(line, "  ") {
			msgs = append(msgs, strings.TrimSpace(line[i:]))
		}
	}
	return msgs
}

// lenSlice is a list of kept findings that counts all, as an audit's does.
type lenSlice struct {
	domain.FindingSlice
	n int
}

func (l lenSlice) Len() int { return l.n }

func fixtureWith(r *domain.Result, fs domain.Findings) *domain.Result {
	c := *r
	c.Findings = fs
	return &c
}

// TestTableFitsWidth: no line of the findings is wider than the width,
// in both layouts, and a word is broken only when longer than a line.
func TestTableFitsWidth(t *testing.T) {
	r := oneInputFixture()
	long := "https://example.com/" + strings.Repeat("x", 120)
	r.Findings.(domain.FindingSlice)[0].Message = "see " + long + " for more"
	for _, width := range []int{40, 60, 80, 100, 120, 160} {
		out := string(render(t, "table", r, Options{Width: width}))
		findings := out[strings.Index(out, "\nFindings\n"):strings.Index(out, "\n✗")]
		for line := range strings.Lines(findings) {
			if w := twwidth.Width(strings.TrimSuffix(line, "\n")); w > width {
				t.Errorf("width %d: a line of %d columns: %q", width, w, line)
			}
		}
		if got := strings.Join(strings.Fields(findings), ""); !strings.Contains(got, "see"+long+"formore") {
			t.Errorf("width %d: the long word is not whole when its pieces are joined:\n%s", width, findings)
		}
		for _, word := range []string{"valid", "number", "region", "digits>"} {
			if !regexpWord(findings, word) {
				t.Errorf("width %d: %q broken:\n%s", width, word, findings)
			}
		}
	}
}

// regexpWord reports whether word stands whole in text, between spaces or
// line ends.
func regexpWord(text, word string) bool {
	return slices.Contains(strings.Fields(text), word)
}

func TestWrapText(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"fits in a line", 20, []string{"fits in a line"}},
		{"", 20, []string{""}},
		{"the phone number is empty and then some more", 20, []string{"the phone number is", "empty and then some", "more"}},
		{"a " + strings.Repeat("x", 45) + " b", 20, []string{"a", strings.Repeat("x", 20), strings.Repeat("x", 20), "xxxxx b"}},
		{"日本語のメッセージ 日本語のメッセージ 日本語", 20, []string{"日本語のメッセージ", "日本語のメッセージ", "日本語"}},
		// Never narrower than minWrapWidth.
		{"one two three four five six", 5, []string{"one two three four", "five six"}},
	} {
		if got := wrapText(tc.text, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestWrapWords: the help's wrapping breaks a word longer than a line
// only after a hyphen, a slash or the like, and never narrower than one
// column.
func TestWrapWords(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"fits in a line", 20, []string{"fits in a line"}},
		{"", 12, []string{""}},
		{"   ", 1, []string{""}},
		{"Generate the autocompletion script for the specified shell", 12,
			[]string{"Generate the", "autocompletion", "script", "for the", "specified", "shell"}},
		{"encodings (utf-8, windows-1252, utf-16)", 12, []string{"encodings", "(utf-8,", "windows-", "1252,", "utf-16)"}},
		{"see docs/examples/contacts.csv now", 12, []string{"see docs/", "examples/", "contacts.csv", "now"}},
		{"default \".listaudit.yaml\")", 12, []string{"default", "\".listaudit.yaml\")"}},
		{"a b c", 0, []string{"a", "b", "c"}},
		// Not after a leading "--" or "(" alone.
		{"use --date-format here", 8, []string{"use", "--date-", "format", "here"}},
		{"use --date-format here", 5, []string{"use", "--date-format", "here"}},
		{"--(-x", 3, []string{"--(-x"}},
	} {
		if got := WrapWords(tc.text, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("WrapWords(%q, %d) = %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

// TestFoldToASCII: letters without their accents, curly quotes
// straight; what has no ASCII form is kept.
func TestFoldToASCII(t *testing.T) {
	for in, want := range map[string]string{
		"jours fériés":                     "jours feries",
		"Lundi de Pâques, Fête du Travail": "Lundi de Paques, Fete du Travail",
		"Noël":                             "Noel",
		"Côte d’Ivoire":                    "Cote d'Ivoire",
		"“Curaçao”, São Tomé, Åland":       `"Curacao", Sao Tome, Aland`,
		"plain ASCII":                      "plain ASCII",
		"":                                 "",
		"日本語":                              "日本語",
		"e\u0301 (a decomposed accent)":    "e (a decomposed accent)",
	} {
		if got := FoldToASCII(in); got != want {
			t.Errorf("FoldToASCII(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"contacts.csv":      "contacts.csv",
		"--map":             "--map",
		"phone=Mobile":      "phone=Mobile",
		"phone=Mobile no.":  "'phone=Mobile no.'",
		"O'Brien list.csv":  `'O'\''Brien list.csv'`,
		"":                  "''",
		"$HOME/list.csv":    "'$HOME/list.csv'",
		"a;rm -rf x":        "'a;rm -rf x'",
		"Kahawa Coffee":     "'Kahawa Coffee'",
		"data/list (1).csv": "'data/list (1).csv'",
		"a\nb.csv":          `$'a\x0ab.csv'`,
		"e\x1b[2J\t'\\.csv": `$'e\x1b[2J\x09\'\\.csv'`,
		"r\u202eb.csv":      `$'r\u202eb.csv'`,
		"lat\xe9.csv":       `$'lat\xe9.csv'`,
		"café list.csv":     "'café list.csv'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestWriteCommand: a command wider than the width goes on over lines
// ending in " \", broken between arguments, a flag kept with its value.
func TestWriteCommand(t *testing.T) {
	args := []string{"listaudit", "fix", "a.csv", "exports/crm list.csv", "--region", "KE", "--strict", "--map", "phone=Mobile no.",
		"-o", "clean.csv", "--quarantine", "removed.csv"}
	for _, tc := range []struct {
		width int
		want  string
	}{
		{200, "    listaudit fix a.csv 'exports/crm list.csv' --region KE --strict --map 'phone=Mobile no.' -o clean.csv --quarantine removed.csv\n"},
		{80, "    listaudit fix a.csv 'exports/crm list.csv' --region KE --strict \\\n" +
			"        --map 'phone=Mobile no.' -o clean.csv --quarantine removed.csv\n"},
		{40, "    listaudit fix a.csv \\\n" +
			"        'exports/crm list.csv' \\\n" +
			"        --region KE --strict \\\n" +
			"        --map 'phone=Mobile no.' \\\n" +
			"        -o clean.csv \\\n" +
			"        --quarantine removed.csv\n"},
	} {
		var b bytes.Buffer
		writeCommand(&b, command{args: args}, tc.width)
		if got := b.String(); got != tc.want {
			t.Errorf("width %d:\n%s\nwant\n%s", tc.width, got, tc.want)
		}
	}
	// A pipe comes first, as it is (not quoted), and may end a line.
	var b bytes.Buffer
	writeCommand(&b, command{pipe: nextStdinPipe, args: []string{"listaudit", "fix", "-", "--region", "KE", "-o", "clean.csv"}}, 40)
	if got, want := b.String(), "    cat LIST | listaudit fix - \\\n        --region KE -o clean.csv\n"; got != want {
		t.Errorf("piped:\n%s\nwant\n%s", got, want)
	}
}

// TestNextSteps: the steps that fit each result, exactly.
func TestNextSteps(t *testing.T) {
	only := func(fail domain.Threshold, baseline string, fs ...domain.Finding) func() *domain.Result {
		return func() *domain.Result {
			r := oneInputFixture()
			r.Policy.FailOn, r.Policy.Baseline = fail, baseline
			r.Findings = domain.FindingSlice(fs)
			r.Decide()
			return r
		}
	}
	loc := domain.Location{File: "testdata/contacts.csv", Row: 3, Line: 4}
	stale := domain.Finding{Rule: "stale", Severity: domain.Warning, Loc: loc, Message: "no activity"}
	dup := domain.Finding{Rule: "duplicate", Severity: domain.Warning, Loc: loc, Message: "same number as row 2"}
	info := domain.Finding{Rule: "value-invalid", Severity: domain.Info, Loc: loc, Message: "name is a single letter"}
	errorLevel, warningLevel := domain.Threshold{Severity: domain.Error}, domain.Threshold{Severity: domain.Warning}
	// n of 4 rows with a number phone-invalid for want of a region.
	noRegion := func(n int) func() *domain.Result {
		return func() *domain.Result {
			var fs domain.FindingSlice
			for i := range n {
				fs = append(fs, domain.Finding{Rule: "phone-invalid", Severity: domain.Error, Loc: domain.Location{File: loc.File, Row: i + 1, Line: i + 2},
					Message: "not a valid phone number: no region"})
			}
			r := only(errorLevel, "", fs...)()
			r.Summary.Rows, r.Summary.NoRegion = 4, n
			return r
		}
	}
	// n of 4 rows consent-missing, the input without a consent column.
	noConsentColumn := func(n int) *domain.Result {
		var fs domain.FindingSlice
		for i := range n {
			fs = append(fs, domain.Finding{Rule: "consent-missing", Severity: domain.Error, Loc: domain.Location{File: loc.File, Row: i + 1, Line: i + 2},
				Message: "the file has no consent source column"})
		}
		r := only(errorLevel, "", fs...)()
		r.Summary.Rows = 4
		r.Inputs[0].Columns = []domain.ColumnUse{{Field: "phone", Header: "Mobile"}}
		return r
	}
	fix := "  Write a clean list, and the rows it leaves out with the reasons:\n" +
		"    listaudit fix testdata/contacts.csv --region KE -o clean.csv \\\n" +
		"        --quarantine removed.csv\n"
	baseline := "  Accept these findings, so that later runs report only new ones: add\n" +
		"  --write-baseline baseline.json, then check with --baseline baseline.json.\n"
	for _, tc := range []struct {
		name   string
		result func() *domain.Result
		limit  int
		want   string // "" for no next steps
	}{
		{"errors", oneInputFixture, 0, fix},
		{"errors in a workbook", func() *domain.Result {
			r := oneInputFixture()
			r.Inputs[0].Format = "xlsx"
			return r
		}, 0, strings.ReplaceAll(strings.ReplaceAll(fix, "clean.csv", "clean.xlsx"), "removed.csv", "removed.xlsx")},
		// A list read from standard input is piped in again (QA 27 people
		// F5): "listaudit fix -" alone would wait for the keyboard.
		{"errors, from standard input", func() *domain.Result {
			r := oneInputFixture()
			r.Inputs[0].Path = "-"
			return r
		}, 0,
			"  Write a clean list, and the rows it leaves out with the reasons. This check\n" +
				"  read a list from standard input: pipe it in again, LIST being where it comes\n" +
				"  from:\n" +
				"    cat LIST | listaudit fix - --region KE -o clean.csv \\\n" +
				"        --quarantine removed.csv\n"},
		{"errors, some listed", oneInputFixture, 3, fix +
			"  See all 9 findings: add --limit 0, or --report html=audit.html for a report to\n  open in a browser.\n"},
		{"warnings fix leaves", only(errorLevel, "", stale), 0, baseline},
		{"warnings fix removes", only(errorLevel, "", stale, dup), 0, fix + baseline},
		{"failed on warnings", only(warningLevel, "", stale), 0,
			"  Write a clean list, and the rows it leaves out with the reasons:\n" +
				"    listaudit fix testdata/contacts.csv --region KE --drop-on warning \\\n" +
				"        -o clean.csv --quarantine removed.csv\n" + baseline},
		{"most numbers without a region", noRegion(3), 0,
			"  Add --region XX: 3 numbers have no country code (+), so the audit cannot read\n" +
				"  them. XX is the country they belong to: a code such as KE, GB or FR.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 3 of 4 rows.\n"},
		{"half the numbers without a region", noRegion(2), 0, fix},
		{"no consent column", func() *domain.Result { return noConsentColumn(4) }, 0,
			"  Map your consent column: --map consent_source=HEADER, HEADER being the column\n" +
				"  that records how each contact opted in. No column was recognised as one, so 4\n" +
				"  rows are consent-missing.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 4 of 4 rows.\n"},
		{"no consent column, both", func() *domain.Result { r := noConsentColumn(4); r.Summary.NoRegion = 3; return r }, 0,
			"  Add --region XX: 3 numbers have no country code (+), so the audit cannot read\n" +
				"  them. XX is the country they belong to: a code such as KE, GB or FR.\n" +
				"  Map your consent column: --map consent_source=HEADER, HEADER being the column\n" +
				"  that records how each contact opted in. No column was recognised as one, so 4\n" +
				"  rows are consent-missing.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 4 of 4 rows.\n"},
		// A vCard takes no --map and records no consent (QA 27 people F2):
		// its remedy is another export; beside a CSV, each gets its own.
		{"no consent column, a vCard", func() *domain.Result {
			r := noConsentColumn(4)
			r.Inputs[0].Path, r.Inputs[0].Format = "phone.vcf", "vcard+gzip"
			return r
		}, 0,
			"  A vCard records no consent: none of its fields says how a contact opted\n" +
				"  in, and it takes no --map, so 4 rows are consent-missing. Keep the consent\n" +
				"  records in a CSV or XLSX export of these contacts, with columns for how\n" +
				"  (consent_source) and when (consent_at) each opted in, and check that file\n" +
				"  instead.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 4 of 4 rows.\n"},
		{"no consent column, a vCard and a CSV", func() *domain.Result {
			r := noConsentColumn(4)
			r.Inputs = append(r.Inputs, domain.Input{Path: "phone.vcf", Format: "vcard"})
			return r
		}, 0,
			"  Map your consent column: --map consent_source=HEADER, HEADER being the column\n" +
				"  that records how each contact opted in. No column was recognised as one, so 4\n" +
				"  rows are consent-missing. phone.vcf is a vCard, which records no consent and\n" +
				"  takes no --map: check instead a CSV or XLSX export of its contacts with that\n" +
				"  column.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 4 of 4 rows.\n"},
		{"no consent column, vCards and a CSV", func() *domain.Result {
			r := noConsentColumn(4)
			r.Inputs = append(r.Inputs, domain.Input{Path: "a.vcf", Format: "vcard"}, domain.Input{Path: "b.vcf", Format: "vcard"})
			return r
		}, 0,
			"  Map your consent column: --map consent_source=HEADER, HEADER being the column\n" +
				"  that records how each contact opted in. No column was recognised as one, so 4\n" +
				"  rows are consent-missing. a.vcf, b.vcf are vCards, which record no consent and\n" +
				"  take no --map: check instead CSV or XLSX exports of their contacts with that\n" +
				"  column.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 4 of 4 rows.\n"},
		// Beside a list that records consent, vCards whose rows are most
		// of the list are a cause of their own (QA 27 newfx F1): fix
		// would leave out all their contacts.
		{"a vCard beside a consent column", func() *domain.Result {
			return vCardsBesideConsent(noConsentColumn(3), 3)
		}, 0,
			"  a.vcf is a vCard, which records no consent and takes no --map, so 3 rows are\n" +
				"  consent-missing. Check instead a CSV or XLSX export of its contacts, with\n" +
				"  columns for how (consent_source) and when (consent_at) each opted in.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 3 of 4 rows.\n"},
		{"vCards beside a consent column", func() *domain.Result {
			return vCardsBesideConsent(noConsentColumn(3), 1, 2)
		}, 0,
			"  a.vcf, b.vcf are vCards, which record no consent and take no --map, so 3 rows\n" +
				"  are consent-missing. Check instead CSV or XLSX exports of their contacts, with\n" +
				"  columns for how (consent_source) and when (consent_at) each opted in.\n" +
				"  Then check again: as the list reads now, listaudit fix would leave out at\n" +
				"  least 3 of 4 rows.\n"},
		// Half the rows is no cause: fix is given as for other findings.
		{"a vCard beside a consent column, half the rows", func() *domain.Result {
			return vCardsBesideConsent(noConsentColumn(2), 2)
		}, 0,
			"  Write a clean list, and the rows it leaves out with the reasons:\n" +
				"    listaudit fix testdata/contacts.csv a.vcf --region KE -o clean.csv \\\n" +
				"        --quarantine removed.csv\n"},
		// Dates a --date-format would read: the pattern that reads the
		// most rows. Where the other order of day and month reads some of
		// them too, both are named, and the rows only one reads counted (a
		// tester's finding: one row written 13/1/2026 made a list of
		// 3/4/2025 2:15 PM day-first).
		{"dates day first", dateHints(only(errorLevel, "", stale), map[string]int{"DD/MM/YYYY": 2, "DD/MM/YYYY or MM/DD/YYYY": 5}), 0,
			"  Add --date-format DD/MM/YYYY, or MM/DD/YYYY if the month comes first: 7 rows\n" +
				"  have dates the audit cannot read without one of them: 5 that either reads,\n" +
				"  2 that only DD/MM/YYYY reads. Check which order your export writes: the rows\n" +
				"  written in the other order are to be corrected at the source.\n" + baseline},
		{"one row day first, 12-hour clock", dateHints(only(errorLevel, "", stale), map[string]int{"M/D/YYYY h:mm A or D/M/YYYY h:mm A": 2, "MM/DD/YYYY h:mm A or DD/MM/YYYY h:mm A": 1, "D/M/YYYY h:mm A": 1}), 0,
			"  Add --date-format \"M/D/YYYY h:mm A\", or \"D/M/YYYY h:mm A\" if the day comes\n" +
				"  first: 4 rows have dates the audit cannot read without one of them: 3 that\n" +
				"  either reads, 1 that only D/M/YYYY h:mm A reads. Check which order your export\n" +
				"  writes: the rows written in the other order are to be corrected at the source.\n" + baseline},
		{"most rows day first, 12-hour clock", dateHints(only(errorLevel, "", stale), map[string]int{"M/D/YYYY h:mm A or D/M/YYYY h:mm A": 1, "D/M/YYYY h:mm A": 2}), 0,
			"  Add --date-format \"D/M/YYYY h:mm A\", or \"M/D/YYYY h:mm A\" if the month comes\n" +
				"  first: 3 rows have dates the audit cannot read without one of them: 1 that\n" +
				"  either reads, 2 that only D/M/YYYY h:mm A reads. Check which order your export\n" +
				"  writes: the rows written in the other order are to be corrected at the source.\n" + baseline},
		// The README's example: M/D/YYYY reads every row, MM/DD/YYYY one.
		{"one digit or two, day and month", dateHints(only(errorLevel, "", stale), map[string]int{"D/M/YYYY or M/D/YYYY": 2, "MM/DD/YYYY": 1}), 0,
			"  Add --date-format M/D/YYYY, or D/M/YYYY if the day comes first: 3 rows have\n" +
				"  dates the audit cannot read without one of them: 2 that either reads, 1 that\n" +
				"  only M/D/YYYY reads. Check which order your export writes: the rows written in\n" +
				"  the other order are to be corrected at the source.\n" + baseline},
		{"all two digits", dateHints(only(errorLevel, "", stale), map[string]int{"MM/DD/YYYY": 2, "MM/DD/YYYY h:mm A": 1}), 0,
			"  Add --date-format \"MM/DD/YYYY h:mm A\": 3 rows have dates written MM/DD/YYYY\n" +
				"  h:mm A, which the audit cannot read without it.\n" + baseline},
		// With a --date-format given, never the other order: what it does
		// not read is corrected at the source; a pattern that reads what
		// it reads, and more, takes its place.
		{"other order than given", givenFormat(dateHints(only(errorLevel, "", stale), map[string]int{"D/M/YYYY h:mm A": 1}), "1/2/2006 3:04 PM"), 0,
			"  Correct at the source the dates that --date-format \"M/D/YYYY h:mm A\" does not\n" +
				"  read: 1 row has dates written D/M/YYYY h:mm A (their date-invalid findings\n" +
				"  name them).\n" + baseline},
		// Unless the format given reads no row's dates (all of the
		// fixture's 24): then it is the wrong one.
		{"given reads no row", givenFormat(dateHints(only(errorLevel, "", stale), map[string]int{"D/M/YYYY": 24}), "1/2/2006"), 0,
			"  Use --date-format D/M/YYYY in place of M/D/YYYY, which reads no row's dates:\n" +
				"  24 rows have dates written D/M/YYYY, which the audit cannot read without it.\n" + baseline},
		{"given reads no row, either order", givenFormat(dateHints(only(errorLevel, "", stale), map[string]int{"D/M/YYYY or M/D/YYYY": 20, "D/M/YYYY": 4}), "20060102"), 0,
			"  Use --date-format D/M/YYYY, or M/D/YYYY if the month comes first, in place of\n" +
				"  YYYYMMDD, which reads no row's dates: 24 rows have dates the audit cannot read\n" +
				"  without one of them: 20 that either reads, 4 that only D/M/YYYY reads. Check\n" +
				"  which order your export writes: the rows written in the other order are to be\n" +
				"  corrected at the source.\n" + baseline},
		{"given without its time", givenFormat(dateHints(only(errorLevel, "", stale), map[string]int{"MM/DD/YYYY h:mm A": 2, "M/D/YYYY h:mm A or D/M/YYYY h:mm A": 1, "D/M/YYYY h:mm A": 1}), "1/2/2006"), 0,
			"  Use --date-format \"M/D/YYYY h:mm A\" in place of M/D/YYYY, which it reads as\n" +
				"  well: 3 rows have dates written M/D/YYYY h:mm A, which the audit cannot read\n" +
				"  without it. 1 more row has dates written otherwise (D/M/YYYY h:mm A): correct\n" +
				"  them at the source.\n" + baseline},
		{"dates in several layouts", dateHints(only(errorLevel, "", stale), map[string]int{"DD/MM/YYYY": 2, "YYYYMMDD": 1, "D/M/YY or M/D/YY": 1}), 0,
			"  Add --date-format DD/MM/YYYY: 2 rows have dates written DD/MM/YYYY, which the\n" +
				"  audit cannot read without it. 2 more rows have dates written otherwise (D/M/YY\n" +
				"  or M/D/YY; YYYYMMDD): correct them at the source.\n" + baseline},
		{"dates either way", dateHints(only(errorLevel, "", stale), map[string]int{"D/M/YYYY or M/D/YYYY": 1}), 0,
			"  Add --date-format D/M/YYYY, or M/D/YYYY if the month comes first: 1 row has\n" +
				"  dates written so, which the audit cannot read without it.\n" + baseline},
		// A pattern with a space is quoted, as a shell takes it; a 12-hour
		// clock's hint gives the month first.
		{"dates with a time", dateHints(only(errorLevel, "", stale), map[string]int{"DD/MM/YYYY HH:mm": 2}), 0,
			"  Add --date-format \"DD/MM/YYYY HH:mm\": 2 rows have dates written DD/MM/YYYY\n" +
				"  HH:mm, which the audit cannot read without it.\n" + baseline},
		{"dates with a 12-hour clock", dateHints(only(errorLevel, "", stale), map[string]int{"M/D/YYYY h:mm A or D/M/YYYY h:mm A": 3}), 0,
			"  Add --date-format \"M/D/YYYY h:mm A\", or \"D/M/YYYY h:mm A\" if the day comes\n" +
				"  first: 3 rows have dates written so, which the audit cannot read without it.\n" + baseline},
		// M/D/YYYY reads the dates whose hint is MM/DD/YYYY (12/31/2024):
		// they are counted with it, not as written otherwise.
		{"dates with one digit or two", dateHints(only(errorLevel, "", stale), map[string]int{"M/D/YYYY h:mm A or D/M/YYYY h:mm A": 1, "MM/DD/YYYY h:mm A": 3, "M/D/YYYY h:mm A": 1, "YYYYMMDD": 1}), 0,
			"  Add --date-format \"M/D/YYYY h:mm A\", or \"D/M/YYYY h:mm A\" if the day comes\n" +
				"  first: 5 rows have dates the audit cannot read without one of them: 1 that\n" +
				"  either reads, 4 that only M/D/YYYY h:mm A reads. Check which order your export\n" +
				"  writes: the rows written in the other order are to be corrected at the source.\n" +
				"  1 more row has dates written otherwise (YYYYMMDD): correct them at the source.\n" + baseline},
		// A pattern with a time reads its date alone.
		{"dates with and without a time", dateHints(only(errorLevel, "", stale), map[string]int{"MM/DD/YYYY h:mm A": 3, "MM/DD/YYYY": 1}), 0,
			"  Add --date-format \"MM/DD/YYYY h:mm A\": 4 rows have dates written MM/DD/YYYY\n" +
				"  h:mm A, which the audit cannot read without it.\n" + baseline},
		{"a baseline read", only(errorLevel, "base.json", stale), 0, ""},
		{"info only", only(errorLevel, "", info), 0, ""},
		{"nothing", only(errorLevel, ""), 0, ""},
	} {
		out := string(render(t, "table", tc.result(), Options{Limit: tc.limit, Width: 80, FixFlags: []string{"--region", "KE"}}))
		got := ""
		if i := strings.Index(out, "\nNext steps\n"); i >= 0 {
			got = out[i+len("\nNext steps\n"):]
		}
		if got != tc.want {
			t.Errorf("%s: next steps\n%s\nwant\n%s", tc.name, got, tc.want)
		}
		if !strings.Contains(out, "\n"+VerdictLine(tc.result())+"\n") {
			t.Errorf("%s: no verdict line in\n%s", tc.name, out)
		}
	}
}

// dateHints sets the Summary.DateHints of the result r makes.
func dateHints(r func() *domain.Result, hints map[string]int) func() *domain.Result {
	return func() *domain.Result {
		res := r()
		res.Summary.DateHints = hints
		return res
	}
}

// givenFormat sets the --date-format (Policy.DateFormat) of the result r
// makes.
func givenFormat(r func() *domain.Result, layout string) func() *domain.Result {
	return func() *domain.Result {
		res := r()
		res.Policy.DateFormat = layout
		return res
	}
}

// TestNextStepsOfWrittenBaseline: the run that wrote a baseline says
// only to check with it (QA 27 people F4), its name as a shell takes it.
// vCardsBesideConsent is r, whose findings are consent-missing, with its
// input given a consent source column and its rows but those of vCards
// a.vcf, b.vcf, … of rows each, added after it.
func vCardsBesideConsent(r *domain.Result, rows ...int) *domain.Result {
	r.Inputs[0].Columns = append(r.Inputs[0].Columns, domain.ColumnUse{Field: "consent_source", Header: "Source"})
	r.Inputs[0].Rows = r.Summary.Rows
	for i, n := range rows {
		r.Inputs = append(r.Inputs, domain.Input{Path: string(rune('a'+i)) + ".vcf", Format: "vcard", Rows: n})
		r.Inputs[0].Rows -= n
	}
	return r
}

func TestNextStepsOfWrittenBaseline(t *testing.T) {
	r := oneInputFixture()
	r.Findings = domain.FindingSlice{{Rule: "stale", Severity: domain.Warning, Loc: domain.Location{File: "testdata/contacts.csv", Row: 3, Line: 4}, Message: "no activity"}}
	r.Decide()
	for _, tc := range []struct {
		wrote   string
		inPlace bool
		want    string
	}{
		{"-base.json", false, "  Check later runs with --baseline ./-base.json, the baseline this run wrote:\n  they will report only new findings.\n"},
		{"-", false, "  Check later runs with --baseline FILE, FILE being where you saved the baseline\n" +
			"  this run wrote to standard output: they will report only new findings.\n"},
		// Written in place, it is no file to read back (QA 27 newfx F6).
		{"/dev/stdout", true, "  Check later runs with --baseline FILE, FILE being where you saved the baseline\n" +
			"  this run wrote to /dev/stdout: they will report only new findings.\n"},
		{"our fifo", true, "  Check later runs with --baseline FILE, FILE being where you saved the baseline\n" +
			"  this run wrote to 'our fifo': they will report only new findings.\n"},
	} {
		out := string(render(t, "table", r, Options{Width: 80, WroteBaseline: tc.wrote, WroteBaselineInPlace: tc.inPlace}))
		if _, got, _ := strings.Cut(out, "\nNext steps\n"); got != tc.want {
			t.Errorf("--write-baseline %s: next steps\n%s\nwant\n%s", tc.wrote, got, tc.want)
		}
	}
}

// TestFixCommandWritesNoInput: the suggested outputs are never an input,
// which fix would refuse to replace.
func TestFixCommandWritesNoInput(t *testing.T) {
	r := oneInputFixture()
	r.Inputs[0].Path = "./clean.csv"
	r.Inputs = append(r.Inputs, domain.Input{Path: "clean-2.csv"}, domain.Input{Path: "removed.csv"})
	got := strings.Join(fixCommand(r, nil).args, " ")
	if want := "listaudit fix ./clean.csv clean-2.csv removed.csv -o clean-3.csv --quarantine removed-2.csv"; got != want {
		t.Errorf("fix command %q, want %q", got, want)
	}
}

// TestVerdictLines: check, -q and fix say the verdict in the same words.
func TestVerdictLines(t *testing.T) {
	r := fixture()
	if got, want := VerdictLine(r), "✗ FAILED: 4 errors, 4 warnings, 2 info in 2 files (fail-on: error)"; got != want {
		t.Errorf("VerdictLine = %q, want %q", got, want)
	}
	if got, want := InputVerdictLine(r), "✗ the input FAILED: 4 errors, 4 warnings, 2 info in 2 files (fail-on: error)"; got != want {
		t.Errorf("InputVerdictLine = %q, want %q", got, want)
	}
	r = oneInputFixture()
	r.Policy.FailOn = domain.Threshold{Never: true}
	r.Decide()
	if got, want := VerdictLine(r), "✓ PASSED: 4 errors, 3 warnings, 2 info in 1 file (fail-on: never)"; got != want {
		t.Errorf("VerdictLine = %q, want %q", got, want)
	}
}

// TestStackedStaysInLine: in the two-line form on a narrow terminal, the
// cells of the first line that do not fit go on to a line of their own
// for every finding alike, so that every finding stays in line.
func TestStackedStaysInLine(t *testing.T) {
	// Where the number does not fit a finding's first line, it goes on
	// with its place: the same lines at any narrower width.
	placeWithNumber := "" +
		"  phone-missing            error\n" +
		"      line 10\n" +
		"      the phone number is empty\n" +
		"  phone-invalid            error\n" +
		"      line 13  +9** *** *** *89\n" +
		"      bad country code\n" +
		"  contacted-after-opt-out  error\n" +
		"      line 20  +2547******78\n" +
		"      contacted after the opt-out\n"
	loc := func(row int) domain.Location { return domain.Location{File: "a.csv", Row: row - 1, Line: row} }
	r := oneInputFixture()
	r.Findings = domain.FindingSlice{
		{Rule: "phone-missing", Severity: domain.Error, Loc: loc(10), Field: domain.FieldPhone, Message: "the phone number is empty"},
		{Rule: "phone-invalid", Severity: domain.Error, Loc: loc(13), Field: domain.FieldPhone, Phone: "+999 123 456 789", Message: "bad country code"},
		{Rule: "contacted-after-opt-out", Severity: domain.Error, Loc: loc(20), Field: domain.FieldPhone, Phone: "+254712345678", Message: "contacted after the opt-out"},
	}
	r.Decide()
	for _, tc := range []struct {
		width int
		want  string
	}{
		{60, "" +
			"  phone-missing            error  line 10\n" +
			"      the phone number is empty\n" +
			"  phone-invalid            error  line 13  +9** *** *** *89\n" +
			"      bad country code\n" +
			"  contacted-after-opt-out  error  line 20  +2547******78\n" +
			"      contacted after the opt-out\n"},
		// The number does not fit the first line: it goes on with its
		// place, not alone, where it would read as a finding of its own.
		{57, placeWithNumber},
		{38, placeWithNumber},
	} {
		out := string(render(t, "table", r, Options{Width: tc.width}))
		got := out[strings.Index(out, "\nFindings\n")+len("\nFindings\n") : strings.Index(out, "\n✗")]
		if got != tc.want {
			t.Errorf("width %d:\n%s\nwant\n%s", tc.width, got, tc.want)
		}
	}
}

// A table longer than tablePiece is drawn by hand (one-line cells) or in
// pieces (others), and reads as tablewriter draws it whole.
func TestWriteGridLongTable(t *testing.T) {
	defer func(old int) { tablePiece = old }(tablePiece)
	tablePiece = 3
	rows := [][]string{
		{"phone", "phone", "+2547******78"},
		{"名前", "name", ""},
		{"", "", ""},
		{"consent_source", "consent_source", "web"},
		{"x", "", "ü"},
		{"a longer header cell", "c", "d"},
		{"short"},
	}
	multi := append(slices.Clone(rows), []string{"two\nlines", "e", "f"})
	for _, tt := range []struct {
		name   string
		header []string
		align  tw.Alignment
		rows   [][]string
	}{
		{"plain", []string{"COLUMN", "FIELD", "SAMPLE"}, nil, rows},
		{"right-aligned", []string{"COLUMN", "FIELD", "SAMPLE"}, tw.Alignment{tw.AlignLeft, tw.AlignRight, tw.AlignRight}, rows},
		{"no header", nil, nil, rows},
		{"multi-line cells", []string{"COLUMN", "FIELD", "SAMPLE"}, nil, multi},
	} {
		var got, want bytes.Buffer
		if err := writeGrid(&got, tt.header, tt.align, tt.rows); err != nil {
			t.Fatal(err)
		}
		tablePiece = len(tt.rows)
		if err := writeGrid(&want, tt.header, tt.align, tt.rows); err != nil {
			t.Fatal(err)
		}
		tablePiece = 3
		if got.String() != want.String() {
			t.Errorf("%s:\n got:\n%s\nwant:\n%s", tt.name, got.String(), want.String())
		}
	}
}

// TestTableASCIIFitsWidth: with ASCII marks ("..." three columns where
// "…" is one, "Sec. " where "§" is one) the table is laid out after them:
// it fits the width as the UTF-8 one does, and its own text is ASCII.
func TestTableASCIIFitsWidth(t *testing.T) {
	r := fixture()
	r.Findings.(domain.FindingSlice)[0].Message = "lines 3–7 … read under Fla. Stat. §501.616(6)(a) and §501.603, the one record"
	for _, width := range []int{40, 60, 80, 120} {
		utf8 := string(render(t, "table", r, Options{Width: width, Limit: 2}))
		ascii := string(render(t, "table", r, Options{Width: width, Limit: 2, ASCII: true}))
		if i := strings.IndexFunc(ascii, func(c rune) bool { return c > 127 }); i >= 0 {
			t.Errorf("width %d: not ASCII at %q", width, ascii[max(i-30, 0):])
		}
		if !strings.Contains(strings.Join(strings.Fields(ascii), " "), "lines 3-7 ... read under Fla. Stat. Sec. 501.616(6)(a) and Sec. 501.603, the one record") {
			t.Errorf("width %d: message not in ASCII:\n%s", width, ascii)
		}
		widest := func(s string) (w int) {
			for line := range strings.Lines(s) {
				w = max(w, twwidth.Width(strings.TrimSuffix(line, "\n")))
			}
			return w
		}
		if a, u := widest(ascii), widest(utf8); a > max(u, width) {
			t.Errorf("width %d: ASCII table %d columns wide, UTF-8 %d:\n%s", width, a, u, ascii)
		}
	}
}
