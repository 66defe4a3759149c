package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// githubReporter writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
//
//	::notice title=listaudit::✗ 12 errors, 19 warnings in 1 file — failed (fail-on: error)
//	::error file=testdata/contacts.csv,line=5,title=phone-invalid::Phone: not a valid … (row 4, +2547******78)
//
// GitHub shows at most 10 annotations of each kind (error, warning, notice)
// per step and drops the rest, so the verdict comes first, always as a
// ::notice (an ::error would take a finding's slot, and the exit status
// already fails the step), and each kind's slots, Options.AnnotationsPerKind
// (default 10; the notices' less the verdict's), go to findings of that kind
// (warning → ::warning, info → ::notice): one per rule first, in the order
// the findings come, then a second per rule, and so on. The annotations are
// written in the result's order. A last plain log line, no annotation,
// counts the findings left out and says where to see them. Text is escaped
// as the runner expects, so a cell value cannot end a command or start a
// new one.
type githubReporter struct{}

// defaultAnnotationsPerKind is the cap when Options.AnnotationsPerKind is
// 0: what GitHub shows of each kind per step.
const defaultAnnotationsPerKind = 10

func (githubReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	return renderThenWrite(w, "github", func(b *bytes.Buffer) error {
		writeGitHub(b, r, opts)
		return nil
	})
}

// Reads: no rule can get more annotations than a kind has, and which ones
// it gets depends only on its first ones.
func (githubReporter) Reads(opts Options) domain.Retention {
	if limit := annotationsPerKind(opts); limit > 0 {
		return domain.Retention{PerRule: limit}
	}
	return domain.RetainAll
}

func annotationsPerKind(opts Options) int {
	if opts.AnnotationsPerKind == 0 {
		return defaultAnnotationsPerKind
	}
	return opts.AnnotationsPerKind
}

func writeGitHub(b *bytes.Buffer, r *domain.Result, opts Options) {
	limit := annotationsPerKind(opts)
	fmt.Fprintf(b, "::notice title=listaudit::%s\n", githubData(VerdictLine(r)))
	if limit < 0 {
		for f := range r.Findings.All() {
			writeGitHubAnnotation(b, f, opts)
		}
		return
	}

	// The first limit findings of each rule, in order: no rule can be
	// given more. Reading stops once every rule has them all.
	type candidate struct {
		seq int
		f   *domain.Finding
	}
	byRule := map[string][]candidate{}
	var ruleOrder []string // rules by their first finding
	full, seq := 0, 0
	for f := range r.Findings.All() {
		seq++
		c := byRule[f.Rule]
		if len(c) >= limit {
			continue
		}
		if c == nil {
			ruleOrder = append(ruleOrder, f.Rule)
		}
		byRule[f.Rule] = append(c, candidate{seq, f})
		if len(c)+1 == min(limit, r.Summary.ByRule[f.Rule]) {
			full++
		}
		if len(r.Summary.ByRule) > 0 && full == len(r.Summary.ByRule) {
			break // the rest could only be counted, and the summary has the counts
		}
	}

	// Each kind's slots, one finding per rule at a time.
	left := map[string]int{"error": limit, "warning": limit, "notice": limit - 1} // the verdict is a notice
	var chosen []candidate
	annotated := map[string]int{}
	for round := 0; round < limit; round++ {
		for _, id := range ruleOrder {
			c := byRule[id]
			if round >= len(c) {
				continue
			}
			if kind := githubCommand(c[round].f.Severity); left[kind] > 0 {
				left[kind]--
				annotated[id]++
				chosen = append(chosen, c[round])
			}
		}
	}
	slices.SortFunc(chosen, func(a, b candidate) int { return cmp.Compare(a.seq, b.seq) })
	for _, c := range chosen {
		writeGitHubAnnotation(b, c.f, opts)
	}

	var missing []string
	total := 0
	for _, id := range firedRules(r) {
		if n := r.Summary.ByRule[id] - annotated[id]; n > 0 {
			missing = append(missing, thousands(n)+" "+id)
			total += n
		}
	}
	if total > 0 {
		// A plain line: a notice would take a slot of its own.
		fmt.Fprintf(b, "%s\n", printable(fmt.Sprintf("listaudit: %s %s not annotated (at most %s of each kind per step, as GitHub shows no more): %s. %s.",
			thousands(total), pluralWord(total, "finding", "findings"), plural(limit, "annotation", "annotations"), strings.Join(missing, ", "),
			githubFullReports(opts.FullReports))))
	}
}

// githubFullReports says where the findings left unannotated are: the
// full reports the run wrote, or how to write one.
func githubFullReports(paths []string) string {
	if len(paths) == 0 {
		return "See every finding in a full report: --report json=FILE, csv=FILE or sarif=FILE"
	}
	return "See every finding in " + pluralWord(len(paths), "the full report: ", "the full reports: ") + strings.Join(paths, ", ")
}

// writeGitHubAnnotation writes f's workflow command.
func writeGitHubAnnotation(b *bytes.Buffer, f *domain.Finding, opts Options) {
	var props []string
	if f.Loc.File != "" && f.Loc.File != "-" {
		props = append(props, "file="+githubProperty(strings.ReplaceAll(reportPath(f.Loc.File), `\`, "/")))
		// A workbook has no lines: its cell is in the message.
		if f.Loc.Line >= 1 && f.Loc.Sheet == "" {
			props = append(props, fmt.Sprintf("line=%d", f.Loc.Line))
		}
	}
	props = append(props, "title="+githubProperty(f.Rule))
	msg := findingText(f, opts.ShowPII) + " (" + placeText(f.Loc)
	if n := pii.FindingNumber(f, opts.ShowPII); n != "" {
		msg += ", " + n
	}
	msg += ")"
	fmt.Fprintf(b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), githubData(msg))
}

// githubCommand is the workflow command for a severity.
func githubCommand(s domain.Severity) string {
	switch s {
	case domain.Error:
		return "error"
	case domain.Warning:
		return "warning"
	default:
		return "notice"
	}
}

// githubData escapes a command's message as the Actions runner unescapes
// it (toolkit's escapeData). Other control characters become '?'.
func githubData(s string) string {
	return githubDataEscaper.Replace(logSafe(s))
}

// githubProperty escapes a command property's value (toolkit's
// escapeProperty): as data, plus ':' and ',' which separate properties.
func githubProperty(s string) string {
	return githubPropertyEscaper.Replace(logSafe(s))
}

// logSafe keeps line breaks (the escaper encodes them) and tabs but turns
// other control characters and bidirectional overrides into '?'.
func logSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			return r
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			return '?'
		}
		return r
	}, s)
}

var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// pluralWord is one or many by n, without the number.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
