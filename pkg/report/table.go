package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
)

// tableReporter writes the result for a person at a terminal: a header,
// the inputs, counts by severity and rule, the findings (up to
// Options.Limit) and a one-line verdict.
type tableReporter struct{}

// indent sets the tables and lists under their section titles.
const indent = "  "

// Report renders the report into memory first so that a failing writer
// leaves one error to report, not a half-drawn table; only a findings
// table too long to hold (--limit 0 on a large list) goes out piece by
// piece.
func (tableReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	var b bytes.Buffer
	flush := func() error {
		_, err := w.Write(b.Bytes())
		b.Reset()
		return err
	}
	if err := writeTableReport(&b, flush, r, opts); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return fmt.Errorf("write table report: %w", err)
	}
	return nil
}

// tablePiece is how many findings rows are laid out at a time: tablewriter
// holds a whole table in memory, which for millions of rows takes
// gigabytes and minutes.
var tablePiece = 10_000

// Reads: the table lists the first opts.Limit findings.
func (tableReporter) Reads(opts Options) domain.Retention {
	if opts.Limit <= 0 {
		return domain.RetainAll
	}
	return domain.Retention{First: opts.Limit}
}

// writeFindingsTable draws the findings table (the first opts.Limit
// findings, all when 0) and returns how many rows it drew. A table longer
// than tablePiece rows is drawn in pieces that share the columns' widths,
// measured in a first pass, and each piece is flushed as it is drawn.
func writeFindingsTable(b *bytes.Buffer, flush func() error, r *domain.Result, opts Options, p palette) (int, error) {
	header := []string{"RULE", "SEVERITY", "LOCATION", "NUMBER", "MESSAGE"}
	cells := func(f *domain.Finding) []string {
		return []string{printable(f.Rule), p.severity(f.Severity), printable(f.Loc.String()), printable(pii.FindingNumber(f, opts.ShowPII)), printable(f.Message)}
	}
	limit := r.Findings.Len()
	if opts.Limit > 0 {
		limit = min(limit, opts.Limit)
	}
	var widths []int
	if limit > tablePiece {
		widths = make([]int, len(header))
		for i, h := range header {
			widths[i] = twwidth.Width(h)
		}
		n := 0
		for f := range r.Findings.All() {
			if n++; n > limit {
				break
			}
			for i, c := range cells(f) {
				widths[i] = max(widths[i], twwidth.Width(c))
			}
		}
	}
	rows := make([][]string, 0, min(limit, tablePiece))
	drawn := 0
	draw := func() error {
		h := header
		if drawn > 0 {
			h = nil
		}
		if err := writeGrid(b, h, nil, rows, widths...); err != nil {
			return fmt.Errorf("render findings: %w", err)
		}
		drawn += len(rows)
		rows = rows[:0]
		return nil
	}
	for f := range r.Findings.All() {
		if drawn+len(rows) == limit {
			break
		}
		if rows = append(rows, cells(f)); len(rows) == tablePiece && widths != nil {
			if err := draw(); err != nil {
				return drawn, err
			}
			if err := flush(); err != nil {
				return drawn, fmt.Errorf("write table report: %w", err)
			}
		}
	}
	if len(rows) > 0 || drawn == 0 {
		if err := draw(); err != nil {
			return drawn, err
		}
	}
	return drawn, nil
}

func writeTableReport(b *bytes.Buffer, flush func() error, r *domain.Result, opts Options) error {
	p := palette{on: opts.Color}

	name := cmp.Or(r.Tool.Name, "listaudit")
	if r.Tool.Version != "" {
		name += " " + r.Tool.Version
	}
	fmt.Fprintf(b, "%s · %s · fail-on: %s\n", printable(name), domain.AuditDate(r.Now, r.GeneratedAt, "2006-01-02"), r.Policy.FailOn)

	b.WriteString("\nInputs\n")
	inputs := make([][]string, 0, len(r.Inputs))
	for _, in := range r.Inputs {
		inputs = append(inputs, []string{
			printable(in.Path),
			printable(in.Format),
			plural(in.Rows, "row", "rows"),
			"sha256 " + shortHash(in.SHA256),
		})
	}
	if len(inputs) == 0 {
		b.WriteString(indent + "none\n")
	} else if err := writeGrid(b, nil, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignLeft}, inputs); err != nil {
		return fmt.Errorf("render inputs: %w", err)
	}
	if len(r.Evidence) > 0 {
		b.WriteString("Evidence\n")
		rows := make([][]string, 0, len(r.Evidence))
		for _, e := range r.Evidence {
			rows = append(rows, []string{printable(e.Path), e.Kind, plural(e.Entries, "entry", "entries"), plural(e.Invalid, "unusable line", "unusable lines"), "sha256 " + shortHash(e.SHA256)})
		}
		if err := writeGrid(b, nil, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft}, rows); err != nil {
			return fmt.Errorf("render evidence: %w", err)
		}
	}
	fmt.Fprintf(b, "Rows %d · unique numbers %d", r.Summary.Rows, r.Summary.UniqueNumbers)
	if len(r.Policy.MessageLogs) > 0 {
		fmt.Fprintf(b, " · send-log numbers not on the list %d", r.Summary.LogNumbersNotInList)
	}
	if r.Policy.Baseline != "" {
		fmt.Fprintf(b, " · hidden by the baseline %d", r.Summary.BaselineHidden)
	}
	b.WriteString("\n")

	if r.Findings.Len() == 0 {
		b.WriteString("\nNo findings.\n")
	} else {
		b.WriteString("\nBy severity ")
		for i, sev := range domain.Severities {
			if i > 0 {
				b.WriteString(" ·")
			}
			fmt.Fprintf(b, " %s %d", p.severity(sev), r.Summary.BySeverity[sev])
		}
		b.WriteString("\nBy rule\n")
		if err := writeGrid(b, []string{"RULE", "SEVERITY", "COUNT"}, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight}, ruleRows(r, p)); err != nil {
			return fmt.Errorf("render rule counts: %w", err)
		}

		b.WriteString("\nFindings\n")
		shown, err := writeFindingsTable(b, flush, r, opts, p)
		if err != nil {
			return err
		}
		if more := r.Findings.Len() - shown; more > 0 {
			fmt.Fprintf(b, "%s… and %s (show all with --limit 0)\n", indent, plural(more, "more finding", "more findings"))
		}
	}

	b.WriteString("\n")
	counts := plural(r.Summary.BySeverity[domain.Error], "error", "errors") + ", " +
		plural(r.Summary.BySeverity[domain.Warning], "warning", "warnings")
	// Info counts matter to few runs; mention them only when there are some.
	if n := r.Summary.BySeverity[domain.Info]; n > 0 {
		counts += fmt.Sprintf(", %d info", n)
	}
	if r.Verdict.Failed {
		b.WriteString(p.paint(ansiRed, fmt.Sprintf("✗ FAILED: %s (fail-on: %s)", counts, r.Verdict.FailOn)))
	} else {
		b.WriteString(p.paint(ansiGreen, fmt.Sprintf("✓ PASSED: %s (fail-on: %s)", counts, r.Verdict.FailOn)))
	}
	b.WriteString("\n")
	return nil
}

// ruleRows counts findings by rule and severity (a rule may raise more than
// one severity), most severe first, then by rule id.
func ruleRows(r *domain.Result, p palette) [][]string {
	type key struct {
		rule string
		sev  domain.Severity
	}
	counts := map[key]int{}
	for k, n := range r.Summary.ByRuleSeverity {
		counts[key{k.Rule, k.Severity}] = n
	}
	keys := make([]key, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(b.sev, a.sev), cmp.Compare(a.rule, b.rule))
	})
	rows := make([][]string, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, []string{printable(k.rule), p.severity(k.sev), fmt.Sprint(counts[k])})
	}
	return rows
}

// WriteTable draws rows under header in the report table style, for the
// other commands' listings (rules, inspect).
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	var b bytes.Buffer
	if err := writeGrid(&b, header, nil, rows); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// writeGrid draws a borderless table in the style of kubectl or docker:
// upper-case headers, no rules, columns two spaces apart, each line
// indented. Cells are never wrapped or truncated: a long message makes a
// long line, which terminals and pagers handle better than a broken one.
//
// widths, when not nil, fixes each column's width (its widest cell's
// display width): tables drawn in pieces then line up as one.
func writeGrid(b *bytes.Buffer, header []string, align tw.Alignment, rows [][]string, widths ...int) error {
	var out bytes.Buffer
	opts := []tablewriter.Option{
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Lines:      tw.LinesNone,
				Separators: tw.SeparatorsNone,
			},
		})),
		// Header auto-format upper-cases titles and turns "_" and "." into
		// spaces; ours are already final.
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithPadding(tw.Padding{Right: "  ", Overwrite: true}),
	}
	if align != nil {
		opts = append(opts, tablewriter.WithAlignment(align))
	}
	if widths != nil {
		m := tw.NewMapper[int, int]()
		for i, w := range widths {
			m.Set(i, w+len("  ")) // the right padding is part of a column's width
		}
		opts = append(opts, tablewriter.WithColumnWidths(m))
	}
	t := tablewriter.NewTable(&out, opts...)
	if header != nil {
		t.Header(header)
	}
	for _, row := range rows {
		if err := t.Append(row); err != nil {
			return fmt.Errorf("add row: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return err
	}
	// Padding leaves trailing spaces on every line; drop them so output and
	// golden files stay clean.
	for line := range strings.Lines(out.String()) {
		line = strings.TrimRight(line, " \n")
		if line == "" {
			continue
		}
		b.WriteString(indent + line + "\n")
	}
	return nil
}

// shortHash abbreviates a sha256 to the 12 hex digits people compare.
func shortHash(h string) string {
	if h == "" {
		return "-"
	}
	if len(h) <= 12 {
		return h
	}
	return h[:12] + "…"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// printable makes file-supplied text safe to print in a terminal: control
// characters (newlines would break the table, escape sequences could drive
// the terminal) and bidirectional overrides (which can reorder what is
// shown) become spaces or '?'.
func printable(s string) string {
	// Most text is printable ASCII, which needs no rune by rune look: the
	// csv report runs this on every cell of millions of findings.
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	// strings.Map also turns invalid UTF-8 into U+FFFD.
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			return '?'
		}
		return r
	}, s)
}

// ANSI SGR colour codes.
const (
	ansiRed    = "31"
	ansiGreen  = "32"
	ansiYellow = "33"
	ansiCyan   = "36"
)

// palette colours text only when the caller asked for colour, so plain
// output never carries an escape code.
type palette struct{ on bool }

func (p palette) paint(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) severity(s domain.Severity) string {
	switch s {
	case domain.Error:
		return p.paint(ansiRed, s.String())
	case domain.Warning:
		return p.paint(ansiYellow, s.String())
	case domain.Info:
		return p.paint(ansiCyan, s.String())
	}
	return s.String()
}
