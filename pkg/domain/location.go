package domain

import (
	"strconv"
	"strings"
	"unicode"
)

// Location points at one record of one input file, and for a spreadsheet
// at one cell of it.
type Location struct {
	// File is the input's path as given on the command line ("-" for stdin).
	File string `json:"file"`
	// FileIndex is the input's position on the command line, from 0; it
	// orders findings by input order.
	FileIndex int `json:"-"`
	// Row counts data records from 1 (the header is not a row).
	Row int `json:"row"`
	// Line is the physical line where the record starts, from 1; in a
	// spreadsheet, the sheet's row number.
	Line int `json:"-"`
	// Sheet names the worksheet of a spreadsheet (XLSX) input; "" for a
	// text file.
	Sheet string `json:"-"`
	// Col is, in a spreadsheet, the column of the cell pointed at, from 1
	// (A); 0 points at the row, shown as its cell in column A.
	Col int `json:"-"`
}

// String is the location as people open it: FILE:LINE, the line the record
// starts on, for a text file ("contacts.csv:4", whatever the header and
// blank lines before it); FILE:SHEET!CELL for a spreadsheet
// ("contacts.xlsx:Sheet1!E3"). A location without a line (no input makes
// one) is the file alone.
func (l Location) String() string {
	if p := l.Place(); p != "" {
		return l.File + ":" + p
	}
	return l.File
}

// Place is the location within its file, as String writes it after the
// file: the line ("4"), or a spreadsheet's cell with its sheet as a
// spreadsheet's name box takes it ("Sheet1!E3", "'Opt-ins 2025'!A7"); ""
// without a line.
func (l Location) Place() string {
	switch {
	case l.Line < 1:
		return ""
	case l.Sheet != "":
		return SheetRef(l.Sheet) + "!" + l.CellName()
	}
	return strconv.Itoa(l.Line)
}

// CellName names a spreadsheet location's cell without its sheet ("E3"):
// column Col (A for the row) of row Line; "" for a text file's, or
// without a line.
func (l Location) CellName() string {
	if l.Sheet == "" || l.Line < 1 {
		return ""
	}
	return ColumnName(max(l.Col, 1)) + strconv.Itoa(l.Line)
}

// Before orders locations by input file, then row.
func (l Location) Before(o Location) bool {
	if l.FileIndex != o.FileIndex {
		return l.FileIndex < o.FileIndex
	}
	return l.Row < o.Row
}

// Same reports whether l and o are equal (l == o), asked field by field
// from the row: the reports and the stored findings ask it of each
// finding, whose row mostly differs from the last one's.
func (l *Location) Same(o *Location) bool {
	return l.Row == o.Row && l.FileIndex == o.FileIndex && l.Line == o.Line && l.Col == o.Col &&
		l.File == o.File && l.Sheet == o.Sheet
}

// ColumnName is a spreadsheet column's letters: 1 is A, 27 is AA.
func ColumnName(col int) string {
	var b [8]byte
	i := len(b)
	for ; col > 0 && i > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:])
}

// SheetRef is a sheet's name as a cell reference writes it: as is when it
// is a plain name, else in single quotes with quotes doubled, as
// spreadsheets write 'Opt-ins 2025'!A7.
func SheetRef(name string) string {
	if plainSheetName(name) {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// plainSheetName reports whether a sheet name needs no quotes: letters,
// digits, '_' and '.', not starting with a digit or '.', and not read as
// a cell (AB12) or an R1C1 reference.
func plainSheetName(name string) bool {
	if name == "" || looksLikeCell(name) {
		return false
	}
	for i, r := range name {
		switch {
		case r == '_' || unicode.IsLetter(r):
		case i > 0 && (r == '.' || unicode.IsDigit(r)):
		default:
			return false
		}
	}
	return true
}

// looksLikeCell reports whether name reads as a cell reference: letters
// then digits (A1, XFD9), or R and C with optional digits (R1C1, RC, R2).
func looksLikeCell(name string) bool {
	const digits = "0123456789"
	u := strings.ToUpper(name)
	letters := len(u) - len(strings.TrimLeft(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	if letters > 0 && letters <= 3 && letters < len(u) && strings.Trim(u[letters:], digits) == "" {
		return true
	}
	rest, row := strings.CutPrefix(u, "R")
	rest = strings.TrimLeft(rest, digits)
	rest, col := strings.CutPrefix(rest, "C")
	return (row || col) && strings.Trim(rest, digits) == ""
}
