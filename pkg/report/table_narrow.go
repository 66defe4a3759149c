package report

import (
	"bytes"
	"strings"

	"github.com/olekukonko/tablewriter/pkg/twwidth"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/listaudit/listaudit/pkg/domain"
)

// The table's blocks other than the findings, on a terminal too narrow for
// their usual lines: each goes on over lines at a place meant for it
// rather than where the terminal wraps it (a number alone on a line,
// columns out of line). Where the usual lines fit, they are drawn as ever.

// fitsWidth reports whether no line of text is wider than width.
func fitsWidth(text string, width int) bool {
	for line := range strings.Lines(text) {
		if twwidth.Width(strings.TrimSuffix(line, "\n")) > width {
			return false
		}
	}
	return true
}

// writeListing draws rows as writeGrid does where that fits width, else
// each row as a block: its first cell (a path) on a line of its own,
// wrapped if it must be, and the other cells under it, indented.
func writeListing(b *bytes.Buffer, align tw.Alignment, rows [][]string, width int) error {
	var grid bytes.Buffer
	if err := writeGrid(&grid, nil, align, rows); err != nil {
		return err
	}
	if fitsWidth(grid.String(), width) {
		b.Write(grid.Bytes())
		return nil
	}
	for _, row := range rows {
		for _, line := range wrapText(row[0], width-len(indent)) {
			b.WriteString(indent + line + "\n")
		}
		rest := strings.Join(row[1:], columnGap)
		for _, line := range wrapText(rest, width-len(stackIndent)) {
			b.WriteString(stackIndent + line + "\n")
		}
	}
	return nil
}

// writeDotted writes head and parts joined by " · " (" - " in ASCII) on
// one line, or, where that is wider than width, goes on to a new line,
// indented, before the part that would pass it. Widths are measured
// without colour.
func writeDotted(b *bytes.Buffer, head string, parts []string, width int, ascii bool) {
	line := head
	for i, part := range parts {
		join := domain.Marks(ascii, " · ")
		if i == 0 {
			join = ""
		}
		if i > 0 && twwidth.Width(line+join+part) > width {
			b.WriteString(line + "\n")
			line, join = indent, ""
		}
		line += join + part
	}
	b.WriteString(line + "\n")
}

// writeRuleCounts draws the counts by rule in columns of rule, severity and
// count where they fit width, else under a line for each severity, each
// rule with its count.
func writeRuleCounts(b *bytes.Buffer, r *domain.Result, p palette, width int) error {
	rows := ruleRows(r, p)
	var grid bytes.Buffer
	if err := writeGrid(&grid, []string{"RULE", "SEVERITY", "COUNT"}, tw.Alignment{tw.AlignLeft, tw.AlignLeft, tw.AlignRight}, rows); err != nil {
		return err
	}
	if fitsWidth(grid.String(), width) {
		b.Write(grid.Bytes())
		return nil
	}
	ruleWidth, countWidth := 0, 0
	for _, row := range rows {
		ruleWidth = max(ruleWidth, twwidth.Width(row[0]))
		countWidth = max(countWidth, twwidth.Width(row[2]))
	}
	sev := ""
	for _, row := range rows { // most severe first (ruleRows)
		if row[1] != sev {
			sev = row[1]
			b.WriteString(indent + sev + "\n")
		}
		count := strings.Repeat(" ", countWidth-twwidth.Width(row[2])) + row[2]
		b.WriteString(indent + indent + padRight(row[0], ruleWidth) + columnGap + count + "\n")
	}
	return nil
}

// writeVerdict writes the verdict line in colour, wrapped as WrapLine
// wraps it.
func writeVerdict(b *bytes.Buffer, line, colour string, p palette, width int) {
	for _, l := range wrapUnder(line, width) {
		b.WriteString(p.paint(colour, l) + "\n")
	}
}

// WrapLine wraps a line of the summaries (a verdict, what fix wrote) to
// width at word boundaries, the lines after the first indented under its
// text, and ends each with a newline: for fix's summary, as the table
// writes its verdict.
func WrapLine(line string, width int) string {
	return strings.Join(wrapUnder(line, width), "\n") + "\n"
}

// wrapUnder is line as one line where it fits width, else wrapped to it,
// the lines after the first indented.
func wrapUnder(line string, width int) []string {
	if twwidth.Width(line) <= width {
		return []string{line}
	}
	lines := wrapText(line, width)
	out := lines[:1]
	for _, l := range wrapText(strings.Join(lines[1:], " "), width-len(indent)) {
		out = append(out, indent+l)
	}
	return out
}
