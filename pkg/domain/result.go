package domain

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Tool names the program that produced a result.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	// PhoneMetadata is the libphonenumber metadata version used.
	PhoneMetadata string `json:"phone_metadata,omitempty"`
}

// Input describes one audited file.
type Input struct {
	Path   string `json:"path"`
	Format string `json:"format"`
	// Sheet is the worksheet read of a workbook (XLSX); "" for the other
	// formats.
	Sheet  string `json:"sheet,omitempty"`
	Rows   int    `json:"rows"`
	SHA256 string `json:"sha256"`
	// Columns says which column each field was read from, in field order:
	// the evidence of what the audit took for consent, opt-out and so on.
	Columns []ColumnUse `json:"columns"`
	// CountryColumn is the header of a column no field was read from whose
	// cells are (nearly) all countries, in a list with no country column:
	// what to map as country (input.Info.CountryColumn). Not in reports.
	CountryColumn string `json:"-"`
	// Delimiter is a CSV or TSV file's delimiter, 0 for other formats.
	Delimiter rune `json:"-"`
	// ForExcel: the file had a UTF-8 byte-order mark or was text in
	// another encoding than UTF-8 (Windows-1252, UTF-16), as files from
	// Excel on Windows are. CSV written for it gets a BOM, or Excel would
	// read its UTF-8 in the ANSI code page.
	ForExcel bool `json:"-"`
	// Quarantine: the file is a quarantine file that fix wrote (it has a
	// listaudit_rules column). Not in reports.
	Quarantine bool `json:"-"`
}

// FormatLabel is the input's format as the summaries list it, with the
// sheet read of a workbook: "xlsx, sheet 'Contacts UK'", so that a reader
// knows which of its sheets was audited.
func (in *Input) FormatLabel() string {
	if in.Sheet == "" {
		return in.Format
	}
	return in.Format + ", sheet " + SheetRef(in.Sheet)
}

// ColumnUse is one field read from one column of an input.
type ColumnUse struct {
	Field  string `json:"field"`
	Header string `json:"header"`
}

// EvidenceFile describes a file read as evidence about the list's numbers:
// a suppression list, a send log or a baseline.
type EvidenceFile struct {
	Path string `json:"path"`
	// Kind is "suppression-list", "send-log" or "baseline".
	Kind string `json:"kind"`
	// Entries counts the usable entries (numbers, hashes, sends, findings).
	Entries int `json:"entries"`
	// Invalid counts lines that could not be used.
	Invalid int `json:"invalid"`
	// OptOutReplies counts a send log's opt-out replies (STOP), which
	// Entries counts too.
	OptOutReplies int    `json:"opt_out_replies,omitempty"`
	SHA256        string `json:"sha256"`
}

// Summary counts what an audit saw and found.
type Summary struct {
	Rows          int              `json:"rows"`
	UniqueNumbers int              `json:"unique_numbers"`
	BySeverity    map[Severity]int `json:"by_severity"`
	ByRule        map[string]int   `json:"by_rule"`
	// LogNumbersNotInList counts numbers of the send logs the list lacks.
	LogNumbersNotInList int `json:"log_numbers_not_in_list"`
	// OptOutReplies counts the send logs' opt-out replies, and
	// OptOutReplyRows the rows whose number one of them opts out.
	OptOutReplies   int `json:"opt_out_replies"`
	OptOutReplyRows int `json:"opt_out_reply_rows"`
	// BaselineHidden counts findings the baseline accepted and hid.
	BaselineHidden int `json:"baseline_hidden"`
	// NoRegion counts the rows whose number has no + country code and no
	// region to read it with (no --region, no country cell): when they are
	// most of the list, the table's next step is --region, not fix.
	NoRegion int `json:"-"`
	// DateHints counts the rows whose dates could not be read but would
	// be with a --date-format, by that pattern ("DD/MM/YYYY", or
	// "DD/MM/YYYY or MM/DD/YYYY" when either reads them): the table's
	// next steps name the flag.
	DateHints map[string]int `json:"-"`
	// ByRuleSeverity counts findings by rule and severity, so reports need
	// not read every finding to count them.
	ByRuleSeverity map[RuleSeverity]int `json:"-"`
}

// RuleSeverity is a rule id with one of the severities it raised.
type RuleSeverity struct {
	Rule     string
	Severity Severity
}

// Verdict says whether the run fails at its threshold.
type Verdict struct {
	FailOn Threshold `json:"fail_on"`
	Failed bool      `json:"failed"`
}

// Invocation is how and when a run was made, which reports record beside
// the audit time: Now may be set to another day (--now), and a report
// audited as of that day must still say when it was made.
type Invocation struct {
	// Command is the command line as reports record it: "listaudit", then
	// the arguments as given, but a --map header that holds a number or an
	// e-mail address masked as reports mask headers (unless --show-pii).
	Command []string
	// WorkDir is the absolute working directory that relative paths are
	// read from; "" when unknown.
	WorkDir string
	// StartedAt is when the audit started and GeneratedAt when it ended
	// and its reports were made, by the real clock, in UTC to the second;
	// zero when unknown.
	StartedAt, GeneratedAt time.Time
}

// AuditDate is the date line of a report for people: now in layout, and
// when generated, in the same layout, says otherwise (an audit as of
// another day), both: "audited as of 2026-01-15 (generated 2026-12-05)".
// A zero generated is unknown and not shown.
func AuditDate(now, generated time.Time, layout string) string {
	asOf := now.UTC().Format(layout)
	if generated.IsZero() {
		return asOf
	}
	if made := generated.UTC().Format(layout); made != asOf {
		return "audited as of " + asOf + " (generated " + made + ")"
	}
	return asOf
}

// TitleLines joins the parts of a title for people ("listaudit dev",
// "audited as of …", "fail-on: error") with " · ", on one line when it
// fits width columns, else on as many as it takes, each broken at a
// separator or before a parenthesis ("audited as of 2026-01-15 (generated
// …)"), never inside a part. A title is made of words and dates, each
// character one column.
func TitleLines(parts []string, width int) string {
	type piece struct{ join, text string }
	var pieces []piece
	for i, p := range parts {
		join := " · "
		if i == 0 {
			join = ""
		}
		if before, after, ok := strings.Cut(p, " ("); ok {
			pieces = append(pieces, piece{join, before}, piece{" ", "(" + after})
			continue
		}
		pieces = append(pieces, piece{join, p})
	}
	var b strings.Builder
	line := ""
	for i, pc := range pieces {
		switch {
		case i == 0:
			line = pc.text
		case utf8.RuneCountInString(line+pc.join+pc.text) <= width:
			line += pc.join + pc.text
		default:
			b.WriteString(line + "\n")
			line = pc.text
		}
	}
	b.WriteString(line + "\n")
	return b.String()
}

// Result is everything one audit produced; every report renders it.
type Result struct {
	Tool Tool
	// Now is the time the audit is as of.
	Now time.Time
	Invocation
	Inputs   []Input
	Evidence []EvidenceFile
	Policy   Policy
	// RuleSeverity is the severity each catalogue rule ran at under
	// Policy (--strict and per-rule overrides applied), for the reports
	// that describe the rules. The audit fills it; a rule it lacks is
	// described at its catalogue severity.
	RuleSeverity map[string]Severity
	Summary      Summary
	Findings     Findings
	// Accepted holds the findings a baseline hid; --write-baseline keeps
	// them accepted. Nil when no baseline was read.
	Accepted Findings
	Verdict  Verdict
	// Jurisdictions lists the jurisdictions of the built-in table that
	// judged rows, by code; nil when the policy does not apply the table.
	Jurisdictions []JurisdictionUse
}

// Decide sets the verdict and summary counts from the findings.
func (r *Result) Decide() {
	if r.Findings == nil {
		r.Findings = FindingSlice{}
	}
	var t Tally
	for f := range r.Findings.All() {
		t.Add(f)
	}
	r.DecideFrom(&t)
}

// Tally counts findings by severity and rule as they are produced, so a
// large result need not be read again to be decided. An audit counts every
// finding on its way, and there are few rules: a short list searched in
// order costs less than hashing each finding's rule id.
type Tally struct {
	counts []ruleCount
}

type ruleCount struct {
	key RuleSeverity
	n   int
}

// Add counts one finding.
func (t *Tally) Add(f *Finding) { t.add(RuleSeverity{f.Rule, f.Severity}, 1) }

// AddN counts n findings of one rule and severity: those counted but never
// built, as no report would read them.
func (t *Tally) AddN(k RuleSeverity, n int) {
	if n > 0 {
		t.add(k, n)
	}
}

func (t *Tally) add(k RuleSeverity, n int) {
	for i := range t.counts {
		// Rule ids are the rules' own constants, so the strings compare
		// equal by address.
		if c := &t.counts[i]; c.key.Severity == k.Severity && c.key.Rule == k.Rule {
			c.n += n
			return
		}
	}
	t.counts = append(t.counts, ruleCount{k, n})
}

// Merge adds another tally's counts.
func (t *Tally) Merge(o *Tally) {
	for _, c := range o.counts {
		t.add(c.key, c.n)
	}
}

// Subtract removes another tally's counts (findings counted, then hidden).
func (t *Tally) Subtract(o *Tally) {
	for _, c := range o.counts {
		t.add(c.key, -c.n)
	}
	t.counts = slices.DeleteFunc(t.counts, func(c ruleCount) bool { return c.n <= 0 })
}

// Reset empties the tally, keeping its memory.
func (t *Tally) Reset() { t.counts = t.counts[:0] }

// DecideFrom sets the summary counts and the verdict from a tally of every
// finding of r.
func (r *Result) DecideFrom(t *Tally) {
	r.Summary.BySeverity, r.Summary.ByRule = map[Severity]int{}, map[string]int{}
	r.Summary.ByRuleSeverity = make(map[RuleSeverity]int, len(t.counts))
	failed := false
	for _, c := range t.counts {
		k, n := c.key, c.n
		r.Summary.BySeverity[k.Severity] += n
		r.Summary.ByRule[k.Rule] += n
		r.Summary.ByRuleSeverity[k] = n
		failed = failed || r.Policy.FailOn.Fails(k.Severity)
	}
	r.Verdict = Verdict{FailOn: r.Policy.FailOn, Failed: failed}
}

// FindingsErr reports a failure to read the findings back: anything
// rendered from them while it is set is incomplete.
func (r *Result) FindingsErr() error {
	var err error
	for _, fs := range []Findings{r.Findings, r.Accepted} {
		if fs != nil {
			err = cmp.Or(err, fs.Err())
		}
	}
	if err != nil {
		return fmt.Errorf("read findings back: %w", err)
	}
	return nil
}

// Close releases the result's findings storage.
func (r *Result) Close() error {
	var err error
	for _, fs := range []Findings{r.Findings, r.Accepted} {
		if fs != nil {
			err = cmp.Or(err, fs.Close())
		}
	}
	return err
}
