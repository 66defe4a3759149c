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
	"github.com/listaudit/listaudit/pkg/pii"
)

// csvReporter writes the findings as CSV for spreadsheets, one row per
// finding in the result's order under the header
//
//	file,row,line,rule,severity,column,value,number,message
//
// with value, number and what in column and message may be personal
// masked unless PII is shown (package pii), column and value empty
// for a whole-row finding and line empty when unknown. Lines end in LF
// (every spreadsheet reads it), and cells are quoted only when they must
// be. The delimiter and a BOM follow the first input (csvLayout).
//
// Text from the audited files is made printable as the table makes it
// (printable): tabs and line breaks become spaces, other control
// characters and bidirectional overrides '?', so `cat findings.csv` in a
// terminal runs no escape sequence and every finding is one line.
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
	Row      csvCell `csv:"row"`
	Line     csvCell `csv:"line"`
	Rule     csvCell `csv:"rule"`
	Severity csvCell `csv:"severity"`
	Column   csvCell `csv:"column"`
	Value    csvCell `csv:"value"`
	Number   csvCell `csv:"number"`
	Message  csvCell `csv:"message"`
}

// csvCell is a text cell, neutralised against formula injection when it
// is written. It holds a pointer to its text so that it fits in an
// interface as it is: gocsv puts every field it writes in one, and a
// string field cost an allocation a cell (a million-row list has 24
// million cells).
type csvCell struct{ text *string }

// MarshalCSV implements gocsv.TypeMarshaller.
func (c csvCell) MarshalCSV() (string, error) {
	if c.text == nil {
		return "", nil
	}
	// Quoted before the tab or carriage return that makes a cell a formula
	// becomes a space: an import that trims spaces would run it.
	return printable(neutralise(*c.text)), nil
}

// neutralise prefixes a cell that a spreadsheet would read as a formula
// with a single quote; csvsafe holds the rule, shared with listaudit fix.
func neutralise(s string) string { return csvsafe.Cell(s) }

// Report writes the header, then the findings in runs that gocsv renders
// on every core: a large audit's findings are never all in memory.
func (csvReporter) Report(w io.Writer, r *domain.Result, opts Options) error {
	comma, bom := csvLayout(r.Inputs)
	if bom {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return fmt.Errorf("write csv report: %w", err)
		}
	}
	header, err := marshalCSVRows(nil, []csvRow{}, true, comma)
	if err != nil {
		return fmt.Errorf("render csv report: %w", err)
	}
	if _, err := w.Write(header); err != nil {
		return fmt.Errorf("write csv report: %w", err)
	}
	var renderErr error
	var mu sync.Mutex
	err = writeFindingParts(w, r.Findings, "", func(b []byte, part iter.Seq[*domain.Finding]) []byte {
		cells := csvParts.Get().(*csvPart)
		defer csvParts.Put(cells)
		cells.reset()
		for f := range part {
			cells.rows = append(cells.rows, cells.row(f, opts))
		}
		b, err := marshalCSVRows(b, cells.rows, false, comma)
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

// csvPart holds the rows of one part and the text of their cells, copied:
// the rows are written after the part they come from has been read, and a
// part's findings are valid only while it is read (domain.PartedFindings).
// Parts' memory is used again.
type csvPart struct {
	rows []csvRow
	// text holds the cells' bytes and strs their strings, which the cells
	// point to. A string stays valid when either grows, since the bytes
	// and strings behind it are never written again within a part.
	text []byte
	strs []string
}

var csvParts = sync.Pool{New: func() any { return new(csvPart) }}

func (p *csvPart) reset() { p.rows, p.text, p.strs = p.rows[:0], p.text[:0], p.strs[:0] }

// row makes f's row.
func (p *csvPart) row(f *domain.Finding, opts Options) csvRow {
	row := csvRow{
		File:     p.cell(f.Loc.File),
		Rule:     p.cell(f.Rule),
		Severity: p.cell(f.Severity.String()),
		Value:    p.cell(pii.FindingValue(f, opts.ShowPII)),
		Number:   p.cell(pii.FindingNumber(f, opts.ShowPII)),
		Message:  p.cell(pii.FindingMessage(f, opts.ShowPII)),
	}
	var n [20]byte
	row.Row = p.cell(unsafe.String(&n[0], len(strconv.AppendInt(n[:0], int64(f.Loc.Row), 10))))
	if f.Loc.Line >= 1 {
		row.Line = p.cell(unsafe.String(&n[0], len(strconv.AppendInt(n[:0], int64(f.Loc.Line), 10))))
	}
	row.Column = p.cell(findingColumn(f, opts.ShowPII))
	return row
}

// cell copies s into the part's text.
func (p *csvPart) cell(s string) csvCell {
	if s == "" {
		return csvCell{}
	}
	start := len(p.text)
	p.text = append(p.text, s...)
	p.strs = append(p.strs, unsafe.String(&p.text[start], len(s)))
	return csvCell{&p.strs[len(p.strs)-1]}
}

// csvLayout is how the report is written for the first input, as fix
// writes its outputs: with ';' when the input was (the delimiter of an
// Excel whose list separator it is, as in French, German or Spanish
// settings), else ','; and with a UTF-8 BOM when the input had one or was
// text in another encoding (domain.Input.ForExcel), since Excel reads a
// CSV file without one in the ANSI code page. No "sep=" line: Excel
// ignores the BOM of a file that has one (see fix's newRowWriter).
func csvLayout(inputs []domain.Input) (comma rune, bom bool) {
	if len(inputs) == 0 {
		return ',', false
	}
	comma = ','
	if inputs[0].Delimiter == ';' {
		comma = ';'
	}
	return comma, inputs[0].ForExcel
}

// marshalCSVRows appends rows as gocsv writes them, with the header line
// first when header is set, cells separated by comma.
func marshalCSVRows(b []byte, rows []csvRow, header bool, comma rune) ([]byte, error) {
	buf := bytes.NewBuffer(b)
	// Lines end in "\n": with UseCRLF, encoding/csv would drop a lone "\r"
	// inside a cell. A local writer, not gocsv.SetCSVWriter, which would
	// change every caller's in the process.
	cw := csv.NewWriter(buf)
	cw.Comma = comma
	out := gocsv.NewSafeCSVWriter(cw)
	var err error
	if header {
		err = gocsv.MarshalCSV(rows, out)
	} else if len(rows) > 0 {
		err = gocsv.MarshalCSVWithoutHeaders(rows, out)
	}
	return buf.Bytes(), err
}
