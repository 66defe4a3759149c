package fix

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/listaudit/listaudit/pkg/input"
)

// isXLSX reports whether an output path asks for a workbook.
func isXLSX(path string) bool { return strings.EqualFold(filepath.Ext(path), ".xlsx") }

// xlsxSheetName is the one worksheet listaudit fix writes.
const xlsxSheetName = "Contacts"

// xlsxOut writes rows to a workbook with excelize's StreamWriter (rows go
// to a temporary file past a few MiB, not to memory). Every cell is an
// inline string styled with the Text number format ("@"), so the phone
// column keeps its + and every digit when the workbook is opened, edited
// and saved again, and no cell is ever evaluated as a formula.
type xlsxOut struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	style int
	row   int
	vals  []any
	// header is the first row written, to name a column in errors.
	header []string
}

func newXLSX(path string) (*xlsxOut, error) {
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", xlsxSheetName); err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	sw, err := f.NewStreamWriter(xlsxSheetName)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return &xlsxOut{f: f, sw: sw, style: style}, nil
}

// write writes a row. A cell longer than a workbook cell can hold is an
// error, not cut short: excelize would cut it silently, and the text cut
// off is often many contacts (an unclosed quote's record, kept whole in
// listaudit_raw). Splitting it over cells would break the columns the
// file is imported by; CSV output keeps any length.
func (x *xlsxOut) write(cells []string) error {
	x.row++
	if x.row == 1 {
		x.header = append([]string(nil), cells...)
	}
	x.vals = x.vals[:0]
	for i, c := range cells {
		if len(c) > excelize.TotalCellChars {
			if n := utf8.RuneCountInString(c); n > excelize.TotalCellChars {
				return fmt.Errorf("row %d, column %q: %d characters, more than the %d an Excel cell holds; nothing was written: write this file as CSV (a name ending in .csv), which keeps every character",
					x.row, x.columnName(i), n, excelize.TotalCellChars)
			}
		}
		x.vals = append(x.vals, excelize.Cell{StyleID: x.style, Value: xlsxValue(c)})
	}
	cell, err := excelize.CoordinatesToCellName(1, x.row)
	if err != nil {
		return err
	}
	return x.sw.SetRow(cell, x.vals)
}

// columnName is the header of column i, or its letter.
func (x *xlsxOut) columnName(i int) string {
	if i < len(x.header) && x.header[i] != "" && x.row > 1 {
		return x.header[i]
	}
	name, _ := excelize.ColumnNumberToName(i + 1)
	return name
}

// finish writes the workbook to w.
func (x *xlsxOut) finish(w io.Writer) error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(w)
}

// xlsxValue is a cell's text as excelize is to store it so that it reads
// back as written. excelize escapes text that looks like an _xHHHH_
// escape (ECMA-376 ST_Xstring) with _x005F_, but not a surrogate's
// (_xD83D_, which it deletes), nor one that shares its underscore with the
// one before (the _x0042_ of _x0041_x0042_, which then reads as "B"). Such
// text is cut into rich-text runs just before the sequence's x: each run
// is an ST_Xstring of its own, so no run holds the sequence whole, and
// the rest is escaped as before. Other text is passed as it is.
func xlsxValue(s string) any {
	var runs []excelize.RichTextRun
	from := 0
	for i := strings.Index(s, "_x"); i >= 0; i = nextXstring(s, i) {
		u, ok := input.XstringUnit(s[i:])
		if !ok {
			continue
		}
		_, shares := input.XstringUnit(s[max(i-6, 0):])
		if utf16.IsSurrogate(rune(u)) || i >= 6 && shares {
			runs = append(runs, excelize.RichTextRun{Text: s[from : i+1]})
			from = i + 1
		}
	}
	if runs == nil {
		return s
	}
	return append(runs, excelize.RichTextRun{Text: s[from:]})
}

// nextXstring is the index of the "_x" after the one at i in s, or -1.
func nextXstring(s string, i int) int {
	if next := strings.Index(s[i+1:], "_x"); next >= 0 {
		return i + 1 + next
	}
	return -1
}
