package fix

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/report"
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
	width := cmp.Or(s.Width, 80)
	b.WriteString(domain.TitleLines([]string{printable(name) + " " + mode, domain.AuditDate(s.Now, s.GeneratedAt, time.DateOnly), "drop-on: " + s.DropOn}, width))
	b.WriteString("\nInputs\n")
	pathWidth := 0
	for _, in := range s.Inputs {
		pathWidth = max(pathWidth, len(printable(in.Path)))
	}
	for _, in := range s.Inputs {
		fmt.Fprintf(&b, "  %-*s  %-11s %s\n", pathWidth, printable(in.Path), in.Format, plural(in.Rows, "row", "rows"))
	}
	evidence := make([]domain.EvidenceFile, len(s.Evidence))
	for i, e := range s.Evidence {
		evidence[i] = domain.EvidenceFile(e)
	}
	if err := report.WriteEvidence(&b, evidence); err != nil {
		return err
	}
	fmt.Fprintf(&b, "Rows %s · kept %s · quarantined %s", domain.Thousands(s.Rows), domain.Thousands(s.Kept), domain.Thousands(s.Quarantined))
	if s.Policy.Baseline != "" {
		// As check's summary line says it: what the baseline hid is not
		// in the counts below, and quarantines no row but those forbidding
		// messaging.
		fmt.Fprintf(&b, " · hidden by the baseline %s", domain.Thousands(s.BaselineHidden))
	}
	b.WriteString("\n")
	verb := "Quarantined"
	if s.DryRun {
		verb = "Would quarantine"
	}
	writeRules(&b, verb+", by rule", s.ByRule)
	writeRules(&b, "Kept with findings below "+s.DropOn+", by rule", s.KeptByRule)
	writeRules(&b, "Kept with findings the baseline hid, by rule", s.KeptHiddenByRule)
	if !s.DryRun && s.CleanSHA256 != "" {
		b.WriteString("\nWritten\n")
		nameWidth := max(len(outName(s.Clean)), len(outName(s.Quarantine)))
		fmt.Fprintf(&b, "  %-*s  sha256 %s\n", nameWidth, outName(s.Clean), report.ShortHash(s.CleanSHA256))
		fmt.Fprintf(&b, "  %-*s  sha256 %s\n", nameWidth, outName(s.Quarantine), report.ShortHash(s.QuarantineSHA256))
	}
	b.WriteString("\n")
	if w := s.RecheckWarning(); w != "" {
		b.WriteString(w + "\n")
	}
	b.WriteString(s.Outcome() + "\n")
	_, err := w.Write(b.Bytes())
	return err
}

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

// RecheckWarning says, in two lines, that the clean list does not pass
// the policy, when kept rows have findings at or above its fail-on
// (Summary.KeptFailing), and what would remove them; "" when none has. A
// check of the clean list fails on them, but on a number fix wrote as the
// audit recovered it (phone-excel-damaged), whose damage it no longer sees. fix quarantines by --drop-on, not by fail-on, so that which
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
			line += " A finding the baseline hid quarantines no row."
		}
		return line
	}
	return line + "\n  The baseline hid " + them + ", and a hidden finding quarantines no row but one forbidding messaging."
}

func writeRules(b *bytes.Buffer, title string, counts map[string]int) {
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
		fmt.Fprintf(b, "  %-*s  %*s\n", width, id, countWidth, domain.Thousands(counts[id]))
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
