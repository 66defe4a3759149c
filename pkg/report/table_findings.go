package report

import (
	"bytes"
	"fmt"
	"iter"
	"strings"
	"unicode/utf8"

	"github.com/olekukonko/tablewriter/pkg/twwarp"
	"github.com/olekukonko/tablewriter/pkg/twwidth"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/pii"
	"github.com/listaudit/listaudit/pkg/rules"
)

// The table's findings: the most severe first, then in report order (file,
// row), fitted to the terminal's width. They are laid out in columns with
// the message wrapped in its own, or, where that column would be too
// narrow to read, in two lines each: rule, severity, place and number, then
// the message under them.

const (
	// defaultWidth is the width the table fits when the caller gives none:
	// a terminal's.
	defaultWidth = 80
	// minMessageWidth is the narrowest message column the table draws:
	// narrower, most messages would take three lines or more.
	minMessageWidth = 36
	// minWrapWidth is the narrowest text is wrapped to, however narrow the
	// terminal.
	minWrapWidth = 20
	// stackIndent sets a message under its finding's first line in the
	// two-line form.
	stackIndent = indent + "    "
	// columnGap is the space between columns, as writeGrid's padding.
	columnGap = "  "
)

// placeLabel names what the place of a finding counts, before the number
// of a line in the two-line form with one input ("line 4"; a workbook's
// "Sheet1!E3" needs none).
const placeLabel = "line"

// The cells of a finding, in the order of the findings table's columns.
const (
	cellRule = iota
	cellSeverity
	cellPlace
	cellNumber
	cellMessage
	cellCount
)

var findingsHeader = [cellCount]string{"RULE", "SEVERITY", "LOCATION", "NUMBER", "MESSAGE"}

// severityCounts holds a number for each severity, indexed by it.
type severityCounts [domain.Error + 1]int

// findingsList is the part of the findings the table lists.
type findingsList struct {
	fs domain.Findings
	// quota is how many findings of each severity are listed.
	quota severityCounts
	// n is how many are listed in all.
	n int
}

// listedFindings lists up to limit findings (0: all), the most severe
// first: the first errors, then the first warnings, then the first info.
// The counts come from the summary, so that choosing costs no pass over
// the findings.
func listedFindings(r *domain.Result, limit int) findingsList {
	l := findingsList{fs: r.Findings}
	for _, sev := range domain.Severities {
		k := r.Summary.BySeverity[sev]
		if limit > 0 {
			k = min(k, limit-l.n)
		}
		l.quota[sev] = k
		l.n += k
	}
	return l
}

// All yields the listed findings in the table's order: a pass over the
// findings for each severity with some to list, which stops at its last.
// The findings kept for the table (Reads: the first Limit of each
// severity) make those passes short; with --limit 0 every finding is kept,
// and the passes read the temporary file again rather than hold them.
func (l findingsList) All() iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		for _, sev := range domain.Severities {
			left := l.quota[sev]
			if left == 0 {
				continue
			}
			for f := range l.fs.All() {
				if f.Severity != sev {
					continue
				}
				if !yield(f) {
					return
				}
				if left--; left == 0 {
					break
				}
			}
		}
	}
}

// unordered yields the listed findings in report order, in one pass: for
// what does not depend on their order (the columns' widths).
func (l findingsList) unordered() iter.Seq[*domain.Finding] {
	return func(yield func(*domain.Finding) bool) {
		left, n := l.quota, l.n
		for f := range l.fs.All() {
			if n == 0 {
				return
			}
			if s := f.Severity; s < 0 || int(s) >= len(left) || left[s] == 0 {
				continue
			}
			left[f.Severity]--
			n--
			if !yield(f) {
				return
			}
		}
	}
}

// findingsTable draws the listed findings.
type findingsTable struct {
	opts  Options
	p     palette
	width int
	// oneInput: the Inputs block names the file, and a place is its row
	// alone.
	oneInput bool
	// widths are the display widths of the first four columns (the
	// message's is what is left of the width).
	widths [cellMessage]int
	// longestMessage is the display width of the widest message.
	longestMessage int
	// stacked chooses the two-line form.
	stacked bool
	// breakBefore says, in the two-line form, which cells of the first
	// line start a line of their own: none when the widest of each fit the
	// width; else the same for every finding, so that all stay in line.
	breakBefore [cellMessage]bool
}

// cells are a finding's cells, without colour and made printable.
func (t *findingsTable) cells(f *domain.Finding) [cellCount]string {
	msg := shortMessage(printable(pii.FindingMessage(f, t.opts.ShowPII)))
	if t.opts.ASCII { // no call a row otherwise: a table may list millions
		msg = domain.Marks(true, msg)
		if f.Rule == rules.QuietHours {
			// Its message quotes no cell: the send time, the zones and the
			// jurisdiction table's own text ("on Noël, a public holiday").
			msg = FoldToASCII(msg)
		}
	}
	return [cellCount]string{
		printable(f.Rule), f.Severity.String(), printable(t.place(f.Loc)),
		printable(pii.FindingNumber(f, t.opts.ShowPII)), msg,
	}
}

// A message the table shows is at most shownHead+shownTail characters:
// every message but one that quotes a long cell (a blob pasted into a date
// column) or lists many rows. Of a longer one, the start names the column
// and the end says what is wrong; the other reports write it whole.
const (
	shownHead = 300
	shownTail = 200
)

// shortMessage is msg as the table shows it: whole, or its first shownHead
// and last shownTail characters with how many are left out between them.
// A message of a 10 MB cell, shown whole, would take 130,000 lines, and
// the wrapper's time grows as the square of a text's words.
func shortMessage(msg string) string {
	if len(msg) <= shownHead+shownTail {
		return msg
	}
	head, tail := 0, len(msg)
	for range shownHead {
		_, size := utf8.DecodeRuneInString(msg[head:])
		head += size
	}
	for range shownTail {
		_, size := utf8.DecodeLastRuneInString(msg[:tail])
		tail -= size
	}
	if head >= tail {
		return msg
	}
	left := utf8.RuneCountInString(msg[head:tail])
	return msg[:head] + "… [" + plural(left, "character", "characters") + " left out] …" + msg[tail:]
}

// place is where a finding is, as every report writes it, without the
// file when the table has one input: the Inputs block names it.
func (t *findingsTable) place(l domain.Location) string {
	if t.oneInput {
		return l.Place()
	}
	return l.String()
}

// measure sets the columns' widths from the listed findings and chooses
// the layout: columns when the message column gets at least
// minMessageWidth, else two lines a finding.
func (t *findingsTable) measure(l findingsList) {
	stackedPlace := 0 // the place column's width in the two-line form
	for f := range l.unordered() {
		c := t.cells(f)
		for i := range t.widths {
			t.widths[i] = max(t.widths[i], twwidth.Width(c[i]))
		}
		t.longestMessage = max(t.longestMessage, twwidth.Width(c[cellMessage]))
		stackedPlace = max(stackedPlace, twwidth.Width(t.stackedPlace(c[cellPlace])))
	}
	used := len(indent)
	for i, w := range t.widths {
		used += max(w, len(findingsHeader[i])) + len(columnGap)
	}
	t.stacked = t.width-used < minMessageWidth
	if !t.stacked {
		for i := range t.widths {
			t.widths[i] = max(t.widths[i], len(findingsHeader[i]))
		}
	} else {
		t.widths[cellPlace] = stackedPlace
		t.breakHead()
	}
}

// breakHead chooses where the first line of a finding in the two-line
// form breaks: a cell goes on to a line of its own, under the message's
// indent, when with the widest of it the line would not fit the width;
// the number goes there with its place.
func (t *findingsTable) breakHead() {
	used := len(indent) + t.widths[cellRule]
	for i := cellSeverity; i < cellMessage; i++ {
		if used+len(columnGap)+t.widths[i] > t.width {
			t.breakBefore[i] = true
			used = len(stackIndent) + t.widths[i]
			continue
		}
		used += len(columnGap) + t.widths[i]
	}
	// A number alone on a line reads as a finding of its own: it goes on
	// with its place, where the two fit a line.
	together := len(stackIndent) + t.widths[cellPlace] + len(columnGap) + t.widths[cellNumber]
	if t.breakBefore[cellNumber] && !t.breakBefore[cellPlace] && together <= t.width {
		t.breakBefore[cellPlace], t.breakBefore[cellNumber] = true, false
	}
}

// stackedPlace is a place as the two-line form writes it: with one input,
// a line number says it is one ("line 4"); a workbook's cell needs no
// word.
func (t *findingsTable) stackedPlace(place string) string {
	if t.oneInput && isDigits(place) {
		return placeLabel + " " + place
	}
	return place
}

// messageWidth is the message column's width in the column form: what
// the width leaves, or less when every message is narrower.
func (t *findingsTable) messageWidth() int {
	w := t.width - len(indent)
	for _, c := range t.widths {
		w -= c + len(columnGap)
	}
	return min(w, max(t.longestMessage, len(findingsHeader[cellMessage])))
}

// writeFindingsTable draws the listed findings and returns how many it
// drew. Every tablePiece findings, what is drawn is flushed: a table of
// millions of rows is never held whole. The columns' widths, measured in a
// first pass, are fixed, so that the pieces line up as one table.
func writeFindingsTable(b *bytes.Buffer, flush func() error, r *domain.Result, opts Options, p palette) (int, error) {
	l := listedFindings(r, opts.Limit)
	t := &findingsTable{opts: opts, p: p, width: fitWidth(opts.Width), oneInput: len(r.Inputs) == 1}
	t.measure(l)
	if t.stacked {
		return t.writeStacked(b, flush, l)
	}
	return t.writeColumns(b, flush, l)
}

// fitWidth is the width the table fits: w, or defaultWidth when not
// given.
func fitWidth(w int) int {
	if w <= 0 {
		return defaultWidth
	}
	return w
}

// writeColumns draws the findings in columns with tablewriter, the message
// column as wide as the width leaves and wrapped at word boundaries.
func (t *findingsTable) writeColumns(b *bytes.Buffer, flush func() error, l findingsList) (int, error) {
	msgWidth := t.messageWidth()
	widths := append(t.widths[:], msgWidth)
	rows := make([][]string, 0, min(l.n, tablePiece))
	drawn := 0
	draw := func() error {
		var h []string
		if drawn == 0 {
			h = findingsHeader[:]
		}
		if err := writeFixedGrid(b, h, rows, widths); err != nil {
			return fmt.Errorf("render findings: %w", err)
		}
		drawn += len(rows)
		rows = rows[:0]
		return nil
	}
	for f := range l.All() {
		c := t.cells(f)
		c[cellSeverity] = t.p.severity(f.Severity)
		// Wrapped here, with tablewriter's own wrapper, rather than by
		// its auto-wrap: that wraps every cell of every row, which made
		// a table of millions of findings a fifth slower, and widens a
		// column to fit a word longer than it rather than break it.
		c[cellMessage] = strings.Join(wrapText(c[cellMessage], msgWidth), "\n")
		if rows = append(rows, c[:]); len(rows) == tablePiece {
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

// writeStacked draws each finding in two lines: rule, severity, place and
// number in columns, then the message, indented and wrapped to the width.
// It is drawn by hand: tablewriter lays out rows of cells, and has no line
// across the columns under a row.
func (t *findingsTable) writeStacked(b *bytes.Buffer, flush func() error, l findingsList) (int, error) {
	msgWidth := t.width - len(stackIndent)
	drawn := 0
	for f := range l.All() {
		c := t.cells(f)
		c[cellPlace] = t.stackedPlace(c[cellPlace])
		t.writeHead(b, c, f.Severity)
		for _, m := range wrapText(c[cellMessage], msgWidth) {
			if m != "" {
				b.WriteString(stackIndent + m + "\n")
			}
		}
		if drawn++; drawn%tablePiece == 0 {
			if err := flush(); err != nil {
				return drawn, fmt.Errorf("write table report: %w", err)
			}
		}
	}
	return drawn, nil
}

// writeHead writes the first line of a finding in the two-line form: rule,
// severity, place and number in columns. On a terminal too narrow for that
// line, the cells go on over lines where breakBefore says, in the same
// columns for every finding, never broken.
func (t *findingsTable) writeHead(b *bytes.Buffer, c [cellCount]string, sev domain.Severity) {
	line := indent + padRight(c[cellRule], t.widths[cellRule])
	for i := cellSeverity; i < cellMessage; i++ {
		cell := c[i]
		if i == cellSeverity {
			cell = t.p.severity(sev) // coloured: padded by its plain width
		}
		if t.breakBefore[i] {
			writeTrimmed(b, line)
			line = stackIndent
		} else {
			line += columnGap
		}
		line += cell + strings.Repeat(" ", max(0, t.widths[i]-twwidth.Width(c[i])))
	}
	writeTrimmed(b, line)
}

// writeTrimmed writes line without its trailing spaces, and nothing for a
// line of spaces alone (a finding with no number).
func writeTrimmed(b *bytes.Buffer, line string) {
	if line = strings.TrimRight(line, " "); strings.TrimSpace(line) != "" {
		b.WriteString(line + "\n")
	}
}

// padRight pads s with spaces to w display columns.
func padRight(s string, w int) string {
	if n := w - twwidth.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// WrapText is wrapText, for the help texts of the commands: one wrapper
// for all that listaudit wraps to a terminal.
func WrapText(s string, width int) []string { return wrapText(s, width) }

// wrapText wraps s at word boundaries into lines of at most width display
// columns (minWrapWidth at the least), as tablewriter wraps a cell; only a
// word longer than a line is broken.
func wrapText(s string, width int) []string { return wrapTo(s, max(width, minWrapWidth)) }

// WrapWords is WrapText for the help, which sets prose under an indent
// on a narrow terminal: no least width but one column, and a word longer
// than a line is broken only after a wordBreaks character ("windows-" and
// "1252"); one without any is never broken but has a line of its own,
// wider than width, as pflag and cobra leave a word ("autocompletion",
// not "autocompleti" and "on").
func WrapWords(s string, width int) []string {
	width = max(width, 1)
	if twwidth.Width(s) <= width {
		return []string{s}
	}
	var lines, run, pieces []string
	flush := func() {
		if len(run) > 0 {
			l, _ := twwarp.WrapString(strings.Join(run, " "), width)
			lines = append(lines, l...)
			run = run[:0]
		}
	}
	for _, w := range strings.Fields(s) {
		pieces = appendPieces(pieces[:0], w, width, true)
		for _, piece := range pieces {
			if twwidth.Width(piece) > width { // twwarp would widen every line
				flush()
				lines = append(lines, piece)
				continue
			}
			run = append(run, piece)
		}
	}
	flush()
	if lines == nil { // s is all spaces
		return []string{""}
	}
	return lines
}

// wrapTo is wrapText without its least width.
func wrapTo(s string, width int) []string {
	if twwidth.Width(s) <= width {
		return []string{s}
	}
	lines, _ := twwarp.WrapString(breakLongWords(s, width), width)
	return lines
}

// wordBreaks are the characters after which breakLongWords prefers to
// break a word longer than a line, the first the most: a path's folders
// before a name's hyphens.
var wordBreaks = []string{"/", ":,;=-"}

// wordBreakChars are the wordBreaks characters, each as good as another.
var wordBreakChars = strings.Join(wordBreaks, "")

// breakAfterSeparator shortens piece, the start of a word longer than a
// line, to end after a separator of wordBreaks in its second half, if it
// has one: a path, a list of values or a place then breaks between its
// parts ("contacts.csv:" and "15", not "contacts.csv:1" and "5").
func breakAfterSeparator(piece string) string {
	for _, chars := range wordBreaks {
		if cut := strings.LastIndexAny(piece, chars); cut >= len(piece)/2 && cut < len(piece)-1 {
			return piece[:cut+1]
		}
	}
	return piece
}

// breakLongWords splits every word of s longer than width display columns
// into pieces of at most width, each ending at a wordBreaks character
// where one is near its end: wrapped, each piece then takes a line of its
// own.
// Text without such a word is returned as it is.
func breakLongWords(s string, width int) string {
	width = max(width, 1)
	if twwidth.Width(s) <= width {
		return s
	}
	words := strings.Fields(s)
	long := false
	for _, w := range words {
		long = long || twwidth.Width(w) > width
	}
	if !long {
		return s
	}
	var out []string
	for _, w := range words {
		out = appendPieces(out, w, width, false)
	}
	return strings.Join(out, " ")
}

// appendPieces appends word to out in pieces of at most width, each ending
// at a wordBreaks character where one is near its end (breakAfterSeparator),
// else where the line ends. whole breaks it only after such a character,
// anywhere in the line: a last piece without one is left whole, wider.
func appendPieces(out []string, word string, width int, whole bool) []string {
	for {
		// Measured on the head of the word alone: measuring all the rest on
		// every pass made a word of n bytes cost n²/width.
		head := widerHead(word, width)
		if textWidth(head) <= width {
			break
		}
		piece := truncate(head, width)
		if piece == "" { // one character wider than the line
			_, size := utf8.DecodeRuneInString(word)
			piece = word[:size]
		}
		if whole {
			// Not after a leading "--" or "(": a piece of only those.
			cut := strings.LastIndexAny(piece, wordBreakChars)
			if cut < 1 || strings.Trim(piece[:cut], wordBreakChars) == "" {
				break
			}
			piece = piece[:cut+1]
		} else {
			piece = breakAfterSeparator(piece)
		}
		out = append(out, piece)
		word = word[len(piece):]
	}
	return append(out, word)
}

// widerHead is the shortest of word's prefixes of 2^k times 4(width+1)
// bytes, cut at a rune's start, that is wider than width, or word when
// none is: as wide a head as Truncate needs to cut word's first piece, in
// bytes within a small factor of that piece's (control characters and
// escape sequences, of no width, are made printable before a table
// wraps its text).
func widerHead(word string, width int) string {
	for n := 4 * (width + 1); n < len(word); n *= 2 {
		for n < len(word) && !utf8.RuneStart(word[n]) {
			n++
		}
		if head := word[:n]; textWidth(head) > width {
			return head
		}
	}
	return word
}

// textWidth and truncate are twwidth's, as variables so that a test can
// count the bytes they measure.
var (
	textWidth = twwidth.Width
	truncate  = func(s string, w int) string { return twwidth.Truncate(s, w) }
)

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
