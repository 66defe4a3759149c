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
	if step := dateFormatStep(r.Summary.DateHints); step != "" {
		writeWrapped(&steps, step, width)
	}
	if cmd := fixCommand(r, opts.FixFlags); cmd != nil {
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
		default:
			writeWrapped(&steps, "Write a clean list, and the rows it leaves out with the reasons:", width)
			writeCommand(&steps, cmd, width)
		}
	}
	if total := r.Findings.Len(); listed < total {
		writeWrapped(&steps, fmt.Sprintf("See all %s findings: add --limit 0, or --report html=%s for a report to open in a browser.",
			thousands(total), nextHTML), width)
	}
	if len(causes) == 0 && r.Summary.BySeverity[domain.Error] == 0 && r.Summary.BySeverity[domain.Warning] > 0 && r.Policy.Baseline == "" {
		writeWrapped(&steps, fmt.Sprintf("Accept these findings, so that later runs report only new ones: add --write-baseline %s, then check with --baseline %s.",
			nextBaseline, nextBaseline), width)
	}
	if steps.Len() == 0 {
		return
	}
	b.WriteString("\nNext steps\n")
	b.Write(steps.Bytes())
}

// dateFormatStep proposes the --date-format that reads the most rows'
// unreadable dates (Summary.DateHints): a pattern sure of the day's place
// (15/03/2025) before one that may be either (01/02/2025), which offers
// both. A pattern reads the rows of the ones it takes in too (M/D/YYYY
// reads 12/31/2024, whose hint is MM/DD/YYYY). "" when there is none.
func dateFormatStep(hints map[string]int) string {
	best, rows, bestSure := "", 0, false
	for h := range hints {
		sure := !strings.Contains(h, " or ")
		n := hintRows(h, hints)
		if sure && !bestSure || sure == bestSure && (n > rows || n == rows && h < best) {
			best, rows, bestSure = h, n, sure
		}
	}
	if best == "" {
		return ""
	}
	dates := plural(rows, "row has dates", "rows have dates")
	pattern, other, when := cellvalue.HintFlags(best)
	step := fmt.Sprintf("Add --date-format %s: %s written %s, which the audit cannot read without it.", pattern, dates, best)
	if other != "" {
		step = fmt.Sprintf("Add --date-format %s, or %s %s: %s written so, which the audit cannot read without it.",
			pattern, other, when, dates)
	}
	// Other layouts in the same list: one --date-format reads only one.
	var others []string
	more := 0
	for h, n := range hints {
		readByBest := func(p string) bool { return cellvalue.PatternReads(best, p) }
		if h != best && !slices.ContainsFunc(strings.Split(h, " or "), readByBest) {
			others, more = append(others, h), more+n
		}
	}
	if more > 0 {
		slices.Sort(others)
		step += fmt.Sprintf(" %s written otherwise (%s): correct them at the source.",
			plural(more, "more row has dates", "more rows have dates"), strings.Join(others, "; "))
	}
	return step
}

// hintRows counts the rows whose dates hint's pattern reads: its own, and
// when it is sure of the day's place, those of the sure hints it takes in.
func hintRows(hint string, hints map[string]int) int {
	if strings.Contains(hint, " or ") {
		return hints[hint]
	}
	rows := 0
	for h, n := range hints {
		if cellvalue.PatternReads(hint, h) {
			rows += n
		}
	}
	return rows
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
// read them with (they are all phone-invalid), and inputs none of which
// has a consent source column (every row is consent-missing). A column of
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
	if n := r.Summary.ByRule[rules.ConsentMissing]; most(n) && !anyInputHas(r, domain.FieldConsentSource) {
		causes = append(causes, cause{
			remedy: fmt.Sprintf("Map your consent column: --map consent_source=HEADER, HEADER being the column that records how each contact opted in. No column was recognised as one, so %s consent-missing.",
				plural(n, "row is", "rows are")),
			rows: n, removes: ruleRemoves(r, rules.ConsentMissing, dropOn)})
	}
	return causes
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

// fixCommand is the listaudit fix command for the inputs of r, with flags
// (the run's flags that fix takes too), as arguments; nil when fix would
// remove no row. fix removes the rows with a finding at or above
// --drop-on, each duplicate but one and the numbers that must not be
// messaged. --drop-on is error unless the run failed on a lower level:
// then that level, so that the clean list passes.
func fixCommand(r *domain.Result, flags []string) []string {
	dropOn := fixDropOn(r)
	removes := false
	for k, n := range r.Summary.ByRuleSeverity {
		rule, known := rules.Lookup(k.Rule)
		// A finding fix cures (rules.Rule.CuredByFix: phone-not-e164)
		// removes no row, but fix still changes the list: it counts.
		removes = removes || n > 0 && (k.Severity >= dropOn || k.Rule == rules.Duplicate || known && rule.ForbidsMessaging)
	}
	if !removes {
		return nil
	}
	args := []string{"listaudit", "fix"}
	inputs := map[string]bool{}
	for _, in := range r.Inputs {
		args = append(args, argPath(in.Path))
		inputs[filepath.Clean(in.Path)] = true
	}
	args = append(args, flags...)
	if dropOn != domain.Error {
		args = append(args, "--drop-on", dropOn.String())
	}
	clean, quarantine := nextClean, nextQuarantine
	if len(r.Inputs) > 0 && strings.HasPrefix(r.Inputs[0].Format, "xlsx") {
		// A workbook's list back as a workbook: its numbers as text cells,
		// with their + and leading zeros, which a CSV file opened in Excel
		// loses (2.54712E+11).
		clean, quarantine = nextCleanXLSX, nextQuarantineXLSX
	}
	return append(args, "-o", unusedName(clean, inputs), "--quarantine", unusedName(quarantine, inputs))
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
// for a POSIX shell where it must be. A command wider than width goes on
// over several lines, each but the last ending in " \": pasted into a
// shell, it is one command. It is broken only between arguments, and not
// between a flag and its value.
func writeCommand(b *bytes.Buffer, args []string, width int) {
	const first, next, cont = indent + "  ", indent + "      ", " \\"
	line := first
	for i, unit := range commandUnits(args) {
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

// commandUnits quotes args and joins each flag with the value that follows
// it (an argument not starting with -): what a line break may not split.
func commandUnits(args []string) []string {
	isFlag := func(a string) bool { return len(a) > 1 && a[0] == '-' }
	var units []string
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
