package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
)

// githubReporter writes GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request:
//
//	::error file=testdata/contacts.csv,line=5,title=phone-invalid::Phone: not a valid … (row 4, +2547******78)
//
// one per finding in the result's order (warning → ::warning, info →
// ::notice), at most Options.AnnotationsPerRule per rule (default 10: GitHub
// shows no more than 10 of each kind per step). A capped rule gets one
// "::notice::listaudit: N more RULE findings not annotated (see the full
// report)" line, and a last line gives the verdict (::error when the run
// fails, ::notice when it passes). Text is escaped as the runner expects,
// so a cell value cannot end a command or start a new one.
type githubReporter struct{}

// defaultAnnotationsPerRule is the cap when Options.AnnotationsPerRule is 0.
const defaultAnnotationsPerRule = 10

func (githubReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	return renderThenWrite(w, "github", func(b *bytes.Buffer) error {
		writeGitHub(b, r, opts)
		return nil
	})
}

// Reads: the annotations are the first findings of each rule.
func (githubReporter) Reads(opts Options) domain.Retention {
	if limit := annotationsPerRule(opts); limit > 0 {
		return domain.Retention{PerRule: limit}
	}
	return domain.RetainAll
}

func annotationsPerRule(opts Options) int {
	if opts.AnnotationsPerRule == 0 {
		return defaultAnnotationsPerRule
	}
	return opts.AnnotationsPerRule
}

func writeGitHub(b *bytes.Buffer, r *domain.Result, opts Options) {
	limit := annotationsPerRule(opts)
	written := map[string]int{}
	full := 0 // rules of the summary with all their annotations written
	for f := range r.Findings.All() {
		if limit > 0 && written[f.Rule] >= limit {
			continue
		}
		written[f.Rule]++
		if limit > 0 && written[f.Rule] == min(limit, r.Summary.ByRule[f.Rule]) {
			full++
		}
		var props []string
		if f.Loc.File != "" && f.Loc.File != "-" {
			props = append(props, "file="+githubProperty(strings.ReplaceAll(f.Loc.File, `\`, "/")))
			if f.Loc.Line >= 1 {
				props = append(props, fmt.Sprintf("line=%d", f.Loc.Line))
			}
		}
		props = append(props, "title="+githubProperty(f.Rule))
		msg := fmt.Sprintf("%s (row %d", findingText(f), f.Loc.Row)
		if n := numberText(f, opts); n != "" {
			msg += ", " + n
		}
		msg += ")"
		fmt.Fprintf(b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), githubData(msg))
		if limit > 0 && len(r.Summary.ByRule) > 0 && full == len(r.Summary.ByRule) {
			break // the rest could only be counted, and the summary has the counts
		}
	}
	if limit > 0 {
		counts := r.Summary.ByRule
		for _, id := range firedRules(r) {
			if more := counts[id] - written[id]; more > 0 {
				fmt.Fprintf(b, "::notice::%s\n", githubData(fmt.Sprintf("listaudit: %d more %s %s not annotated (see the full report)",
					more, id, pluralWord(more, "finding", "findings"))))
			}
		}
	}
	cmd := "notice"
	if r.Verdict.Failed {
		cmd = "error"
	}
	fmt.Fprintf(b, "::%s title=listaudit::%s\n", cmd, githubData(VerdictLine(r)))
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
