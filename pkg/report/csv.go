package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"

	"github.com/gocarina/gocsv"

	"github.com/listaudit/listaudit/pkg/csvsafe"
	"github.com/listaudit/listaudit/pkg/domain"
)

// csvReporter writes the findings as CSV for spreadsheets, one row per
// finding in the result's order under the header
//
//	file,row,line,rule,severity,column,value,number,message
//
// with value and number masked unless PII is shown, column and value empty
// for a whole-row finding and line empty when unknown. Lines end in LF
// (every spreadsheet reads it, and a carriage return inside a cell
// survives), and cells are quoted only when they must be.
//
// Every text cell that starts with '=', '+', '-', '@', a tab or a carriage
// return gets a leading single quote ("'+2547******78", "'=HYPERLINK(…)"),
// as OWASP advises against CSV formula injection, so a spreadsheet shows it
// as text rather than running it. The quote is part of the cell: a program
// reading the file should strip one leading "'" before those characters.
type csvReporter struct{}

// csvRow is one finding as a CSV row; gocsv writes the header from the
// tags and each field through csvCell.MarshalCSV.
type csvRow struct {
	File     csvCell `csv:"file"`
	Row      int     `csv:"row"`
	Line     csvCell `csv:"line"`
	Rule     csvCell `csv:"rule"`
	Severity csvCell `csv:"severity"`
	Column   csvCell `csv:"column"`
	Value    csvCell `csv:"value"`
	Number   csvCell `csv:"number"`
	Message  csvCell `csv:"message"`
}

// csvCell is a text cell, neutralised against formula injection when it
// is written.
type csvCell string

// MarshalCSV implements gocsv.TypeMarshaller.
func (c csvCell) MarshalCSV() (string, error) { return neutralise(string(c)), nil }

// neutralise prefixes a cell that a spreadsheet would read as a formula
// with a single quote; csvsafe holds the rule, shared with listaudit fix.
func neutralise(s string) string { return csvsafe.Cell(s) }

// Report renders the CSV into memory, then writes it.
func (csvReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	rows := make([]csvRow, 0, r.Findings.Len())
	for f := range r.Findings.All() {
		row := csvRow{
			File:     csvCell(f.Loc.File),
			Row:      f.Loc.Row,
			Rule:     csvCell(f.Rule),
			Severity: csvCell(f.Severity.String()),
			Value:    csvCell(valueText(f, opts)),
			Number:   csvCell(numberText(f, opts)),
			Message:  csvCell(f.Message),
		}
		if f.Loc.Line >= 1 {
			row.Line = csvCell(fmt.Sprint(f.Loc.Line))
		}
		if f.HasField() {
			row.Column = csvCell(f.Column)
		}
		rows = append(rows, row)
	}
	var b bytes.Buffer
	// Lines end in "\n": with UseCRLF, encoding/csv would drop a lone "\r"
	// inside a cell.
	cw := csv.NewWriter(&b)
	// A local writer, not gocsv.SetCSVWriter, which would change every
	// caller's in the process.
	if err := gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(cw)); err != nil {
		return fmt.Errorf("render csv report: %w", err)
	}
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	return nil
}
