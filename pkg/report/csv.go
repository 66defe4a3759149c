package report

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"
	"sync"
	"unsafe"

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

// Report writes the header, then the findings in runs that gocsv renders
// on every core: a large audit's findings are never all in memory.
func (csvReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	header, err := marshalCSVRows(nil, []csvRow{}, true)
	if err != nil {
		return fmt.Errorf("render csv report: %w", err)
	}
	if _, err := w.Write(header); err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	var renderErr error
	var mu sync.Mutex
	err = writeFindingParts(w, r.Findings, "", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
		var rows []csvRow
		var text textCopy
		for f := range part {
			rows = append(rows, newCSVRow(f, opts, &text))
		}
		b, err := marshalCSVRows(b, rows, false)
		if err != nil {
			mu.Lock()
			renderErr = cmp.Or(renderErr, err)
			mu.Unlock()
		}
		return b
	})
	if renderErr != nil {
		return fmt.Errorf("render csv report: %w", renderErr)
	}
	if err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	return nil
}

// newCSVRow makes f's row, its text copied into text: the rows are written
// after the part they come from has been read, and a part's findings are
// valid only while it is read (domain.PartedFindings).
func newCSVRow(f *domain.Finding, opts Options, text *textCopy) csvRow {
	row := csvRow{
		File:     text.of(f.Loc.File),
		Row:      f.Loc.Row,
		Rule:     text.of(f.Rule),
		Severity: csvCell(f.Severity.String()),
		Value:    text.of(valueText(f, opts)),
		Number:   text.of(numberText(f, opts)),
		Message:  text.of(f.Message),
	}
	if f.Loc.Line >= 1 {
		row.Line = csvCell(strconv.Itoa(f.Loc.Line))
	}
	if f.HasField() {
		row.Column = text.of(f.Column)
	}
	return row
}

// textCopy holds copies of strings in one growing buffer: one allocation
// for many strings. A string it returned stays valid when the buffer
// grows, since the bytes behind it are never written again.
type textCopy []byte

func (t *textCopy) of(s string) csvCell {
	if s == "" {
		return ""
	}
	start := len(*t)
	*t = append(*t, s...)
	return csvCell(unsafe.String(&(*t)[start], len(s)))
}

// marshalCSVRows appends rows as gocsv writes them, with the header line
// first when header is set.
func marshalCSVRows(b []byte, rows []csvRow, header bool) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	// Lines end in "\n": with UseCRLF, encoding/csv would drop a lone "\r"
	// inside a cell. A local writer, not gocsv.SetCSVWriter, which would
	// change every caller's in the process.
	out := gocsv.NewSafeCSVWriter(csv.NewWriter(buf))
	var err error
	if header {
		err = gocsv.MarshalCSV(rows, out)
	} else if len(rows) > 0 {
		err = gocsv.MarshalCSVWithoutHeaders(rows, out)
	}
	return buf.Bytes(), err
}
