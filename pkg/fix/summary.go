package fix

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/report"
	"github.com/listaudit/listaudit/pkg/rules"
)

// WriteText writes the summary for a person: the inputs, the counts, the
// quarantined and kept rows by rule, and what was written.
func (s *Summary) WriteText(w io.Writer, version string) error {
	var b bytes.Buffer
	name := "listaudit"
	if version != "" {
		name += " " + version
	}
	mode := "fix"
	if s.DryRun {
		mode = "fix (dry run)"
	}
	width := s.TextWidth()
	b.WriteString(domain.Marks(s.ASCII, domain.TitleLines([]string{printable(name) + " " + mode, domain.AuditDate(s.Now, s.GeneratedAt, time.DateOnly), "drop-on: " + s.DropOn}, width)))
	b.WriteString("\nInputs\n")
	s.writeInputs(&b, width)
	evidence := make([]domain.EvidenceFile, len(s.Evidence))
	for i, e := range s.Evidence {
		evidence[i] = domain.EvidenceFile(e)
	}
	if err := report.WriteEvidence(&b, evidence, width, s.ASCII); err != nil {
		return err
	}
	counts := []string{"Rows " + domain.Thousands(s.Rows), "kept " + domain.Thousands(s.Kept), "quarantined " + domain.Thousands(s.Quarantined)}
	if s.Policy.Baseline != "" {
		// As check's summary line says it: what the baseline hid is not
		// in the counts below, and quarantines no row but those forbidding
		// messaging.
		counts = append(counts, "hidden by the baseline "+domain.Thousands(s.BaselineHidden))
	}
	b.WriteString(domain.Marks(s.ASCII, domain.TitleLines(counts, width)))
	verb := "Quarantined"
	if s.DryRun {
		verb = "Would quarantine"
	}
	writeRules(&b, verb+", by rule", s.ByRule, nil)
	writeRules(&b, "Kept with findings below "+s.DropOn+", by rule", s.KeptByRule, curedNote)
	writeRules(&b, "Kept with findings the baseline hid, by rule", s.KeptHiddenByRule, curedNote)
	if !s.DryRun && s.CleanSHA256 != "" {
		b.WriteString("\nWritten\n")
		nameWidth := max(len(outName(s.Clean)), len(outName(s.Quarantine)))
		fmt.Fprintf(&b, "  %-*s  sha256 %s\n", nameWidth, outName(s.Clean), domain.Marks(s.ASCII, report.ShortHash(s.CleanSHA256)))
		fmt.Fprintf(&b, "  %-*s  sha256 %s\n", nameWidth, outName(s.Quarantine), domain.Marks(s.ASCII, report.ShortHash(s.QuarantineSHA256)))
	}
	s.writeNextStep(&b, width)
	b.WriteString("\n")
	for _, w := range []string{s.HeldWarning(), s.HeldRulesWarning()} {
		if w != "" {
			b.WriteString(report.WrapLine(w, width))
		}
	}
	if w := s.RecheckWarning(); w != "" {
		// Its lines after the first are indented under it: they keep
		// their indent when wrapped.
		for _, line := range strings.Split(w, "\n") {
			text := strings.TrimLeft(line, " ")
			pad := line[:len(line)-len(text)]
			for _, l := range strings.SplitAfter(strings.TrimSuffix(report.WrapLine(text, width-len(pad)), "\n"), "\n") {
				b.WriteString(pad + l)
			}
			b.WriteString("\n")
		}
	}
	b.WriteString(report.WrapLine(domain.Marks(s.ASCII, s.Outcome()), width))
	_, err := w.Write(b.Bytes())
	return err
}

// writeInputs lists the inputs in columns of path, format and rows, or,
// where a line would be wider than width, each as a block as the check
// table does: its path on a line of its own, the rest under it.
func (s *Summary) writeInputs(b *bytes.Buffer, width int) {
	pathWidth, formatWidth := 0, 11
	for _, in := range s.Inputs {
		pathWidth = max(pathWidth, utf8.RuneCountInString(printable(in.Path)))
		formatWidth = max(formatWidth, utf8.RuneCountInString(in.FormatLabel()))
	}
	const columns = "  %-*s  %-*s %s"
	fits := true
	for _, in := range s.Inputs {
		line := fmt.Sprintf(columns, pathWidth, printable(in.Path), formatWidth, in.FormatLabel(), plural(in.Rows, "row", "rows"))
		fits = fits && utf8.RuneCountInString(strings.TrimRight(line, " ")) <= width
	}
	for _, in := range s.Inputs {
		if fits {
			fmt.Fprintf(b, columns+"\n", pathWidth, printable(in.Path), formatWidth, in.FormatLabel(), plural(in.Rows, "row", "rows"))
			continue
		}
		for _, line := range report.WrapText(printable(in.Path), width-len("  ")) {
			b.WriteString("  " + line + "\n")
		}
		fmt.Fprintf(b, "      %s  %s\n", in.FormatLabel(), plural(in.Rows, "row", "rows"))
	}
}

// TextWidth is the width the text summary fits: Width, or 80 columns.
func (s *Summary) TextWidth() int { return cmp.Or(s.Width, 80) }

// Outcome says in one line what the fix wrote: "✓ wrote 15 rows to
// clean.csv and 12 removed rows to removed.csv", or with DryRun what it
// would have. A clean list that every row left is no success, and is
// marked as a failure is: "✗ wrote 0 rows to clean.csv: all 4 rows went
// to removed.csv". The audit's verdict, which the exit status follows, is the
// input's, and is said apart from it (report.InputVerdictLine): a list
// that fails the audit is still cleaned.
func (s *Summary) Outcome() string {
	if s.DryRun {
		return fmt.Sprintf("Dry run: nothing was written; %s would be kept and %s removed.",
			plural(s.Kept, "row", "rows"), domain.Thousands(s.Quarantined))
	}
	if s.Kept == 0 && s.Quarantined > 0 {
		all := "all " + plural(s.Quarantined, "row", "rows")
		if s.Quarantined == 1 {
			all = "the 1 row"
		}
		return fmt.Sprintf("✗ wrote 0 rows to %s: %s went to %s", outName(s.Clean), all, outName(s.Quarantine))
	}
	return fmt.Sprintf("✓ wrote %s to %s and %s to %s", plural(s.Kept, "row", "rows"), outName(s.Clean),
		plural(s.Quarantined, "removed row", "removed rows"), outName(s.Quarantine))
}

// HeldWarning says that rows of a quarantine file fixed again went back to
// quarantine as row-malformed only because their listaudit_raw is not
// empty (Summary.HeldMalformed), and what to do; "" when none did. The
// audit's verdict does not count them: their records parse.
func (s *Summary) HeldWarning() string {
	if s.HeldMalformed == 0 {
		return ""
	}
	rows, were := plural(s.HeldMalformed, "row still has its", "rows still have their"), "were"
	if s.HeldMalformed == 1 {
		were = "was"
	}
	if s.DryRun {
		were = "would be"
	}
	return fmt.Sprintf("! %s listaudit_raw text and %s quarantined again as row-malformed: empty listaudit_raw once a row is corrected.", rows, were)
}

// HeldRulesWarning says how many rows of a quarantine file fixed again
// went back to quarantine because their listaudit_rules names rules this
// run cannot check again (Summary.HeldForRules), for which, and what
// releases them: the evidence given again, the number's other rows fixed
// with them, or the rules removed from the cell once a person has
// reviewed the row; "" when none did. As for HeldWarning, the audit's
// verdict does not count them: it found nothing there.
func (s *Summary) HeldRulesWarning() string {
	if s.HeldForRules == 0 {
		return ""
	}
	ids := slices.Sorted(maps.Keys(s.HeldByRule))
	counts := make([]string, len(ids))
	for i, id := range ids {
		counts[i] = id + " " + domain.Thousands(s.HeldByRule[id])
	}
	were, them, their, numbers := "were", "them", "their", "their numbers"
	if s.HeldForRules == 1 {
		were, them, their, numbers = "was", "it", "its", "its number"
	}
	if s.DryRun {
		were = "would be"
	}
	var todo []string
	switch {
	case s.HeldByRule[rules.Suppressed] > 0:
		// A suppression list or a send log's opt-out reply found it.
		todo = append(todo, "give --suppress and --messages again")
	case s.HeldByRule[rules.OverMessaged]+s.HeldByRule[rules.ContactedAfterOptOut] > 0:
		todo = append(todo, "give --messages again")
	}
	if s.HeldByRule[rules.Duplicate]+s.HeldByRule[rules.DuplicateConflict] > 0 {
		todo = append(todo, "fix "+them+" together with the other rows of "+numbers+", such as the clean list")
	}
	todo = append(todo, "after review, empty "+their+" listaudit_rules")
	if len(todo) > 1 {
		todo[len(todo)-1] = "or, " + todo[len(todo)-1]
	}
	return fmt.Sprintf("! %s %s held in quarantine for rules this run cannot check (%s): %s.",
		plural(s.HeldForRules, "row", "rows"), were, strings.Join(counts, ", "), strings.Join(todo, ", "))
}

// RecheckWarning says, in two lines, that the clean list does not pass
// the policy, when kept rows have findings at or above its fail-on
// (Summary.KeptFailing), and what would remove them; "" when none has. A
// check of the clean list fails on them, but on a number fix wrote as the
// audit recovered it (phone-excel-damaged), whose damage it no longer sees,
// and on a number's finding that a row quarantined as its duplicate had
// (numberFindings): the kept row is written with its own cells. fix quarantines by --drop-on, not by fail-on, so that which
// rows are messaged never changes with the exit status asked for.
func (s *Summary) RecheckWarning() string {
	if s.KeptFailing == 0 {
		return ""
	}
	failOn := s.Verdict.FailOn.String()
	rows, them := plural(s.KeptFailing, "kept row has a finding", "kept rows have findings"), "them"
	if s.KeptFailing == 1 {
		them = "it"
	}
	line := fmt.Sprintf("! %s at or above fail-on %s: the clean list does not pass this policy.", rows, failOn)
	dropOn, err := domain.ParseSeverity(s.DropOn)
	if err == nil && dropOn > s.Verdict.FailOn.Severity {
		line += fmt.Sprintf("\n  To quarantine %s too, fix with --drop-on %s (drop_on: %s in the policy file).", them, failOn, failOn)
		if s.BaselineHidden > 0 {
			line += " A finding the baseline hid quarantines no row but one " + hiddenDrops + "."
		}
		return line
	}
	return line + "\n  The baseline hid " + them + ", and a hidden finding quarantines no row but one " + hiddenDrops + "."
}

// hiddenDrops is what a finding the baseline hid quarantines a row for
// (ruleBit.hiddenKey, plan.dropWithoutNumber).
const hiddenDrops = "forbidding messaging or leaving the row without a number"

// writeNextStep writes the next steps: the --date-format that reads the
// dates none did, as check names it, and what to do with the quarantine
// file: correct its rows and fix them with the clean list (not for a dry
// run, a run that quarantined nothing, or files on standard output, which
// cannot be named).
func (s *Summary) writeNextStep(b *bytes.Buffer, width int) {
	refix := !s.DryRun && s.Quarantined > 0 && s.Clean != "" && s.Clean != "-" && s.Quarantine != "" && s.Quarantine != "-"
	if s.DateStep == "" && !refix {
		return
	}
	b.WriteString("\nNext steps\n")
	if s.DateStep != "" {
		b.WriteString(report.WrapStep(s.DateStep, width))
	}
	if refix {
		b.WriteString(report.RefixStep(s.Clean, s.Quarantine, s.RefixFlags, width))
	}
}

// curedNote says of a rule whose finding fix cures that the clean file no
// longer has it: "Kept with findings" would read as rows still to fix.
func curedNote(id string) string {
	if r, ok := rules.Lookup(id); ok && r.CuredByFix {
		return "fixed in the clean file"
	}
	return ""
}

// writeRules writes counts by rule under title; note, when set, gives a
// rule a remark after its count.
func writeRules(b *bytes.Buffer, title string, counts map[string]int, note func(id string) string) {
	if len(counts) == 0 {
		return
	}
	ids := make([]string, 0, len(counts))
	// The counts are right-aligned under ROWS, in five columns or as
	// wide as the widest.
	width, countWidth := len("RULE"), 5
	for id, n := range counts {
		ids = append(ids, id)
		width = max(width, len(id))
		countWidth = max(countWidth, len(domain.Thousands(n)))
	}
	slices.Sort(ids)
	fmt.Fprintf(b, "\n%s\n  %-*s  %*s\n", title, width, "RULE", countWidth, "ROWS")
	for _, id := range ids {
		line := fmt.Sprintf("  %-*s  %*s", width, id, countWidth, domain.Thousands(counts[id]))
		if note != nil {
			if n := note(id); n != "" {
				line += "  " + n
			}
		}
		b.WriteString(line + "\n")
	}
}

// WriteJSON writes the summary as one indented JSON object.
func (s *Summary) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return domain.Thousands(n) + " " + many
}

// outName names an output in the text summary: "-" is standard output.
func outName(path string) string {
	if path == "-" {
		return "standard output"
	}
	return printable(path)
}

// printable quotes a path holding control characters, so it cannot move
// the cursor or forge lines.
func printable(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) >= 0 {
		return strconv.QuoteToGraphic(s)
	}
	return s
}
