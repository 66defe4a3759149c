package report

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strings"
	"unicode"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// markdownReporter writes a GitHub-flavoured Markdown summary for
// $GITHUB_STEP_SUMMARY or a pull-request comment:
//
//   - a "## ✅ listaudit: passed" or "## ❌ listaudit: failed" heading and a
//     line with the counts, inputs, rows, fail-on, version and date;
//   - a table of findings by severity (every severity, zeros included);
//   - a table of findings by rule (rule, severity, count), most severe
//     first;
//   - per rule that fired, its summary and a table of its first
//     markdownPerRule findings (location, masked number, message); a rule
//     with more folds its table in <details>, with a line saying how many
//     more there are and which full report lists them (Options.FullReports)
//     or how to write one.
//
// Every cell is escaped, so '|' cannot split a table and text from the
// audited files cannot become links, HTML, emphasis or math.
type markdownReporter struct{}

// Markdown is the Markdown reporter, for a caller that writes the summary
// whatever the format (the GitHub step summary).
var Markdown Reporter = markdownReporter{}

// markdownPerRule is how many findings the summary lists per rule.
const markdownPerRule = 5

// Reads: the summary lists the first markdownPerRule findings of each rule.
func (markdownReporter) Reads(Options) domain.Retention {
	return domain.Retention{PerRule: markdownPerRule}
}

func (markdownReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	return renderThenWrite(w, "markdown", func(b *bytes.Buffer) error {
		writeMarkdown(b, r, opts)
		return nil
	})
}

func writeMarkdown(b *bytes.Buffer, r *domain.Result, opts Options) {
	writeMarkdownHeading(b, r, "listaudit")
	fmt.Fprintf(b, "**%s** in %s · %s · %s · fail-on: %s\n\n",
		countsLine(r), plural(len(r.Inputs), "file", "files"), plural(r.Summary.Rows, "row", "rows"),
		plural(r.Summary.UniqueNumbers, "unique number", "unique numbers"), r.Verdict.FailOn)
	tool := "listaudit"
	if r.Tool.Version != "" {
		tool += " " + r.Tool.Version
	}
	if r.Tool.PhoneMetadata != "" {
		tool += " · phone metadata " + r.Tool.PhoneMetadata
	}
	fmt.Fprintf(b, "<sub>%s · %s</sub>\n", markdownText(tool), r.Now.UTC().Format("2006-01-02 15:04 UTC"))

	if r.Findings.Len() == 0 {
		b.WriteString("\nNo findings.\n")
		return
	}

	b.WriteString("\n### Findings by severity\n\n| Severity | Findings |\n| :-- | --: |\n")
	for _, sev := range domain.Severities {
		fmt.Fprintf(b, "| %s | %d |\n", sev, r.Summary.BySeverity[sev])
	}

	b.WriteString("\n### Findings by rule\n\n| Rule | Severity | Findings |\n| :-- | :-- | --: |\n")
	for _, c := range ruleSeverityCounts(r) {
		fmt.Fprintf(b, "| %s | %s | %d |\n", markdownCode(c.Rule), c.Severity, c.Count)
	}

	groups, counts := firstByRule(r.Findings, markdownPerRule, r.Summary.ByRule), r.Summary.ByRule
	for _, id := range firedRules(r) {
		writeMarkdownRule(b, id, groups[id], counts[id], opts)
	}
}

// writeMarkdownHeading writes the summary's heading: "## ❌ listaudit:
// failed", what names the command, and r's verdict.
func writeMarkdownHeading(b *bytes.Buffer, r *domain.Result, what string) {
	icon := "✅"
	if r.Verdict.Failed {
		icon = "❌"
	}
	fmt.Fprintf(b, "## %s %s: %s\n\n", icon, what, verdictWord(r))
}

// MarkdownOfText writes a command's plain-text summary (fix's) as a
// Markdown summary for $GITHUB_STEP_SUMMARY: the heading of the Markdown
// report, "## ❌ listaudit fix: failed", with r's verdict, and text as
// a code block, where its columns stay aligned and nothing in it is
// markup. The fence is longer than any run of backticks in text.
func MarkdownOfText(w io.Writer, r *domain.Result, command string, text []byte) error {
	return renderThenWrite(w, "markdown", func(b *bytes.Buffer) error {
		writeMarkdownHeading(b, r, "listaudit "+command)
		fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
		fmt.Fprintf(b, "%stext\n%s", fence, text)
		if len(text) > 0 && text[len(text)-1] != '\n' {
			b.WriteByte('\n')
		}
		fmt.Fprintf(b, "%s\n", fence)
		return nil
	})
}

// longestRun is the length of the longest run of c in b.
func longestRun(b []byte, c byte) int {
	longest, run := 0, 0
	for _, x := range b {
		if x != c {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	return longest
}

// writeMarkdownRule writes the section of one rule that fired: its
// heading, its summary and the table of fs, the first of its n findings.
// A table that leaves findings out is folded: the section stays a heading
// and a sentence, and GitHub renders Markdown inside <details> when blank
// lines set it apart from the HTML.
func writeMarkdownRule(b *bytes.Buffer, id string, fs []*domain.Finding, n int, opts Options) {
	fmt.Fprintf(b, "\n### %s · %s\n\n", markdownCode(id), plural(n, "finding", "findings"))
	if rule, ok := rules.Lookup(id); ok {
		fmt.Fprintf(b, "%s\n\n", markdownText(sentence(rule.Summary)))
	}
	more := n - len(fs)
	if more > 0 {
		fmt.Fprintf(b, "<details><summary>The first %d of %d <code>%s</code> findings</summary>\n\n", len(fs), n, markdownHTMLText(id))
	}
	b.WriteString("| Location | Severity | Number | Message |\n| :-- | :-- | :-- | :-- |\n")
	for _, f := range fs {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n",
			markdownText(f.Loc.String()), f.Severity, markdownCode(pii.FindingNumber(f, opts.ShowPII)), markdownText(findingText(f)))
	}
	if more > 0 {
		fmt.Fprintf(b, "\n… and %d more (%s).\n\n</details>\n", more, markdownFullReports(opts.FullReports))
	}
}

// markdownFullReports says where the findings a summary leaves out are:
// the full reports the run wrote, or how to write one.
func markdownFullReports(paths []string) string {
	if len(paths) == 0 {
		return "see them all in a full report: `--report html=audit.html`"
	}
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = markdownCode(p)
	}
	return "see " + pluralWord(len(paths), "the full report: ", "the full reports: ") + strings.Join(names, ", ")
}

// markdownText escapes text for a Markdown paragraph or table cell: line
// breaks become spaces, control characters '?', and the characters that
// start emphasis, code, links, HTML, entities, strikethrough, math or end
// a cell ('|') get a backslash. GitHub also links @mentions, #123
// references, e-mail addresses and bare URLs in text that no backslash
// reaches (it finds them after rendering), so a zero-width joiner goes
// after every '@' and '#', inside "://" and after "www": the text reads
// the same, and nobody is notified, no issue linked, no URL made a link.
func markdownText(s string) string {
	return markdownUnlinker.Replace(markdownEscape(s))
}

// zwj is U+200D ZERO WIDTH JOINER, which breaks GitHub's autolinks.
const zwj = "\u200d"

var markdownUnlinker = strings.NewReplacer(
	"@", "@"+zwj, "#", "#"+zwj, "://", ":"+zwj+"//",
	"www.", "www"+zwj+".", "WWW.", "WWW"+zwj+".", "Www.", "Www"+zwj+".")

// markdownEscape is markdownText's escaping of Markdown syntax.
func markdownEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			b.WriteByte('?')
		case strings.ContainsRune("\\`*_[]<>|~&$", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markdownHTMLText escapes text for an inline HTML element (<summary>),
// where a backslash is no escape: one line, control characters '?', the
// HTML specials as entities, and no autolinks, as in markdownText.
func markdownHTMLText(s string) string {
	// The joiners go in first: an entity (&#39;) must keep its '#'.
	return html.EscapeString(markdownUnlinker.Replace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return '?'
		}
		return r
	}, s)))
}

// markdownCode writes s as inline code when it can be, else as escaped
// text.
func markdownCode(s string) string {
	if s == "" || strings.ContainsAny(s, "`|\n\r") || strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return markdownText(s)
	}
	return "`" + s + "`"
}
