package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/input"
	"github.com/listaudit/listaudit/pkg/rules"
)

// The table ends with what to do next: the steps that fit the result, each
// a sentence, and the fix command written out to be copied.

// Where the suggested commands write: names a person can keep or change.
const (
	nextClean          = "clean.csv"
	nextQuarantine     = "removed.csv"
	nextCleanXLSX      = "clean.xlsx"
	nextQuarantineXLSX = "removed.xlsx"
	nextHTML           = "audit.html"
	nextBaseline       = "baseline.json"
)

// A list read from standard input (-) must be piped in again to the
// suggested fix: "listaudit fix -" pasted as printed would wait for the
// keyboard. LIST stands for where it came from, which the run cannot
// know, as HEADER and XX do in the other steps.
const (
	nextStdinPipe = "cat LIST |"
	nextStdinNote = "This check read a list from standard input: pipe it in again, LIST being where it comes from:"
)

// writeNextSteps writes the steps that fit r, under "Next steps": first
// the remedy of each cause that makes most rows fail at once (numbers
// without a country code, no consent column) or the list read wrong (a
// country column not read: see listCauses), and then
// fix only as what to run once the list reads right; else the fix command
// when fix would remove rows; how to see every finding when the table
// listed fewer (listed); a baseline when the findings are warnings a team
// may accept (no errors, no baseline read, and no cause: a list that reads
// wrong is no list to accept). Nothing when none fits.
func writeNextSteps(b *bytes.Buffer, r *domain.Result, opts Options, listed int) {
	width := fitWidth(opts.Width)
	var steps bytes.Buffer
	causes := listCauses(r)
	for _, c := range causes {
		writeWrapped(&steps, c.remedy, width)
	}
	if step := dateFormatStep(r.Summary.DateHints, r.Policy.DateFormat, r.Summary.Rows); step != "" {
		writeWrapped(&steps, step, width)
	}
	if cmd := fixCommand(r, opts.FixFlags); cmd.args != nil {
		switch n := maxRemoved(causes); {
		case len(causes) > 0 && n == 0:
			// The list reads wrong (a country column not read): fix
			// would write what the audit misread.
			writeWrapped(&steps, "Then check again, and run listaudit fix once the list reads right.", width)
		case len(causes) > 0:
			// A fix now would quarantine what the causes explain: most
			// of the list. It is no answer, and no command is given.
			writeWrapped(&steps, fmt.Sprintf("Then check again: as the list reads now, listaudit fix would leave out at least %s of %s.",
				thousands(n), plural(r.Summary.Rows, "row", "rows")), width)
		case onlyQuarantines(r):
			clean, _ := nextNames(r)
			writeWrapped(&steps, cmd.leadIn(fmt.Sprintf("Fix the corrected rows together with the clean list they were left out of (%s here: give its name), so that duplicates and opt-outs of their numbers are found again, into a new clean list and quarantine file:",
				clean)), width)
			writeCommand(&steps, cmd, width)
		default:
			writeWrapped(&steps, cmd.leadIn("Write a clean list, and the rows it leaves out with the reasons:"), width)
			writeCommand(&steps, cmd, width)
		}
	}
	if total := r.Findings.Len(); listed < total {
		writeWrapped(&steps, fmt.Sprintf("See all %s findings: add --limit 0, or --report html=%s for a report to open in a browser.",
			thousands(total), nextHTML), width)
	}
	if len(causes) == 0 && r.Summary.BySeverity[domain.Error] == 0 && r.Summary.BySeverity[domain.Warning] > 0 && r.Policy.Baseline == "" {
		writeWrapped(&steps, baselineStep(opts.WroteBaseline, opts.WroteBaselineInPlace), width)
	}
	if steps.Len() == 0 {
		return
	}
	b.WriteString("\nNext steps\n")
	b.Write(steps.Bytes())
}

// baselineStep is the step that accepts a run's findings: write a
// baseline, then check with it; only the check when this run wrote one
// (wrote, its --write-baseline). Written to standard output ("-") or in
// place (inPlace: a device, a FIFO), it is no file a later run can read:
// where the reader saved it is the reader's to name.
func baselineStep(wrote string, inPlace bool) string {
	switch {
	case wrote == "":
		return fmt.Sprintf("Accept these findings, so that later runs report only new ones: add --write-baseline %s, then check with --baseline %s.",
			nextBaseline, nextBaseline)
	case wrote == "-" || inPlace:
		to := "standard output"
		if wrote != "-" {
			to = printable(shellQuote(wrote))
		}
		return fmt.Sprintf("Check later runs with --baseline FILE, FILE being where you saved the baseline this run wrote to %s: they will report only new findings.", to)
	}
	return fmt.Sprintf("Check later runs with --baseline %s, the baseline this run wrote: they will report only new findings.",
		printable(shellQuote(argPath(wrote))))
}

// dateFormatStep proposes the --date-format that reads the most rows'
// unreadable dates (Summary.DateHints), counting the rows of the patterns
// it reads as well (M/D/YYYY reads 12/31/2024, whose hint is MM/DD/YYYY).
// Where it reads rows that the other order of day and month reads too
// (3/4/2025), it names both, and the rows that only one reads, never
// picking one quietly: a row written 13/1/2026 must not turn a list of
// 11/12/2024 into day-first dates. The first named is the one that more
// rows read only so; on a tie, and for the rows either reads when the time
// is of a 12-hour clock, which the United States write month first, the
// month first with such a time and the day first without. given is the
// run's --date-format (a Go layout, "" for none): then the step proposes
// only a pattern that reads what given reads, in its place (one
// --date-format reads one layout), never the other order, and the rows
// left are to be corrected at the source; but when no row of the list
// (rows) has a date it reads, given is the wrong format, and the step
// proposes the one that reads the most in its place. "" when there is no
// hint.
// DateFormatStep is the step that names the --date-format reading the
// dates of r's rows that none was read from ("" when none): what fix's
// summary says too.
func DateFormatStep(r *domain.Result) string {
	return dateFormatStep(r.Summary.DateHints, r.Policy.DateFormat, r.Summary.Rows)
}

func dateFormatStep(hints map[string]int, given string, rows int) string {
	if len(hints) == 0 {
		return ""
	}
	givenPattern := cellvalue.PatternOf(given)
	best, ok := bestDateFormat(hints, givenPattern)
	place, pair := "", given == ""
	switch {
	case given == "":
	case ok:
		place = fmt.Sprintf(" in place of %s, which it reads as well", cellvalue.FlagValue(givenPattern))
	case sumValues(hints) < rows:
		return dateLeftStep(hints, nil, givenPattern)
	default:
		best, _ = bestDateFormat(hints, "")
		place, pair = fmt.Sprintf(" in place of %s, which reads no row's dates", cellvalue.FlagValue(givenPattern)), true
	}
	first, second := best, dateFormat{}
	if best.either > 0 && pair {
		first, second = dayMonthOrder(best, datePatternRows(cellvalue.SwapDayMonth(best.pattern), hints))
	}
	step := proposeDateFormat(first, second, place)
	return step + dateLeftStep(hints, []string{first.pattern, second.pattern}, givenPattern)
}

// dateFormat is a pattern the next step may propose, and the rows whose
// dates it reads: those only it reads (sure of the day's place), and those
// the other order of day and month reads too (either).
type dateFormat struct {
	pattern      string
	sure, either int
}

// datePatternRows counts the rows of hints whose dates pattern reads.
func datePatternRows(pattern string, hints map[string]int) dateFormat {
	f := dateFormat{pattern: pattern}
	for h, n := range hints {
		alts := strings.Split(h, " or ")
		switch {
		case !slices.ContainsFunc(alts, func(a string) bool { return cellvalue.PatternReads(pattern, a) }):
		case len(alts) == 1:
			f.sure += n
		default:
			f.either += n
		}
	}
	return f
}

// bestDateFormat is the pattern of hints, or the one of D, M and h made
// of it (LoosePattern), that reads the most rows; of those that read as
// many, the one more rows read only so, then the longest (DD/MM/YYYY
// rather than D/M/YYYY when they read the same rows), then the first in
// order. With givenPattern, only a pattern that reads its dates too
// counts. false when none does.
func bestDateFormat(hints map[string]int, givenPattern string) (dateFormat, bool) {
	var best dateFormat
	for h := range hints {
		for _, p := range strings.Split(h, " or ") {
			for _, q := range [...]string{p, cellvalue.LoosePattern(p)} {
				if givenPattern != "" && (q == givenPattern || !cellvalue.PatternReads(q, givenPattern)) {
					continue
				}
				if f := datePatternRows(q, hints); betterDateFormat(f, best) {
					best = f
				}
			}
		}
	}
	return best, best.pattern != ""
}

// betterDateFormat reports whether f is to be proposed rather than g.
func betterDateFormat(f, g dateFormat) bool {
	switch {
	case f.sure+f.either != g.sure+g.either:
		return f.sure+f.either > g.sure+g.either
	case f.sure != g.sure:
		return f.sure > g.sure
	case len(f.pattern) != len(g.pattern):
		return len(f.pattern) > len(g.pattern)
	}
	return f.pattern < g.pattern
}

// dayMonthOrder puts f and twin, the same pattern in the other order of
// day and month, in the order the step names them: first the one more
// rows read only so, the rows either reads counting for the month first
// when the time is of a 12-hour clock (h); on a tie, the month first with
// such a time, else the day first.
func dayMonthOrder(f, twin dateFormat) (first, second dateFormat) {
	twelve := strings.Contains(f.pattern, "h")
	weight := func(g dateFormat) int {
		if twelve && strings.HasPrefix(g.pattern, "M") {
			return g.sure + g.either
		}
		return g.sure
	}
	preferred := "D"
	if twelve {
		preferred = "M"
	}
	if weight(twin) > weight(f) || weight(twin) == weight(f) && strings.HasPrefix(twin.pattern, preferred) {
		return twin, f
	}
	return f, twin
}

// proposeDateFormat is the step's proposal of first, and of second, its
// other order of day and month, when it is not empty; place says how it
// stands to the run's --date-format (" in place of M/D/YYYY, …"), "" for
// none.
func proposeDateFormat(first, second dateFormat, place string) string {
	verb := "Add"
	if place != "" {
		verb = "Use"
	}
	pattern := cellvalue.FlagValue(first.pattern)
	rows := first.sure + first.either
	if second.pattern == "" {
		return fmt.Sprintf("%s --date-format %s%s: %s written %s, which the audit cannot read without it.",
			verb, pattern, place, plural(rows, "row has dates", "rows have dates"), first.pattern)
	}
	other, when := cellvalue.FlagValue(second.pattern), "if the day comes first"
	if strings.HasPrefix(second.pattern, "M") {
		when = "if the month comes first"
	}
	if place != "" {
		when += "," + place
	}
	step := fmt.Sprintf("%s --date-format %s, or %s %s: ", verb, pattern, other, when)
	if first.sure == 0 && second.sure == 0 {
		return step + fmt.Sprintf("%s written so, which the audit cannot read without it.", plural(rows, "row has dates", "rows have dates"))
	}
	split := []string{fmt.Sprintf("%d that either reads", first.either)}
	for _, f := range [...]dateFormat{first, second} {
		if f.sure > 0 {
			split = append(split, fmt.Sprintf("%d that only %s reads", f.sure, f.pattern))
		}
	}
	return step + fmt.Sprintf("%s dates the audit cannot read without one of them: %s. Check which order your export writes: the rows written in the other order are to be corrected at the source.",
		plural(rows+second.sure, "row has", "rows have"), strings.Join(split, ", "))
}

// dateLeftStep counts the rows of hints that none of proposed reads,
// which are to be corrected at the source: one --date-format reads one
// layout. "" when there are none.
func dateLeftStep(hints map[string]int, proposed []string, givenPattern string) string {
	var others []string
	more := 0
	for h, n := range hints {
		readByProposed := func(p string) bool {
			return slices.ContainsFunc(proposed, func(q string) bool { return q != "" && cellvalue.PatternReads(q, p) })
		}
		if !slices.ContainsFunc(strings.Split(h, " or "), readByProposed) {
			others, more = append(others, h), more+n
		}
	}
	if more == 0 {
		return ""
	}
	slices.Sort(others)
	if len(proposed) == 0 {
		return fmt.Sprintf("Correct at the source the dates that --date-format %s does not read: %s written %s (their date-invalid findings name them).",
			cellvalue.FlagValue(givenPattern), plural(more, "row has dates", "rows have dates"), strings.Join(others, "; "))
	}
	return fmt.Sprintf(" %s written otherwise (%s): correct them at the source.",
		plural(more, "more row has dates", "more rows have dates"), strings.Join(others, "; "))
}

// sumValues is the sum of m's values.
func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// cause is one reason that makes many rows fail at once, which a flag
// fixes rather than an edit of each row.
type cause struct {
	remedy string
	// rows is how many rows it makes fail; removes says whether fix would
	// quarantine them (their rule's severity is at or above --drop-on).
	rows    int
	removes bool
}

// listCauses finds the causes that make more than half of r's rows fail:
// numbers written without a country code when the run has no region to
// read them with (they are all phone-invalid), inputs none of which has a
// consent source column (every row is consent-missing), and, when another
// input has one, vCards (none of their rows has a consent source). A column of
// countries that is not read as the country is a cause however many rows
// it makes fail: --region, which it leaves to read the numbers, reads
// every row as one country's.
func listCauses(r *domain.Result) []cause {
	dropOn := fixDropOn(r)
	most := func(n int) bool { return n > 0 && 2*n > r.Summary.Rows }
	var causes []cause
	country := countryColumn(r)
	switch n := r.Summary.NoRegion; {
	case most(n) && country != "":
		// --region would read every row as one country's: the list says
		// each row's.
		causes = append(causes, cause{
			remedy: fmt.Sprintf("Map your country column: --map country=%s. %s no country code (+), and column %s holds a country code or name on (nearly) every row: mapped, it reads each number as its row's country's (--region would read them all as one country's).",
				printable(shellQuote(country)), plural(n, "number has", "numbers have"), printable(strconv.Quote(country))),
			rows: n, removes: ruleRemoves(r, rules.PhoneInvalid, dropOn)})
	case most(n):
		causes = append(causes, cause{
			remedy: fmt.Sprintf("Add --region XX: %s no country code (+), so the audit cannot read them. XX is the country they belong to: a code such as KE, GB or FR.",
				plural(n, "number has", "numbers have")),
			rows: n, removes: ruleRemoves(r, rules.PhoneInvalid, dropOn)})
	case country != "":
		causes = append(causes, cause{remedy: countryRemedy(country, r.Policy.DefaultRegion)})
	}
	n := r.Summary.ByRule[rules.ConsentMissing]
	switch vcards := vCardRows(r, n); {
	case !anyInputHas(r, domain.FieldConsentSource):
		if most(n) {
			causes = append(causes, cause{remedy: consentRemedy(r, n), rows: n, removes: ruleRemoves(r, rules.ConsentMissing, dropOn)})
		}
	case most(vcards):
		// Another input records consent, but the vCards' rows, most of
		// the list, cannot (QA 27 newfx F1): fix would leave them out.
		causes = append(causes, cause{remedy: vCardRemedy(r, vcards), rows: vcards, removes: ruleRemoves(r, rules.ConsentMissing, dropOn)})
	}
	return causes
}

// vCardRows is how many of the n consent-missing rows of r are a vCard's:
// all of its rows, a vCard having no consent fields, and no more than n
// (none when the rule is disabled).
func vCardRows(r *domain.Result, n int) int {
	rows := 0
	for _, in := range r.Inputs {
		if strings.HasPrefix(in.Format, input.FormatVCard) {
			rows += in.Rows
		}
	}
	return min(rows, n)
}

// vCardRemedy says what gives the n consent-missing rows of r's vCards a
// consent source when another input has one: an export of their contacts
// that records it, a vCard having no consent fields and taking no --map.
func vCardRemedy(r *domain.Result, n int) string {
	vcards := vCardInputs(r)
	missing := plural(n, "row is", "rows are")
	if len(vcards) == 1 {
		return fmt.Sprintf("%s is a vCard, which records no consent and takes no --map, so %s consent-missing. Check instead a CSV or XLSX export of its contacts, with columns for how (consent_source) and when (consent_at) each opted in.",
			vcards[0], missing)
	}
	return fmt.Sprintf("%s are vCards, which record no consent and take no --map, so %s consent-missing. Check instead CSV or XLSX exports of their contacts, with columns for how (consent_source) and when (consent_at) each opted in.",
		strings.Join(vcards, ", "), missing)
}

// consentRemedy says what gives the n consent-missing rows of r, whose
// inputs have no consent source column, a consent source: --map, for the
// inputs with columns to map. A vCard has none, and takes no --map (its
// fields are fixed), so for one the remedy is another export of its
// contacts, one that records their consent.
func consentRemedy(r *domain.Result, n int) string {
	vcards := vCardInputs(r)
	missing := plural(n, "row is", "rows are")
	if len(vcards) == len(r.Inputs) {
		return fmt.Sprintf("A vCard records no consent: none of its fields says how a contact opted in, and it takes no --map, so %s consent-missing. Keep the consent records in a CSV or XLSX export of these contacts, with columns for how (consent_source) and when (consent_at) each opted in, and check that file instead.",
			missing)
	}
	remedy := fmt.Sprintf("Map your consent column: --map consent_source=HEADER, HEADER being the column that records how each contact opted in. No column was recognised as one, so %s consent-missing.",
		missing)
	if len(vcards) == 0 {
		return remedy
	}
	if len(vcards) == 1 {
		return remedy + fmt.Sprintf(" %s is a vCard, which records no consent and takes no --map: check instead a CSV or XLSX export of its contacts with that column.",
			vcards[0])
	}
	return remedy + fmt.Sprintf(" %s are vCards, which record no consent and take no --map: check instead CSV or XLSX exports of their contacts with that column.",
		strings.Join(vcards, ", "))
}

// vCardInputs are the paths of r's inputs that are vCards, as the table
// shows paths.
func vCardInputs(r *domain.Result) []string {
	var paths []string
	for _, in := range r.Inputs {
		if strings.HasPrefix(in.Format, input.FormatVCard) {
			paths = append(paths, printable(in.Path))
		}
	}
	return paths
}

// countryColumn is the first input's column that holds a country on
// (nearly) every row while no column is read as the country
// (domain.Input.CountryColumn); "" when none has one.
func countryColumn(r *domain.Result) string {
	for _, in := range r.Inputs {
		if in.CountryColumn != "" {
			return in.CountryColumn
		}
	}
	return ""
}

// countryRemedy says to map column as the country: the numbers without +
// are read as region's (--region), or not at all, whatever their row's
// country.
func countryRemedy(column, region string) string {
	read := "cannot be read"
	if region != "" {
		read = "are all read as " + region + "'s (--region)"
	}
	return fmt.Sprintf("Map your country column: --map country=%s. Column %s holds a country code or name on (nearly) every row, but no column is read as the country, so numbers without + %s, whatever their row's country.",
		printable(shellQuote(column)), printable(strconv.Quote(column)), read)
}

// maxRemoved is the most rows one of causes makes fix quarantine: fix
// would leave out at least that many.
func maxRemoved(causes []cause) int {
	n := 0
	for _, c := range causes {
		if c.removes {
			n = max(n, c.rows)
		}
	}
	return n
}

// ruleRemoves reports whether fix quarantines the rows with a finding of
// rule: some were raised at or above dropOn.
func ruleRemoves(r *domain.Result, rule string, dropOn domain.Severity) bool {
	for k, n := range r.Summary.ByRuleSeverity {
		if k.Rule == rule && n > 0 && k.Severity >= dropOn {
			return true
		}
	}
	return false
}

// anyInputHas reports whether some input has a column read as field f.
func anyInputHas(r *domain.Result, f domain.Field) bool {
	for _, in := range r.Inputs {
		for _, c := range in.Columns {
			if c.Field == f.Name() {
				return true
			}
		}
	}
	return false
}

// command is a shell command a step suggests: its arguments, each quoted
// for a POSIX shell where it must be, after pipe, written as it is: what
// gives the command its standard input ("" for none).
type command struct {
	pipe string
	args []string
}

// leadIn is text, the sentence that introduces c and ends in ":", with
// what to pipe into c said after it when c reads standard input.
func (c command) leadIn(text string) string {
	if c.pipe == "" {
		return text
	}
	return strings.TrimSuffix(text, ":") + ". " + nextStdinNote
}

// fixCommand is the listaudit fix command for the inputs of r, with flags
// (the run's flags that fix takes too); no arguments when fix would
// remove no row. An input read from standard input is piped in again
// (nextStdinPipe). fix removes the rows with a finding at or above
// --drop-on, each duplicate but one and the numbers that must not be
// messaged. --drop-on is error unless the run failed on a lower level:
// then that level, so that the clean list passes.
func fixCommand(r *domain.Result, flags []string) command {
	dropOn := fixDropOn(r)
	removes := false
	for k, n := range r.Summary.ByRuleSeverity {
		rule, known := rules.Lookup(k.Rule)
		// A finding fix cures (rules.Rule.CuredByFix: phone-not-e164)
		// removes no row, but fix still changes the list: it counts.
		removes = removes || n > 0 && (k.Severity >= dropOn || k.Rule == rules.Duplicate || known && rule.ForbidsMessaging)
	}
	if !removes {
		return command{}
	}
	var cmd command
	args := []string{"listaudit", "fix"}
	inputs := map[string]bool{}
	clean, quarantine := nextNames(r)
	if onlyQuarantines(r) {
		// Fixed alone, a quarantine file's duplicates would join a second
		// clean list, and writing to clean.csv would replace the first:
		// its clean list comes first, as an input.
		args = append(args, clean)
		inputs[clean] = true
		// The first quarantine file, kept beside an edited copy, is not
		// written over either.
		inputs[quarantine] = true
	}
	for _, in := range r.Inputs {
		if in.Path == "-" {
			cmd.pipe = nextStdinPipe
		}
		args = append(args, argPath(in.Path))
		inputs[filepath.Clean(in.Path)] = true
	}
	args = append(args, flags...)
	if dropOn != domain.Error {
		args = append(args, "--drop-on", dropOn.String())
	}
	cmd.args = append(args, "-o", unusedName(clean, inputs), "--quarantine", unusedName(quarantine, inputs))
	return cmd
}

// nextNames are the clean list and quarantine file the suggested fix
// writes: CSV, or a workbook's list back as a workbook (its numbers as
// text cells, with their + and leading zeros, which a CSV file opened in
// Excel loses: 2.54712E+11).
func nextNames(r *domain.Result) (clean, quarantine string) {
	if len(r.Inputs) > 0 && strings.HasPrefix(r.Inputs[0].Format, "xlsx") {
		return nextCleanXLSX, nextQuarantineXLSX
	}
	return nextClean, nextQuarantine
}

// onlyQuarantines reports whether every input is a quarantine file that
// fix wrote: rows corrected to be fixed again.
func onlyQuarantines(r *domain.Result) bool {
	for _, in := range r.Inputs {
		if !in.Quarantine {
			return false
		}
	}
	return len(r.Inputs) > 0
}

// WrapStep is text as a step of Next steps: indented, wrapped to width.
func WrapStep(text string, width int) string {
	var b bytes.Buffer
	writeWrapped(&b, text, fitWidth(width))
	return b.String()
}

// RefixStep is the step fix's summary ends with when it quarantined rows:
// correct them, then fix them together with the clean list they were left
// out of (so that duplicates of its numbers are found again), into new
// files, with flags, the run's own (its policy, evidence and --now). It is
// text wrapped to width, the command quoted as the table's Next steps
// quote theirs.
func RefixStep(clean, quarantine string, flags []string, width int) string {
	width = fitWidth(width)
	var b bytes.Buffer
	writeWrapped(&b, fmt.Sprintf("Correct the rows in %s (its listaudit_rules column says why each was left out), then fix them together with the clean list:",
		printable(quarantine)), width)
	inputs := map[string]bool{filepath.Clean(clean): true, filepath.Clean(quarantine): true}
	args := append([]string{"listaudit", "fix", argPath(clean), argPath(quarantine)}, flags...)
	writeCommand(&b, command{args: append(args, "-o", unusedName(clean, inputs), "--quarantine", unusedName(quarantine, inputs))}, width)
	return b.String()
}

// argPath is path as an argument: a relative path that starts with -
// (-dash.csv) as ./-dash.csv, which no flag parser takes for flags.
func argPath(path string) string {
	if len(path) > 1 && path[0] == '-' {
		return "./" + path
	}
	return path
}

// fixDropOn is the --drop-on of the suggested fix: error, unless the run
// failed on a lower level, so that the clean list passes.
func fixDropOn(r *domain.Result) domain.Severity {
	dropOn := domain.Error
	if r.Verdict.Failed && !r.Verdict.FailOn.Never {
		dropOn = min(dropOn, r.Verdict.FailOn.Severity)
	}
	return dropOn
}

// unusedName is name, or name with a number before its extension, that is
// none of the inputs: fix refuses to write over one (an audit of a list
// that fix wrote before is likely to be named clean.csv).
func unusedName(name string, inputs map[string]bool) string {
	ext := filepath.Ext(name)
	base := strings.TrimSuffix(name, ext)
	for i := 2; inputs[name]; i++ {
		name = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	return name
}

// writeWrapped writes text as a step: indented, wrapped to width at word
// boundaries.
func writeWrapped(b *bytes.Buffer, text string, width int) {
	for _, line := range wrapText(text, width-len(indent)) {
		b.WriteString(indent + line + "\n")
	}
}

// writeCommand writes a shell command under a step, each argument quoted
// for a POSIX shell where it must be, after its pipe. A command wider than width goes on
// over several lines, each but the last ending in " \": pasted into a
// shell, it is one command. It is broken only between arguments, and not
// between a flag and its value.
func writeCommand(b *bytes.Buffer, cmd command, width int) {
	const first, next, cont = indent + "  ", indent + "      ", " \\"
	line := first
	for i, unit := range commandUnits(cmd) {
		if i > 0 && twwidth.Width(line)+1+twwidth.Width(unit)+len(cont) > width {
			b.WriteString(line + cont + "\n")
			line = next + unit
			continue
		}
		if i > 0 {
			line += " "
		}
		line += unit
	}
	b.WriteString(line + "\n")
}

// commandUnits quotes cmd's arguments and joins each flag with the value
// that follows it (an argument not starting with -): what a line break may
// not split. Its pipe, written as it is, comes first.
func commandUnits(cmd command) []string {
	isFlag := func(a string) bool { return len(a) > 1 && a[0] == '-' }
	var units []string
	if cmd.pipe != "" {
		units = append(units, cmd.pipe)
	}
	args := cmd.args
	for i := 0; i < len(args); i++ {
		unit := printable(shellQuote(args[i]))
		if isFlag(args[i]) && !strings.Contains(args[i], "=") && i+1 < len(args) && !isFlag(args[i+1]) {
			i++
			unit += " " + printable(shellQuote(args[i]))
		}
		units = append(units, unit)
	}
	return units
}

// shellQuote quotes s for a POSIX shell (domain.ShellQuote).
func shellQuote(s string) string { return domain.ShellQuote(s) }
