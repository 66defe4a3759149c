package input

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// A workbook may hold several lists, one a sheet. listaudit reads one (the
// first, or --sheet's); the others' rows would be in no output, so the
// reader says which other sheets hold rows, and a sheet without a phone
// column names the sheets that have one.

// otherSheet is what another sheet of the workbook holds: rows (a header
// and a record at least), and a phone column in its header.
type otherSheet struct {
	name            string
	hasRows, hasTel bool
}

// otherSheets looks at the first rows of each worksheet but read.
func (sh *xlsxSheet) otherSheets(read string) []otherSheet {
	var out []otherSheet
	for _, s := range sh.sheets {
		if s.name != read && s.kind == "" {
			o := otherSheet{name: s.name}
			o.hasRows, o.hasTel = sh.peekSheet(s.target)
			out = append(out, o)
		}
	}
	return out
}

// peekSheet reads the sheet at target up to its second non-blank row: it
// holds rows when it has one, and a phone column when a cell of its first
// is a phone alias.
func (sh *xlsxSheet) peekSheet(target string) (hasRows, hasTel bool) {
	zf := sh.file(target)
	if zf == nil {
		return false, false
	}
	rc, err := zf.Open()
	if err != nil {
		return false, false
	}
	defer rc.Close()
	o := &xlsxSheet{f: sh.f, zr: sh.zr, rc: rc, sst: sh.sst, dateXf: sh.dateXf, date1904: sh.date1904}
	o.startRows()
	for seen := 0; seen < 2; {
		line, err := o.nextRow()
		if err != nil {
			return false, hasTel
		}
		if o.blank() {
			continue
		}
		if seen == 0 {
			for _, h := range o.texts(nil, line) {
				if f, _, ok := aliasField(h); ok && f == domain.FieldPhone {
					hasTel = true
				}
			}
		}
		seen++
	}
	return true, hasTel
}

// otherSheetsWarning is the warning for a workbook read from its first
// sheet, read, whose other sheets hold rows; "" when none does.
func (sh *xlsxSheet) otherSheetsWarning(file, read string) string {
	var names []string
	for _, o := range sh.otherSheets(read) {
		if o.hasRows {
			names = append(names, o.name)
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf("%s: only its first sheet, %q, is read; sheet %q also holds rows (read it with --sheet %s)",
			file, read, names[0], domain.ShellQuote(names[0]))
	}
	return fmt.Sprintf("%s: only its first sheet, %q, is read; sheets %s also hold rows (read one with --sheet NAME)",
		file, read, andList(quoteAll(names)))
}

// noPhoneSheetError adds to err, the error for sheet read without a phone
// column, the workbook's other sheets: the first with a phone column as a
// --sheet to give when the sheet was the default one, else all their names.
func (sh *xlsxSheet) noPhoneSheetError(err error, read string, byDefault bool) error {
	if len(sh.sheets) < 2 {
		return err
	}
	names := make([]string, len(sh.sheets))
	for i, s := range sh.sheets {
		names[i] = s.name
	}
	all := sheetList(quoteAll(names))
	for _, o := range sh.otherSheets(read) {
		if o.hasTel && byDefault {
			return fmt.Errorf("%w; or read sheet %q, which has one: --sheet %s (sheets: %s)", err, o.name, domain.ShellQuote(o.name), all)
		}
	}
	return fmt.Errorf("%w; or read another sheet with --sheet NAME (sheets: %s)", err, all)
}

// emptySheetError adds to err, the error for the empty sheet read, the
// worksheets whose header has a phone column, when the sheet was the
// default one: an empty Sheet1 is often left before the list's.
func (sh *xlsxSheet) emptySheetError(err error, read string, byDefault bool) error {
	if !byDefault {
		return err
	}
	var names []string
	for _, o := range sh.otherSheets(read) {
		if o.hasTel {
			names = append(names, o.name)
		}
	}
	switch len(names) {
	case 0:
		return err
	case 1:
		return fmt.Errorf("%w; sheet %q has a phone column: read it with --sheet %s", err, names[0], domain.ShellQuote(names[0]))
	}
	return fmt.Errorf("%w; sheets %s have a phone column: read one with --sheet NAME", err, andList(quoteAll(names)))
}

// quoteAll quotes each of names as Go does ("Contacts UK").
func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = strconv.Quote(n)
	}
	return out
}

// andList words names as "a, b and c", the first sheetsListed of them
// then how many more.
func andList(names []string) string {
	if len(names) > sheetsListed {
		return fmt.Sprintf("%s and %d more", strings.Join(names[:sheetsListed], ", "), len(names)-sheetsListed)
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// sheetsListed is how many sheet names an error lists.
const sheetsListed = 10

// sheetList joins the first sheetsListed of names, and says how many more
// there are: a workbook may have thousands.
func sheetList(names []string) string {
	if len(names) <= sheetsListed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, … %d more", strings.Join(names[:sheetsListed], ", "), len(names)-sheetsListed)
}
