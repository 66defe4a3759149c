package report

import (
	"bytes"
	"cmp"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// htmlReporter writes one self-contained HTML page for a compliance file:
// no network and no external assets (CSS and JavaScript are inline). It
// shows the title (Options.Title), the time the audit is as of (the
// result's now) and when it was generated (by the real clock), by whom
// (Options.Author), the verdict, the inputs with rows and full SHA-256,
// every policy setting, the tool and phone-metadata versions, summary
// cards, an inline SVG chart of findings by rule and severity (stacked
// bars, drawn here, not in the browser), the findings table, the help text
// of every rule that fired, and a footer with both times and the command
// line.
//
// The findings are embedded once as JSON in a <script type="application/
// json"> block, with '<', '>' and '&' escaped so no cell can close the
// script, and the page's script renders them 100 rows a page, filtered by
// rule, severity and a text search and sorted by any column header, so a
// result with 100,000 findings stays responsive. The first page's rows are
// also written as HTML, for readers and printers without JavaScript, with a
// <noscript> note saying how many of all they are. When printed, the
// controls are hidden and every row of the current filter is printed (up
// to 2,000, some 60 pages; past that the page says so), on landscape
// pages of the printer's paper: page 1 the summary, inputs and policy,
// the findings following, then the chart and the rules (html.tmpl's print
// stylesheet; TestHTMLPrintLayout prints it at A4 and Letter). Numbers and
// PII values are masked unless PII is shown.
type htmlReporter struct{}

//go:embed html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"n": thousands, "hashGroups": hashGroups, "keepWords": keepWords}).Parse(htmlSource))

// hashGroups splits a hex digest into groups of 8 digits, the last maybe
// shorter, for the page to tell them apart by colour without adding text.
func hashGroups(hex string) []string {
	groups := make([]string, 0, (len(hex)+7)/8)
	for len(hex) > 8 {
		groups = append(groups, hex[:8])
		hex = hex[8:]
	}
	if hex != "" {
		groups = append(groups, hex)
	}
	return groups
}

// thousands writes n with comma thousands separators: 100,000.
func thousands(n int) string { return domain.Thousands(n) }

// splittableWord is a run of non-space text holding a hyphen, a dash or a
// slash: a date, a flag, a rule id, a masked number, a path, yes/no. A
// browser may break a line after any of them, which cuts the word in two.
var splittableWord = regexp.MustCompile(`\S*[-–—/]\S*`)

// maxKeptWord is the longest such word kept on one line: a longer one is
// a cell's text and must be free to wrap. A path with a line number, in a
// message, is some 30.
const maxKeptWord = 32

// keepWords writes s as HTML with each splittable word in a span that is
// not broken over two lines (the page's script does the same for
// findings).
func keepWords(s string) template.HTML {
	var b strings.Builder
	at := 0
	for _, m := range splittableWord.FindAllStringIndex(s, -1) {
		if utf8.RuneCountInString(s[m[0]:m[1]]) > maxKeptWord {
			continue
		}
		b.WriteString(template.HTMLEscapeString(s[at:m[0]]))
		b.WriteString(`<span class="nobr">`)
		b.WriteString(template.HTMLEscapeString(s[m[0]:m[1]]))
		b.WriteString(`</span>`)
		at = m[1]
	}
	b.WriteString(template.HTMLEscapeString(s[at:]))
	return template.HTML(b.String())
}

// DefaultHTMLTitle heads the page when Options.Title is empty (--help
// gives it as --title's default).
const DefaultHTMLTitle = "Contact list audit"

type htmlPage struct {
	Title   string
	Author  string
	When    string // the audit time, for people: 15 January 2026, 00:00 UTC
	WhenISO string // for <time datetime>
	// Generated is when the report was made by the real clock, as When;
	// "" when unknown.
	Generated    string
	GeneratedISO string
	// Command is the command line; "" when unknown.
	Command  string
	Tool     string
	Metadata string
	Failed   bool
	FailOn   string
	Counts   string
	Inputs   []domain.Input
	Evidence []domain.EvidenceFile
	Policy   [][2]string
	// JurisdictionsOn: the policy applies the built-in table, whose rows
	// that applied Jurisdictions lists, a threshold a row.
	JurisdictionsOn bool
	Jurisdictions   []htmlJurisdiction
	Cards           []htmlCard
	Chart           htmlChart
	Rules           []htmlRule
	Fired           []htmlRule
	Total           int
	// Shown is how many findings the page embeds: at most htmlMaxFindings.
	Shown    int
	ShowPII  bool
	Findings template.JS
	// Static are the first page's findings, written into the table so that
	// it has rows without JavaScript; the script replaces them with the
	// same rows and takes over paging, filtering and sorting.
	Static   []htmlFinding
	Severity []string
	PageSize int
	PrintMax int
	// MaxKeptWord: the page's script keeps splittable words of up to
	// this many characters on one line, as keepWords does.
	MaxKeptWord int
}

// htmlFinding is a finding as a row of the table.
type htmlFinding struct {
	Severity, Rule, File string
	Row                  int
	// Place is where the finding is in its file, as messages cite it:
	// the line ("15"), or a workbook's sheet and cell ("Sheet1!E3"); "row
	// 14" when the line is not known.
	Place                          string
	Column, Value, Number, Message string
}

// findingPlace is a location's Place, or its row when it has no line.
func findingPlace(l domain.Location) string {
	if p := l.Place(); p != "" {
		return p
	}
	return "row " + strconv.Itoa(l.Row)
}

type htmlJurisdiction struct {
	// First is the jurisdiction's first threshold, which names it.
	First      bool
	Code, Name string
	Rows       int
	domain.JurisdictionThreshold
}

type htmlCard struct {
	Label string
	Value int
	Class string
}

type htmlRule struct {
	ID       string
	Severity string
	Family   string
	Summary  string
	Help     string
	Settings string
	// Basis is the catalogue's basis of the rule, each item's status apart.
	Basis []htmlBasis
	Count int
	// Off says the rule did not run: disabled, or its input (a send time,
	// a suppression list, allowed sources, required evidence) not given.
	Off bool
}

// htmlBasis is one item of a rule's basis: its status (Law, Guidance, ...)
// and what it cites. The page lists the items; print runs them on in one
// paragraph, as a list would give each a line.
type htmlBasis struct {
	Status, Text string
}

// htmlChart is the findings-by-rule chart, laid out here so the SVG needs
// no script.
type htmlChart struct {
	Width, Height int
	LabelWidth    int
	Bars          []htmlBar
	Ticks         []htmlTick
	AxisY         int
}

type htmlBar struct {
	Rule     string
	Y, TextY int
	Total    int
	TotalX   int
	Segments []htmlSegment
}

type htmlSegment struct {
	X, Y   int
	Width  int
	Height int
	Class  string
	Title  string
}

type htmlTick struct {
	X     int
	Label string
}

// Reads: the page embeds the first htmlMaxFindings findings.
func (htmlReporter) Reads(Options) domain.Retention {
	return domain.Retention{First: htmlMaxFindings}
}

func (htmlReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	return renderThenWrite(w, "html", func(b *bytes.Buffer) error {
		page, err := newHTMLPage(r, opts)
		if err != nil {
			return err
		}
		return htmlTemplate.Execute(b, page)
	})
}

// htmlTimeLayout writes the page's times for people.
const htmlTimeLayout = "2 January 2006, 15:04 UTC"

func newHTMLPage(r *domain.Result, opts Options) (*htmlPage, error) {
	now := r.Now.UTC()
	p := &htmlPage{
		Title:        cmp.Or(opts.Title, DefaultHTMLTitle),
		Author:       opts.Author,
		When:         now.Format(htmlTimeLayout),
		WhenISO:      now.Format(time.RFC3339),
		GeneratedISO: rfc3339(r.GeneratedAt),
		Command:      commandLine(r),
		Tool:         cmp.Or(r.Tool.Name, "listaudit") + " " + cmp.Or(r.Tool.Version, "(unknown version)"),
		Metadata:     cmp.Or(r.Tool.PhoneMetadata, "unknown"),
		Failed:       r.Verdict.Failed,
		FailOn:       r.Verdict.FailOn.String(),
		Counts: fmt.Sprintf("%s %s, %s %s, %s info",
			thousands(r.Summary.BySeverity[domain.Error]), pluralWord(r.Summary.BySeverity[domain.Error], "error", "errors"),
			thousands(r.Summary.BySeverity[domain.Warning]), pluralWord(r.Summary.BySeverity[domain.Warning], "warning", "warnings"),
			thousands(r.Summary.BySeverity[domain.Info])),
		Inputs:   pii.Inputs(r.Inputs, opts.ShowPII),
		Evidence: r.Evidence,
		Total:    r.Findings.Len(),
		ShowPII:  opts.ShowPII,
		PageSize: 100,
		PrintMax: 2000,

		MaxKeptWord: maxKeptWord,
	}
	if !r.GeneratedAt.IsZero() {
		p.Generated = r.GeneratedAt.UTC().Format(htmlTimeLayout)
	}
	for _, s := range domain.Severities {
		p.Severity = append(p.Severity, s.String())
	}
	p.Policy = policyRows(ShownPolicy(r.Policy, opts.ShowPII))
	p.JurisdictionsOn = r.Policy.Jurisdictions.Builtin
	for _, u := range r.Jurisdictions {
		for i, t := range u.Thresholds {
			t.Kind = strings.ReplaceAll(t.Kind, "_", " ")
			p.Jurisdictions = append(p.Jurisdictions, htmlJurisdiction{First: i == 0, Code: u.Code, Name: u.Name, Rows: u.Rows, JurisdictionThreshold: t})
		}
	}
	p.Cards = []htmlCard{
		{"Rows", r.Summary.Rows, ""},
		{"Unique numbers", r.Summary.UniqueNumbers, ""},
		{"Errors", r.Summary.BySeverity[domain.Error], "error"},
		{"Warnings", r.Summary.BySeverity[domain.Warning], "warning"},
		{"Info", r.Summary.BySeverity[domain.Info], "info"},
	}
	if r.Policy.Baseline != "" {
		// A rule whose findings the baseline accepted counts 0 below: the
		// audit record says how many were hidden, as the table does.
		p.Cards = append(p.Cards, htmlCard{"Hidden by the baseline", r.Summary.BaselineHidden, ""})
	}

	rs := reportRules(r)
	counts := r.Summary.ByRule
	for i := range rs {
		hr := newHTMLRule(&rs[i], counts[rs[i].ID])
		hr.Off = hr.Count == 0 && !rules.Runs(hr.ID, r.Policy)
		p.Rules = append(p.Rules, hr)
	}
	for _, id := range firedRules(r) {
		rule, ok := rules.Lookup(id)
		if !ok {
			for i := range rs {
				if rs[i].ID == id {
					rule = &rs[i]
				}
			}
		}
		p.Fired = append(p.Fired, newHTMLRule(rule, counts[id]))
	}
	p.Chart = newHTMLChart(r)

	files, ruleIDs := []string{}, []string{}
	fileIdx, ruleIdx := map[string]int{}, map[string]int{}
	index := func(m map[string]int, list *[]string, s string) int {
		i, ok := m[s]
		if !ok {
			i = len(*list)
			m[s] = i
			*list = append(*list, s)
		}
		return i
	}
	for _, in := range r.Inputs {
		index(fileIdx, &files, in.Path)
	}
	for i := range rs {
		index(ruleIdx, &ruleIDs, rs[i].ID)
	}
	sevIdx := map[domain.Severity]int{}
	for i, s := range domain.Severities {
		sevIdx[s] = i
	}
	// The findings are encoded one by one into one buffer rather than
	// gathered as values and encoded at the end: 100,000 findings held as
	// values took more memory than the audit itself.
	var rows bytes.Buffer
	for f := range r.Findings.All() {
		if p.Shown == htmlMaxFindings {
			break
		}
		hf := htmlFinding{Severity: f.Severity.String(), Rule: f.Rule, File: f.Loc.File, Row: f.Loc.Row, Place: findingPlace(f.Loc),
			Column: findingColumn(f, opts.ShowPII), Value: pii.FindingValue(f, opts.ShowPII), Number: pii.FindingNumber(f, opts.ShowPII),
			Message: pii.FindingMessage(f, opts.ShowPII)}
		if p.Shown < p.PageSize {
			p.Static = append(p.Static, hf)
		}
		// json.Marshal escapes '<', '>', '&', U+2028 and U+2029, so the
		// payload cannot end its <script> element, whatever a cell holds.
		row, err := json.Marshal([]any{
			index(fileIdx, &files, f.Loc.File), f.Loc.Row, hf.Place,
			index(ruleIdx, &ruleIDs, f.Rule), sevIdx[f.Severity],
			hf.Column, hf.Value, hf.Number, hf.Message,
		})
		if err != nil {
			return nil, err
		}
		if p.Shown > 0 {
			rows.WriteByte(',')
		}
		rows.Write(row)
		p.Shown++
	}
	filesJS, err := json.Marshal(files)
	if err != nil {
		return nil, err
	}
	rulesJS, err := json.Marshal(ruleIDs)
	if err != nil {
		return nil, err
	}
	// The payload the page's script reads: {"files": [...], "rules": [...],
	// "findings": [[file, row, place, rule, severity, column, value, number,
	// message], ...]}, files and rules by their index in the lists, place
	// as findingPlace writes it.
	js := make([]byte, 0, len(filesJS)+len(rulesJS)+rows.Len()+32)
	js = append(append(js, `{"files":`...), filesJS...)
	js = append(append(js, `,"rules":`...), rulesJS...)
	js = append(append(append(js, `,"findings":[`...), rows.Bytes()...), "]}"...)
	p.Findings = template.JS(js)
	return p, nil
}

// htmlMaxFindings caps the findings a page embeds: the table stays usable
// in a browser up to about this many, and a list with millions of findings
// would make a page of gigabytes. The counts and the chart stay exact.
var htmlMaxFindings = 100_000

func newHTMLRule(rule *rules.Rule, count int) htmlRule {
	hr := htmlRule{
		ID:       rule.ID,
		Severity: rule.Severity.String(),
		Family:   rule.Family,
		Summary:  sentence(rule.Summary),
		Help:     rule.Help,
		Count:    count,
	}
	for i, s := range rule.Settings {
		if i > 0 {
			hr.Settings += ", "
		}
		hr.Settings += s
	}
	for _, item := range rule.Basis {
		status, rest := basisStatus(item)
		hr.Basis = append(hr.Basis, htmlBasis{Status: status, Text: rest})
	}
	return hr
}

// Chart geometry, in SVG user units (CSS pixels at 100%).
const (
	chartWidth      = 860
	chartLabelWidth = 200
	chartCountRoom  = 60
	chartRowHeight  = 26
	chartBarHeight  = 16
	chartTop        = 8
	chartAxisRoom   = 24
)

// newHTMLChart lays out one stacked bar per rule that fired (most severe
// first, then by id), its segments by severity, scaled to the largest
// total, with a few round ticks.
func newHTMLChart(r *domain.Result) htmlChart {
	ids := firedRules(r)
	c := htmlChart{Width: chartWidth, LabelWidth: chartLabelWidth}
	if len(ids) == 0 {
		return c
	}
	counts := map[string]map[domain.Severity]int{}
	maxTotal := 0
	for _, rc := range ruleSeverityCounts(r) {
		if counts[rc.Rule] == nil {
			counts[rc.Rule] = map[domain.Severity]int{}
		}
		counts[rc.Rule][rc.Severity] = rc.Count
	}
	for _, id := range ids {
		t := 0
		for _, n := range counts[id] {
			t += n
		}
		maxTotal = max(maxTotal, t)
	}
	step := niceStep(maxTotal)
	scaleMax := ((maxTotal + step - 1) / step) * step
	area := chartWidth - chartLabelWidth - chartCountRoom
	x := func(n int) int { return chartLabelWidth + n*area/scaleMax }
	for i, id := range ids {
		y := chartTop + i*chartRowHeight
		bar := htmlBar{Rule: id, Y: y, TextY: y + chartBarHeight - 3}
		at := 0
		for _, sev := range domain.Severities {
			n := counts[id][sev]
			if n == 0 {
				continue
			}
			x0, x1 := x(at), x(at+n)
			bar.Segments = append(bar.Segments, htmlSegment{
				X: x0, Y: y, Width: max(x1-x0, 2), Height: chartBarHeight, Class: sev.String(),
				Title: id + ": " + severityCount(n, sev),
			})
			at += n
		}
		bar.Total = at
		bar.TotalX = max(x(at), chartLabelWidth+2) + 6
		c.Bars = append(c.Bars, bar)
	}
	c.AxisY = chartTop + len(ids)*chartRowHeight
	c.Height = c.AxisY + chartAxisRoom
	for v := 0; v <= scaleMax; v += step {
		c.Ticks = append(c.Ticks, htmlTick{X: x(v), Label: thousands(v)})
	}
	return c
}

// niceStep picks a tick step of 1, 2 or 5 times a power of ten giving at
// most five intervals up to n.
func niceStep(n int) int {
	if n <= 0 {
		return 1
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if s := m * p; n <= 5*s {
				return s
			}
		}
	}
}

// severityCount is n findings of a severity in words: "1 error",
// "4 errors", "1,200 warnings", "3 info" (info has no plural).
func severityCount(n int, sev domain.Severity) string {
	word := sev.String()
	if n != 1 && sev != domain.Info {
		word += "s"
	}
	return thousands(n) + " " + word
}
