package report

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// tableReporter writes the result for a person at a terminal, as wide as
// Options.Width: a header, the inputs, counts by severity and rule, the
// findings (up to Options.Limit, the most severe first), a one-line
// verdict and the next steps that fit.
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

// Reads: the table lists the first opts.Limit findings of the most severe
// first, which are among the first opts.Limit of each severity.
func (tableReporter) Reads(opts Options) domain.Retention {
	if opts.Limit <= 0 {
		return domain.RetainAll
	}
	return domain.Retention{PerSeverity: opts.Limit}
}

// WriteEvidence writes the table's Evidence block: each suppression
// list, send log and baseline read, with its entries, its unusable lines
// and its SHA-256; nothing when there is none. fix's text summary has it
// too. It fits width columns (0: 80); ascii draws its marks in ASCII
// (Options.ASCII).
func WriteEvidence(b *bytes.Buffer, evidence []domain.EvidenceFile, width int, ascii bool) error {
	if len(evidence) == 0 {
		return nil
	}
	b.WriteString("Evidence\n")
	rows := make([][]string, 0, len(evidence))
	for _, e := range evidence {
		rows = append(rows, []string{printable(e.Path), e.Kind, plural(e.Entries, "entry", "entries"), plural(e.Invalid, "unusable line", "unusable lines"), "sha256 " + domain.Marks(ascii, ShortHash(e.SHA256))})
	}
	if err := writeListing(b, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignRight, tw.AlignLeft}, rows, fitWidth(width)); err != nil {
		return fmt.Errorf("render evidence: %w", err)
	}
	return nil
}

func writeTableReport(b *bytes.Buffer, flush func() error, r *domain.Result, opts Options) error {
	p := palette{on: opts.Color}
	width := fitWidth(opts.Width)

	name := cmp.Or(r.Tool.Name, "listaudit")
	if r.Tool.Version != "" {
		name += " " + r.Tool.Version
	}
	b.WriteString(domain.Marks(opts.ASCII, domain.TitleLines([]string{printable(name), domain.AuditDate(r.Now, r.GeneratedAt, "2006-01-02"), "fail-on: " + r.Policy.FailOn.String()},
		width)))

	b.WriteString("\nInputs\n")
	inputs := make([][]string, 0, len(r.Inputs))
	for _, in := range r.Inputs {
		inputs = append(inputs, []string{
			printable(in.Path),
			printable(in.FormatLabel()),
			plural(in.Rows, "row", "rows"),
			"sha256 " + domain.Marks(opts.ASCII, ShortHash(in.SHA256)),
		})
	}
	if len(inputs) == 0 {
		b.WriteString(indent + "none\n")
	} else if err := writeListing(b, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight, tw.AlignLeft}, inputs, width); err != nil {
		return fmt.Errorf("render inputs: %w", err)
	}
	if err := WriteEvidence(b, r.Evidence, width, opts.ASCII); err != nil {
		return err
	}
	counts := []string{"Rows " + thousands(r.Summary.Rows), "unique numbers " + thousands(r.Summary.UniqueNumbers)}
	if len(r.Policy.MessageLogs) > 0 {
		counts = append(counts, "send-log numbers not on the list "+thousands(r.Summary.LogNumbersNotInList))
		if r.Summary.OptOutReplies > 0 {
			counts = append(counts, "opt-out replies "+thousands(r.Summary.OptOutReplies)+" (rows opted out "+thousands(r.Summary.OptOutReplyRows)+")")
		}
	}
	if r.Policy.Baseline != "" {
		counts = append(counts, "hidden by the baseline "+thousands(r.Summary.BaselineHidden))
	}
	writeDotted(b, "", counts, width, opts.ASCII)

	listed := 0
	if r.Findings.Len() == 0 {
		b.WriteString("\nNo findings.\n")
	} else {
		bySeverity := make([]string, 0, len(domain.Severities))
		for _, sev := range domain.Severities {
			bySeverity = append(bySeverity, p.severity(sev)+" "+thousands(r.Summary.BySeverity[sev]))
		}
		b.WriteString("\n")
		writeDotted(b, "By severity  ", bySeverity, width, opts.ASCII)
		b.WriteString("By rule\n")
		if err := writeRuleCounts(b, r, p, width); err != nil {
			return fmt.Errorf("render rule counts: %w", err)
		}

		b.WriteString("\nFindings\n")
		shown, err := writeFindingsTable(b, flush, r, opts, p)
		if err != nil {
			return err
		}
		if more := r.Findings.Len() - shown; more > 0 {
			fmt.Fprintf(b, "%s%s and %s\n", indent, domain.Marks(opts.ASCII, "…"), plural(more, "more finding", "more findings"))
		}
		listed = shown
	}

	b.WriteString("\n")
	if r.Verdict.Failed {
		writeVerdict(b, domain.Marks(opts.ASCII, VerdictLine(r)), ansiRed, p, width)
	} else {
		writeVerdict(b, domain.Marks(opts.ASCII, VerdictLine(r)), ansiGreen, p, width)
	}
	writeNextSteps(b, r, opts, listed)
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
		rows = append(rows, []string{printable(k.rule), p.severity(k.sev), thousands(counts[k])})
	}
	return rows
}

// WriteTable draws rows under header in the report table style, for the
// other commands' listings (rules, inspect).
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	var b bytes.Buffer
	// Cells may come from the file (inspect's headers and samples): made
	// printable, as the findings table's are, so no escape sequence in a
	// file reaches the terminal.
	header = printableCells(header)
	safe := make([][]string, len(rows))
	for i, row := range rows {
		safe[i] = printableCells(row)
	}
	if err := writeGrid(&b, header, nil, safe); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Printable is printable for the other commands' terminal output.
func Printable(s string) string { return printable(s) }

// printableCells returns cells each made printable.
func printableCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = printable(c)
	}
	return out
}

// writeGrid draws a borderless table in the style of kubectl or docker:
// upper-case headers, no rules, columns two spaces apart, each line
// indented. Cells are never wrapped or truncated: these tables hold short
// cells (paths, counts, ids).
func writeGrid(b *bytes.Buffer, header []string, align tw.Alignment, rows [][]string) error {
	opts := []tablewriter.Option{tablewriter.WithRowAutoWrap(tw.WrapNone)}
	if align != nil {
		opts = append(opts, tablewriter.WithAlignment(align))
	}
	if len(rows) <= tablePiece {
		return renderGrid(b, header, rows, opts)
	}
	// tablewriter's time grows faster than its rows, and is 30 µs a row
	// at best (inspect of a file of 400,000 columns took 22 s for its
	// table): a long table of one-line cells is drawn here, as tablewriter
	// draws it; another in pieces of fixed widths, which line up as one.
	widths := gridWidths(header, rows)
	if plainCells(header) && !slices.ContainsFunc(rows, func(r []string) bool { return !plainCells(r) }) {
		writePlainGrid(b, header, align, rows, widths)
		return nil
	}
	opts = append(opts, tablewriter.WithColumnWidths(widthMapper(widths)))
	for start := 0; start < len(rows); start += tablePiece {
		h := header
		if start > 0 {
			h = nil
		}
		if err := renderGrid(b, h, rows[start:min(start+tablePiece, len(rows))], opts); err != nil {
			return err
		}
	}
	return nil
}

// gridWidths returns the width of each column of rows under header, as
// tablewriter measures it: the widest line of a cell.
func gridWidths(header []string, rows [][]string) []int {
	var widths []int
	measure := func(cells []string) {
		for i, c := range cells {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			for line := range strings.Lines(c) {
				widths[i] = max(widths[i], twwidth.Width(strings.TrimSuffix(line, "\n")))
			}
		}
	}
	measure(header)
	for _, row := range rows {
		measure(row)
	}
	return widths
}

// plainCells reports whether cells are one line each, with no escape
// sequence: what writePlainGrid draws as tablewriter would.
func plainCells(cells []string) bool {
	return !slices.ContainsFunc(cells, func(c string) bool { return strings.ContainsAny(c, "\n\x1b") })
}

// writePlainGrid draws rows of plainCells under header (none when nil) as
// renderGrid does with writeGrid's options: each cell padded to its
// column's width and the gap, aligned as align says (left when it says
// nothing; header cells too), trailing spaces and empty lines dropped.
func writePlainGrid(b *bytes.Buffer, header []string, align tw.Alignment, rows [][]string, widths []int) {
	var line strings.Builder
	draw := func(cells []string) {
		line.Reset()
		for i, c := range cells {
			pad := strings.Repeat(" ", widths[i]-twwidth.Width(c))
			if i < len(align) && align[i] == tw.AlignRight {
				line.WriteString(pad + c + columnGap)
				continue
			}
			line.WriteString(c + pad + columnGap)
		}
		if l := strings.TrimRight(line.String(), " "); l != "" {
			b.WriteString(indent + l + "\n")
		}
	}
	if header != nil {
		draw(header)
	}
	for _, row := range rows {
		draw(row)
	}
}

// widthMapper is widths (display columns, without the gap after each) as
// tablewriter's WithColumnWidths takes them.
func widthMapper(widths []int) tw.Mapper[int, int] {
	m := tw.NewMapper[int, int]()
	for i, w := range widths {
		m.Set(i, w+len(columnGap)) // the gap is the cell's right padding
	}
	return m
}

// writeFixedGrid is writeGrid with each column as wide as widths says
// (display columns, without the gap after it): tables drawn in pieces
// then line up as one. A cell of several lines ("\n") takes as many.
func writeFixedGrid(b *bytes.Buffer, header []string, rows [][]string, widths []int) error {
	return renderGrid(b, header, rows, []tablewriter.Option{
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithColumnWidths(widthMapper(widths)),
	})
}

// renderGrid draws rows under header in the report table style, with the
// options of the caller.
func renderGrid(b *bytes.Buffer, header []string, rows [][]string, extra []tablewriter.Option) error {
	var out bytes.Buffer
	opts := append([]tablewriter.Option{
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
		tablewriter.WithPadding(tw.Padding{Right: columnGap, Overwrite: true}),
	}, extra...)
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
		line = strings.TrimRight(dropStrayResets(line), " \n")
		if line == "" {
			continue
		}
		b.WriteString(indent + line + "\n")
	}
	return nil
}

// ShortHash abbreviates a SHA-256 to the 12 hex digits people compare,
// and an ellipsis; "-" when none.
func ShortHash(h string) string {
	if h == "" {
		return "-"
	}
	if len(h) <= 12 {
		return h
	}
	return h[:12] + "…"
}

// plural is a count for people, with thousands separators as the
// progress line writes them (domain.Thousands), and its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return thousands(n) + " " + many
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
	return "\x1b[" + code + "m" + s + ansiReset
}

// ansiReset ends a colour palette.paint started.
const ansiReset = "\x1b[0m"

// dropStrayResets drops the resets of line that end no colour:
// tablewriter closes a coloured cell again after padding it
// ("\x1b[31merror\x1b[0m   \x1b[0m"). A line without one is returned as
// it is.
func dropStrayResets(line string) string {
	if !strings.Contains(line, ansiReset) {
		return line
	}
	var b strings.Builder
	open := false
	for line != "" {
		i := strings.IndexByte(line, '\x1b')
		if i < 0 {
			b.WriteString(line)
			break
		}
		b.WriteString(line[:i])
		line = line[i:]
		end := strings.IndexByte(line, 'm')
		if end < 0 {
			b.WriteString(line)
			break
		}
		code := line[:end+1]
		line = line[end+1:]
		if code == ansiReset && !open {
			continue
		}
		open = code != ansiReset
		b.WriteString(code)
	}
	return b.String()
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

// FoldToASCII is s with its letters' accents left out ("Noël" as
// "Noel", "Pâques" as "Paques") and its curly quotes straight ("Côte
// d’Ivoire" as "Cote d'Ivoire"): for listaudit's own text on a terminal
// whose character set is not UTF-8 (domain.Marks), where the French names
// of its holiday table would show as mojibake. Never for a list's values,
// which are written as the list holds them. Text that is all ASCII is
// returned as it is.
func FoldToASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return curlyQuotes.Replace(textfile.FoldAccents(s))
		}
	}
	return s
}

// curlyQuotes are the typographic quotes and what FoldToASCII writes for
// each.
var curlyQuotes = strings.NewReplacer("‘", "'", "’", "'", "“", `"`, "”", `"`)
