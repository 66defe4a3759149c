package input

import (
	"archive/zip"
	"bufio"
	"bytes"
	"cmp"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

// The XLSX reader streams one worksheet's XML straight out of the zip with
// encoding/xml. excelize's own row iterator (Rows.Columns) returns each
// cell as a string without its type or style, so a number could not be
// told from text that looks like one, nor a date serial from a count; here
// every cell keeps both. excelize still supplies the date arithmetic
// (ExcelDateToTime) and cell references, and writes XLSX for listaudit fix.
// Memory holds the shared strings table and one row; the sheet is never
// loaded whole.

// isZip reports whether f starts with a zip local file header, without
// moving its offset.
// zipMagic starts every zip file, and so every XLSX workbook.
const zipMagic = "PK\x03\x04"

func isZip(f *os.File) bool {
	var b [len(zipMagic)]byte
	n, _ := f.ReadAt(b[:], 0)
	return n == len(b) && string(b[:]) == zipMagic
}

type xlsxSheet struct {
	f      *os.File
	zr     *zip.Reader
	rc     io.ReadCloser // the worksheet entry
	dec    *xml.Decoder
	sst    []string
	dateXf []bool // per cell style index: a date number format
	// dateCols marks the columns (from 0) of the list's date fields: a
	// number there that lies in the range of date serials is one, even
	// in the General format (a tester's finding: 45678 in a consent date
	// column was read as a Unix time of 1970).
	dateCols []bool
	date1904 bool
	cells    []xlsxCell // the current row's cells, reused
	// problems lists the current row's cells that cannot be read, as
	// texts found them, and problemCol is the first such cell's column
	// (from 1), 0 when none has one.
	problems   []string
	problemCol int
	done       bool
	// closed is whether the sheet's </worksheet> was read: its XML ending
	// before it is a sheet cut short, even between rows (sheetEnd).
	closed bool
	fast   *bufio.Reader // the sheet, when xlsxrows.go reads it
	row    []byte        // the current row's XML, for xlsxrows.go
	// gap passes the sheet's XML on and counts it; rowBase is the offset
	// in it of what readRow's decoder reads (a row cut out by hand).
	gap     *tagGapReader
	rowBase int64
	lastRow int // the number of the last row read whole
	// badRow is the last r attribute read that is no row number.
	badRow string
	// sheets are the workbook's sheets, in order (see otherSheets).
	sheets []sheetPart
}

// sheetPart is a sheet of the workbook: its name, its part in the zip (""
// when the workbook names none), and what it is when not a worksheet
// ("chart sheet"; see sheetKind).
type sheetPart struct{ name, target, kind string }

// xlsxCell is one cell as stored.
type xlsxCell struct {
	col   int    // from 0
	typ   string // the t attribute: "", "n", "s", "str", "inlineStr", "b", "e", "d"
	style int
	v     string // <v>, or the text of an inline string
	// badRef is the r attribute when it is no cell reference; col is then
	// the one after the previous cell's, as for a cell without r.
	badRef string
}

// inlineRunEnds reports whether the end of the child element name ends a
// text run of an inline string, whose escapes are then decoded (each run
// is an ST_Xstring of its own).
func (c *xlsxCell) inlineRunEnds(name string) bool { return name == "t" && c.typ == "inlineStr" }

// setRef places a cell by its r attribute, the last one when repeated
// (both row readers go by the last, as an attribute list read in order
// would leave it).
func (c *xlsxCell) setRef(ref string) {
	if x, _, err := excelize.CellNameToCoordinates(ref); err == nil {
		c.col = x - 1
		return
	}
	c.badRef = ref
}

type xlsxDecoder struct {
	r      *Reader
	sh     *xlsxSheet
	header []string
	cells  []fieldColumn
	phone  int
	extra  []int
	fields []string
	// optOut lists the other opt-out columns (see optout.go).
	optOut []optOutColumn
	// phones lists the phone column's fallbacks (see phonefallback.go).
	phones []int
}

func (r *Reader) openXLSX(f *os.File) error {
	name := r.src.Path
	// The zip directory is at the end, so the file is read twice: once
	// here for the hash, then by entry.
	size, err := io.Copy(r.hash, f)
	if err != nil {
		return r.ioError(err)
	}
	r.info.SHA256 = hex.EncodeToString(r.hash.Sum(nil))
	zr, err := zip.NewReader(f, size)
	if err != nil {
		var magic [2]byte
		if n, _ := f.ReadAt(magic[:], 0); n == 2 && magic == [2]byte{0x1f, 0x8b} {
			return fmt.Errorf("%s: not an XLSX workbook but a gzip-compressed file: gunzip it first", name)
		}
		return fmt.Errorf("%s: not an XLSX workbook: %w", name, err)
	}
	sh := &xlsxSheet{f: f, zr: zr}
	r.xlsx = sh
	sheet, target, err := sh.pickSheet(r.opts.Sheet)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	r.info.Sheet = sheet
	if err := sh.loadSharedStrings(); err != nil {
		return fmt.Errorf("%s: shared strings: %w", name, err)
	}
	if err := sh.loadStyles(); err != nil {
		return fmt.Errorf("%s: styles: %w", name, err)
	}
	zf := sh.file(target)
	if zf == nil {
		return fmt.Errorf("%s: sheet %q: %s is missing from the workbook", name, sheet, target)
	}
	if sh.rc, err = zf.Open(); err != nil {
		return fmt.Errorf("%s: sheet %q: %w", name, sheet, err)
	}
	sh.startRows()

	d := &xlsxDecoder{r: r, sh: sh}
	line, err := sh.nextRow()
	for err == nil && sh.blank() {
		line, err = sh.nextRow()
	}
	if err == io.EOF {
		return sh.emptySheetError(fmt.Errorf("%s: sheet %q is empty", name, sheet), sheet, r.opts.Sheet == "")
	}
	if err != nil {
		return sh.rowError(name, sheet, line, err)
	}
	d.header = sh.texts(nil, line)
	if len(sh.problems) > 0 {
		return fmt.Errorf("%s: sheet %q: row %d: %s", name, sheet, line, strings.Join(sh.problems, "; "))
	}
	r.info.Header = d.header
	if r.opts.AllKeys {
		r.info.Keys = d.header
	}
	m := matchColumns(d.header, r.opts, name, r.warn, true)
	if len(m.missing) > 0 {
		f := m.missing[0]
		return missingMapError(fmt.Sprintf("%s: sheet %q", name, sheet), d.header, f, r.opts.Map[f], mappedBy(r.opts.MapSource, f))
	}
	cols, idx := m.cols, m.idx
	if idx[domain.FieldPhone] < 0 {
		where, row := fmt.Sprintf("%s: sheet %q", name, sheet), fmt.Sprintf("row %d", line)
		if !r.opts.PhoneOptional {
			return sh.noPhoneSheetError(noPhoneHeaderError(where, row, d.header, cols), sheet, r.opts.Sheet == "")
		}
		// Read without a phone column (inspect), but not a sheet whose
		// "header" is a record: its columns would be data.
		if err := textfile.DataHeaderError(where, row, d.header, "phone"); err != nil {
			return err
		}
	}
	r.cols = cols
	for f, c := range idx {
		if c >= 0 {
			d.cells = append(d.cells, fieldColumn{domain.Field(f), c})
		}
	}
	d.phone = idx[domain.FieldPhone]
	sh.markDateColumns(idx)
	d.extra = exportPhones(d.header, d.phone)
	d.optOut = optOutColumns(d.header, cols, m.optOut)
	d.phones = m.phones
	r.info.PhoneFallbacks = headersAt(d.header, m.phones)
	r.phoneCell = d.phone
	r.asWritten = phoneAsWritten(d.header, d.phone, m.phones)
	r.countries = newCountryScan(d.header, idx)
	r.cells = sheetCells(idx, d.optOut)
	r.dec = d
	if r.opts.Sheet == "" {
		if w := sh.otherSheetsWarning(name, sheet); w != "" {
			r.warn(w)
		}
	}
	return nil
}

// sheetCells returns each field's column (from 1) by the fields' columns
// idx (from 0, -1 for none), and sets those of the records read from
// another opt-out column.
func sheetCells(idx []int, optOut []optOutColumn) *domain.CellColumns {
	var cells domain.CellColumns
	for f, c := range idx {
		if f < len(cells) {
			cells[f] = c + 1
		}
	}
	for i := range optOut {
		c := cells
		c[domain.FieldOptedOut] = optOut[i].col + 1
		optOut[i].cells = &c
	}
	return &cells
}

func (d *xlsxDecoder) next(rec *domain.Record) error {
	sh := d.sh
	for {
		line, err := sh.nextRow()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return sh.rowError(d.r.src.Path, d.r.info.Sheet, line, err)
		}
		if sh.blank() {
			continue // blank rows are not records, as blank lines of a CSV
		}
		rec.Loc.Line = line
		break
	}
	d.fields = sh.texts(d.fields[:0], rec.Loc.Line)
	for len(d.fields) < len(d.header) {
		d.fields = append(d.fields, "")
	}
	// Every cell is kept, those beyond the header too, so that a
	// malformed row is quarantined whole.
	d.r.keepCells(d.fields)
	for _, c := range d.cells {
		rec.Values[c.field] = d.fields[c.col]
	}
	if len(d.optOut) > 0 {
		readOptOutColumns(rec, d.fields, d.optOut)
	}
	phone := d.phone
	if len(d.phones) > 0 {
		if c := d.r.readPhoneFallback(rec, d.fields, d.header, d.phones); c >= 0 {
			phone = c
		}
	}
	if d.r.countries != nil {
		d.r.scanCountry(d.fields)
	}
	for _, c := range sh.cells {
		if c.col == phone && sh.isNumber(c) {
			rec.PhoneIsNumber = true
		}
	}
	problems, col := sh.problems, sh.problemCol
	if len(d.fields) > len(d.header) {
		if beyond, at := d.beyondHeader(rec.Loc.Line); beyond != "" {
			problems = append(problems, beyond)
			col = cmp.Or(col, at)
		}
	}
	for i, f := range d.fields {
		if d.r.badText(f) {
			problems = append(problems, "invalid UTF-8 in column "+strconv.Quote(rowCell(d.header, i)))
			col = cmp.Or(col, i+1)
			break
		}
	}
	if len(problems) > 0 {
		// The finding points at the first cell it names.
		rec.Malformed, rec.Loc.Col = strings.Join(problems, "; "), col
		return nil
	}
	if d.r.numbers(d.header, d.phone, d.extra, d.fields) {
		rec.Values[domain.FieldPhone] = "" // a fax or pager alone: no number to message
	}
	return nil
}

// maxCellsNamed caps the cells a message lists.
const maxCellsNamed = 5

// beyondHeader describes the cells of the current row that hold a value
// beyond the header's columns, as a CSV row with more fields than its
// header is malformed, and returns the first one's column (from 1); ""
// when there are none. Empty cells there are fine: spreadsheets keep
// formatted empty cells.
func (d *xlsxDecoder) beyondHeader(row int) (string, int) {
	var names []string
	n, first := 0, 0
	for i := len(d.header); i < len(d.fields); i++ {
		if d.fields[i] == "" {
			continue
		}
		if n++; n <= maxCellsNamed {
			names = append(names, cellName(i, row))
		}
		first = cmp.Or(first, i+1)
	}
	switch {
	case n == 0:
		return "", 0
	case n == 1:
		return fmt.Sprintf("cell %s has a value beyond the header's %d columns", names[0], len(d.header)), first
	case n > maxCellsNamed:
		names = append(names, fmt.Sprintf("%d more", n-maxCellsNamed))
	}
	last := len(names) - 1
	return fmt.Sprintf("cells %s and %s have values beyond the header's %d columns",
		strings.Join(names[:last], ", "), names[last], len(d.header)), first
}

// cellName names the cell of column col (from 0) in row, A1 style; just
// the column when the row has no number.
func cellName(col, row int) string {
	if row > 0 {
		if name, err := excelize.CoordinatesToCellName(col+1, row); err == nil {
			return name
		}
	}
	name, _ := excelize.ColumnNumberToName(col + 1)
	return name
}

func (sh *xlsxSheet) close() {
	if sh.rc != nil {
		sh.rc.Close()
	}
}

func (sh *xlsxSheet) file(name string) *zip.File {
	for _, f := range sh.zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// decodeEntry unmarshals one small XML part; a missing part leaves v as is.
func (sh *xlsxSheet) decodeEntry(name string, v any) error {
	return sh.withEntry(name, func(dec *xml.Decoder) error { return dec.Decode(v) })
}

// withEntry hands read a decoder over one part of the workbook; a missing
// part is not read.
func (sh *xlsxSheet) withEntry(name string, read func(*xml.Decoder) error) error {
	f := sh.file(name)
	if f == nil {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return read(xml.NewDecoder(&tagGapReader{r: rc}))
}

// A Strict Open XML workbook (Excel's "Strict Open XML Spreadsheet") names
// its relationships under these URIs rather than the transitional ones;
// the rest the reader meets (element names, read by local name) is alike.
const (
	relsTransitional = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relsStrict       = "http://purl.oclc.org/ooxml/officeDocument/relationships"
)

// workbookSheet is a <sheet> of workbook.xml: its name and r:id, under
// either relationships namespace.
type workbookSheet struct {
	Name string     `xml:"name,attr"`
	Attr []xml.Attr `xml:",any,attr"`
}

func (s workbookSheet) rid() string {
	for _, a := range s.Attr {
		if a.Name.Local == "id" && (a.Name.Space == relsTransitional || a.Name.Space == relsStrict) {
			return a.Value
		}
	}
	return ""
}

// pickSheet finds the worksheet to read, by name or the first worksheet
// (a chart, dialog or macro sheet holds no list), and its part name
// inside the zip.
func (sh *xlsxSheet) pickSheet(want string) (string, string, error) {
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []workbookSheet `xml:"sheets>sheet"`
	}
	if err := sh.decodeEntry("xl/workbook.xml", &wb); err != nil {
		return "", "", fmt.Errorf("workbook: %w", err)
	}
	sh.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	if len(wb.Sheets) == 0 {
		return "", "", errors.New("the workbook has no sheets")
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := sh.decodeEntry("xl/_rels/workbook.xml.rels", &rels); err != nil {
		return "", "", fmt.Errorf("workbook relationships: %w", err)
	}
	part := func(rid string) sheetPart {
		for _, rel := range rels.Rel {
			if rel.ID == rid {
				p := sheetPart{kind: sheetKind(rel.Type), target: path.Join("xl", rel.Target)}
				if t, ok := strings.CutPrefix(rel.Target, "/"); ok {
					p.target = t
				}
				return p
			}
		}
		return sheetPart{}
	}
	for _, ws := range wb.Sheets {
		p := part(ws.rid())
		p.name = ws.Name
		sh.sheets = append(sh.sheets, p)
	}
	i, err := sh.sheetIndex(want)
	if err != nil {
		return "", "", err
	}
	s := sh.sheets[i]
	if s.target == "" {
		return "", "", fmt.Errorf("sheet %q has no part in the workbook", s.name)
	}
	return s.name, s.target, nil
}

// sheetIndex is the index in sh.sheets of the sheet named want, or of the
// first worksheet when want is "".
func (sh *xlsxSheet) sheetIndex(want string) (int, error) {
	names := make([]string, len(sh.sheets))
	for j, s := range sh.sheets {
		names[j] = strconv.Quote(s.name)
	}
	for j, s := range sh.sheets {
		switch {
		case want == "" && s.kind == "":
			return j, nil
		case want == "" || s.name != want:
		case s.kind != "":
			return 0, fmt.Errorf("sheet %q is a %s, not a worksheet: it holds no list (sheets: %s)", want, s.kind, sheetList(names))
		default:
			return j, nil
		}
	}
	if want == "" {
		return 0, fmt.Errorf("the workbook has no worksheet (sheets: %s)", sheetList(names))
	}
	return 0, fmt.Errorf("no sheet %q (sheets: %s)", want, sheetList(names))
}

// sheetKind words a sheet relationship's type that is no worksheet ("" for
// a worksheet, or a type the workbook does not give).
func sheetKind(typ string) string {
	switch typ[strings.LastIndexByte(typ, '/')+1:] {
	case "chartsheet":
		return "chart sheet"
	case "dialogsheet":
		return "dialog sheet"
	case "xlMacrosheet", "xlIntlMacrosheet":
		return "macro sheet"
	}
	return ""
}

// Every shared string a sheet uses costs its cell at least
// <c t="s"><v>0</v></c>, 20 bytes of sheet XML; a table far larger than
// the workbook's sheets could use is a zip bomb (millions of tiny <si>
// compress to almost nothing), refused before it fills memory.
const (
	sharedStringCellBytes = 16      // a little under the 20, for slack
	sharedStringsSlack    = 1 << 16 // unused strings some programs keep
	sharedTextPerSheet    = 16      // shared text bytes per sheet byte, past maxRecordBytes
)

// sharedStringsLimit is how many shared strings, and how many bytes of
// their text, the workbook's sheets could use at most.
type sharedStringsLimit struct {
	sheetBytes uint64
	count      int
	text       int64
}

func (sh *xlsxSheet) sharedStringsLimit() sharedStringsLimit {
	var l sharedStringsLimit
	for _, s := range sh.sheets {
		if f := sh.file(s.target); f != nil {
			l.sheetBytes += f.UncompressedSize64
		}
	}
	capped := min(l.sheetBytes, 1<<40) // no overflow below
	l.count = int(capped/sharedStringCellBytes) + sharedStringsSlack
	l.text = maxRecordBytes + int64(capped)*sharedTextPerSheet
	return l
}

// check returns an error when count strings of text bytes are over l.
func (l sharedStringsLimit) check(count int, text int64) error {
	what := ""
	switch {
	case count > l.count:
		what = fmt.Sprintf("%d strings", l.count)
	case text > l.text:
		what = fmt.Sprintf("%d bytes of text", l.text)
	default:
		return nil
	}
	return fmt.Errorf("the table holds more than %s, more than the workbook's sheets (%d bytes) could use: a damaged or hostile workbook (a zip bomb?); save it again from the program that made it",
		what, l.sheetBytes)
}

// loadSharedStrings reads the shared strings table: the text of each
// <si>, its runs joined, phonetic guides (<rPh>) left out, the _xHHHH_
// escapes of each <t> decoded (each is an ST_Xstring of its own).
func (sh *xlsxSheet) loadSharedStrings() error {
	limit := sh.sharedStringsLimit()
	return sh.withEntry("xl/sharedStrings.xml", func(dec *xml.Decoder) error {
		var b strings.Builder
		in, skip, run := false, 0, 0
		var text int64
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return err
			}
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "si":
					in = true
					b.Reset()
				case "t":
					run = b.Len()
				case "rPh":
					skip++
				}
			case xml.EndElement:
				switch t.Name.Local {
				case "t":
					if in && skip == 0 && run <= b.Len() {
						decodeRun(&b, run)
					}
				case "si":
					in = false
					text += int64(b.Len())
					if err := limit.check(len(sh.sst)+1, text); err != nil {
						return err
					}
					sh.sst = append(sh.sst, b.String())
				case "rPh":
					skip--
				}
			case xml.CharData:
				if in && skip == 0 {
					b.Write(t)
				}
			}
		}
	})
}

// loadStyles marks the cell styles whose number format shows a date.
func (sh *xlsxSheet) loadStyles() error {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := sh.decodeEntry("xl/styles.xml", &st); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, n := range st.NumFmts {
		custom[n.ID] = n.Code
	}
	sh.dateXf = make([]bool, len(st.Xfs))
	for i, x := range st.Xfs {
		if code, ok := custom[x.NumFmtID]; ok {
			sh.dateXf[i] = isDateFormat(code)
		} else {
			sh.dateXf[i] = isBuiltInDate(x.NumFmtID)
		}
	}
	return nil
}

// isBuiltInDate reports whether a built-in number format (ECMA-376 Part 1
// §18.8.30, and the East Asian ids Excel uses) is a date or time.
func isBuiltInDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 ||
		id >= 50 && id <= 58 || id >= 71 && id <= 81
}

// isDateFormat reports whether a custom number format code shows a date or
// time: it has a y, m, d, h or s outside quoted text, escapes and [..]
// sections (colours, conditions, locales; [h] elapsed hours count).
func isDateFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			inner := strings.ToLower(code[i+1 : i+j])
			if inner == "h" || inner == "hh" || inner == "m" || inner == "mm" || inner == "s" || inner == "ss" {
				return true
			}
			i += j
		case 'y', 'Y', 'd', 'D', 'h', 'H', 's', 'S', 'm', 'M':
			return true
		case 'g', 'G': // General
			if strings.HasPrefix(strings.ToLower(code[i:]), "general") {
				i += len("general") - 1
			}
		case 'e', 'E': // scientific exponent: 0.00E+00
		}
	}
	return false
}

// nextRow reads the next <row> into sh.cells and returns its row number.
// The sheet is read with RawToken: SpreadsheetML elements are matched by
// local name, so namespace translation (and its allocations, a third of
// the reading time) buys nothing.
func (sh *xlsxSheet) nextRow() (int, error) {
	line, err := sh.readNextRow()
	if err == nil {
		line, err = sh.rowNumber(line)
	}
	switch {
	case err == nil:
		sh.lastRow = line
	case errors.As(err, new(cutShort)):
	case errors.Is(err, io.ErrUnexpectedEOF):
		// A workbook cut short, or its sheet's XML, between rows: say so
		// rather than a bare "unexpected EOF".
		err = cutShort{err: err}
	}
	return line, err
}

// cutShort is the error of a sheet whose XML ends before it should (a
// workbook cut short); cell names the cell it ends in, "" when it ends
// in none or the cell is not known.
type cutShort struct {
	cell string
	err  error
}

func (c cutShort) Error() string {
	if c.cell != "" {
		return "cell " + c.cell + ": the sheet's XML ends early (unexpected EOF)"
	}
	return "the sheet's XML ends early (unexpected EOF)"
}

func (c cutShort) Unwrap() error { return c.err }

// endsEarly reports whether err says the XML read ended inside what it
// was reading: io.ErrUnexpectedEOF, or the tokenizer's syntax error at
// the end of its input (in a tag, comment or CDATA section).
func endsEarly(err error) bool {
	var syntax *xml.SyntaxError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &syntax) && strings.HasPrefix(syntax.Msg, "unexpected EOF")
}

// rowReadError words an error met reading row num (its r attribute, 0
// for none), in cell c (nil when outside one) after the cell of column
// col (from 0); atCells is false inside another element of the row. A
// row cut short is an error however it ends, naming the row and the cell
// it ends in (c, or a <c> start tag cut short) when known; a row without
// a number to name (a bad r) and other errors are placed after the last
// row read whole.
func (sh *xlsxSheet) rowReadError(err error, num int, c *xlsxCell, col int, atCells bool) (int, error) {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	switch {
	case errors.As(err, new(damaged)):
		return num, err
	case !endsEarly(err):
		return 0, err
	case c == nil && atCells:
		c = sh.cutCell(col)
	}
	row, bad := sh.rowNumber(num)
	if bad != nil {
		row = 0
	}
	cut := cutShort{err: err}
	if c != nil {
		cut.cell = cellLabel(*c, row)
	}
	return row, cut
}

// rowTagError words an error met between rows or in a <row> start tag:
// a sheet whose XML ends in a row's start tag names that row when its r
// attribute was read whole; other errors are placed after the last row.
func (sh *xlsxSheet) rowTagError(err error) (int, error) {
	if !endsEarly(err) {
		return 0, err
	}
	num := 0
	if ref, ok := sh.cutTagRef("row"); ok {
		num = max(sh.rowRef(ref), 0)
	}
	return num, cutShort{err: err}
}

// cutCell is the cell whose <c> start tag the sheet's XML ends in, the
// one after column col (from 0) unless its r says otherwise; nil when
// the tag is no <c>, or its r attribute was not read whole (its column
// is then not known).
func (sh *xlsxSheet) cutCell(col int) *xlsxCell {
	ref, ok := sh.cutTagRef("c")
	if !ok {
		return nil
	}
	c := xlsxCell{col: col + 1}
	c.setRef(ref)
	return &c
}

// cutTagRef returns the r attribute of the start tag named local (by its
// local name, as the readers match elements) that the sheet's XML ends
// in, cut short, when that attribute was read whole; the last one when
// repeated, as the readers take it.
func (sh *xlsxSheet) cutTagRef(local string) (string, bool) {
	if sh.gap == nil { // a row read alone, not from a sheet
		return "", false
	}
	start, ok := cutStart(sh.gap.tail)
	if !ok || start.Name.Local != local {
		return "", false
	}
	ref, found := "", false
	for _, a := range start.Attr {
		if a.Name.Local == "r" {
			ref, found = a.Value, true
		}
	}
	return ref, found
}

// cutStart reads b, a start tag cut short (from its '<'), as the tokenizer
// reads it closed after its last attribute read whole: closed where it is
// cut, else after each closing quote back from there.
func cutStart(b []byte) (xml.StartElement, bool) {
	for end := len(b); end > 0; end = bytes.LastIndexAny(b[:end-1], `"'`) + 1 {
		tok, err := xml.NewDecoder(bytes.NewReader(append(b[:end:end], '>'))).RawToken()
		if start, ok := tok.(xml.StartElement); ok && err == nil {
			return start, true
		}
	}
	return xml.StartElement{}, false
}

// rowNumber returns the number of the row just read, whose r attribute
// gave num (rowRef): a row without one (r is optional) comes after the
// previous row, as Excel numbers it; one outside Excel's rows is an
// error, since findings would point nowhere (line 0, -5, or row
// 9223372036854775807).
func (sh *xlsxSheet) rowNumber(num int) (int, error) {
	switch {
	case num == 0:
		num = sh.lastRow + 1
	case num < 0:
		return 0, fmt.Errorf("the row number r=%q is not one of 1 to %d (the workbook is damaged)", sh.badRow, excelize.TotalRows)
	}
	if num > excelize.TotalRows {
		return 0, fmt.Errorf("more than %d rows (the workbook is damaged)", excelize.TotalRows)
	}
	return num, nil
}

// rowRef reads a row's r attribute: its number, or -1 when it is none of
// Excel's rows (sh.badRow then holds it).
func (sh *xlsxSheet) rowRef(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > excelize.TotalRows {
		sh.badRow = v
		return -1
	}
	return n
}

// rowError words an error met reading the sheet at row line, which is 0
// when the row's number was not read yet: the error is then placed after
// the last row read.
func (sh *xlsxSheet) rowError(file, sheet string, line int, err error) error {
	if line <= 0 {
		if sh.lastRow == 0 {
			return fmt.Errorf("%s: sheet %q: before the first row: %w", file, sheet, err)
		}
		return fmt.Errorf("%s: sheet %q: after row %d: %w", file, sheet, sh.lastRow, err)
	}
	return fmt.Errorf("%s: sheet %q: row %d: %w", file, sheet, line, err)
}

// readNextRow reads the next row's cells and returns its number.
func (sh *xlsxSheet) readNextRow() (int, error) {
	sh.cells = sh.cells[:0]
	if sh.done {
		return 0, io.EOF
	}
	if sh.fast != nil {
		return sh.nextRowFast()
	}
	for {
		tok, err := sh.dec.RawToken()
		if err == io.EOF {
			return 0, sh.sheetEnd(err)
		}
		if err != nil {
			return sh.rowTagError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "row" {
				return sh.readRow(sh.dec, t)
			}
		case xml.EndElement:
			sh.closed = t.Name.Local == "worksheet"
			if t.Name.Local == "sheetData" {
				sh.done = true
				return 0, sh.rowsAfterSheetData()
			}
		}
	}
}

// rowsAfterSheetData reads the rest of the sheet with the tokenizer: a
// <row> there is a row a workbook closed early would lose (the fast
// path's is nextRowAfterSheetData). It returns io.EOF when there is none,
// io.ErrUnexpectedEOF when the XML ends before </worksheet> (sheetEnd).
func (sh *xlsxSheet) rowsAfterSheetData() error {
	for {
		at := sh.dec.InputOffset()
		tok, err := sh.dec.RawToken()
		var syntax *xml.SyntaxError
		switch {
		case err == io.EOF:
			return sh.sheetEnd(err)
		case errors.As(err, &syntax) && !sh.closed && endsEarly(err):
			return io.ErrUnexpectedEOF
		case errors.As(err, &syntax):
			return io.EOF // what follows the rows is not read, as by hand
		case err != nil:
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "row" {
				return damagedXML(at, "a <row> after </sheetData>")
			}
		case xml.EndElement:
			sh.closed = t.Name.Local == "worksheet"
		}
	}
}

// sheetEnd is what the end of the sheet's XML, err (io.EOF), means: the
// end of its rows after </worksheet>, else a sheet cut short, here between
// two rows or after the last, which would otherwise read as a shorter
// list (a program that stopped writing after a row).
func (sh *xlsxSheet) sheetEnd(err error) error {
	if err != io.EOF {
		return err
	}
	sh.done = true
	if !sh.closed {
		return io.ErrUnexpectedEOF
	}
	return io.EOF
}

// damagedXML words XML that the tokenizer reads token by token but that
// does not nest (an element closed by another's end tag, a row inside a
// row, a row after </sheetData>): rows would be lost or merged, so the
// workbook cannot be trusted. at is the offset in the sheet's XML.
func damagedXML(at int64, what string) error {
	return damaged(fmt.Sprintf("damaged XML at byte %d of the sheet: %s (Excel refuses such a workbook too: save it again from the program that made it)", at, what))
}

// damaged is the error of XML that does not nest: it names its row.
type damaged string

func (d damaged) Error() string { return string(d) }

// mismatch words an end tag that is not the open element's.
func mismatch(at int64, got, want xml.Name) error {
	return damagedXML(at, fmt.Sprintf("</%s> where </%s> should be", qualified(got), qualified(want)))
}

func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// readRow reads the cells of the row start opens, up to its end tag. The
// elements in it must nest: RawToken does not check that they do, and a
// row not closed, or closed by another tag, would take the next row's
// cells as its own.
func (sh *xlsxSheet) readRow(dec *xml.Decoder, start xml.StartElement) (int, error) {
	num := 0
	for _, a := range start.Attr {
		if a.Name.Local == "r" {
			num = sh.rowRef(a.Value)
		}
	}
	col := -1
	var stack [8]xml.Name
	open := stack[:0] // elements open in the row other than its cells
	cut := func(err error, c *xlsxCell) (int, error) {
		return sh.rowReadError(err, num, c, col, len(open) == 0)
	}
	for {
		at := sh.rowBase + dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			return cut(err, nil)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(open) == 0 && t.Name.Local == "row" {
				return num, damagedXML(at, "a <row> starts before this row's </row>")
			}
			if len(open) > 0 || t.Name.Local != "c" {
				open = append(open, t.Name)
				continue
			}
			c := xlsxCell{col: col + 1}
			ref, hasRef := "", false
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "r":
					ref, hasRef = a.Value, true
				case "t":
					c.typ = a.Value
				case "s":
					c.style, _ = strconv.Atoi(a.Value)
				}
			}
			if hasRef {
				c.setRef(ref)
			}
			if err := readCell(dec, &c, t.Name, sh.rowBase); err != nil {
				return cut(err, &c)
			}
			col = c.col
			sh.cells = append(sh.cells, c)
		case xml.EndElement:
			switch {
			case len(open) > 0 && t.Name != open[len(open)-1]:
				return num, mismatch(at, t.Name, open[len(open)-1])
			case len(open) > 0:
				open = open[:len(open)-1]
			case t.Name != start.Name:
				return num, mismatch(at, t.Name, start.Name)
			default:
				return num, nil
			}
		}
	}
}

// readCell reads a <c> element's value: <v>, or the text runs of <is>,
// up to the end tag of name; its elements must nest, as readRow's.
func readCell(dec *xml.Decoder, c *xlsxCell, name xml.Name, base int64) error {
	var b strings.Builder
	var st cellState
	var stack [8]xml.Name
	open := stack[:0]
	for {
		at := base + dec.InputOffset()
		tok, err := dec.RawToken()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, t.Name)
			st.open(t.Name.Local, b.Len())
		case xml.EndElement:
			want := name
			if len(open) > 0 {
				want = open[len(open)-1]
			}
			if t.Name != want {
				return mismatch(at, t.Name, want)
			}
			if !st.close(t.Name.Local) {
				c.v = b.String()
				return nil // </c>
			}
			if c.inlineRunEnds(t.Name.Local) {
				decodeRun(&b, st.run)
			}
			open = open[:len(open)-1]
		case xml.CharData:
			if st.collecting() {
				b.Write(t)
			}
		}
	}
}

// cellState follows a <c> element's children: its value is the text of
// <v>, or of the <t> runs of an inline string outside phonetic <rPh> runs.
type cellState struct {
	depth    int
	inV, inT bool
	skip     int
	// run is where the last <t> run's text starts in the value, which was
	// n bytes long when it opened.
	run int
}

// open starts a child element; n is the length of the value so far.
func (st *cellState) open(name string, n int) {
	st.depth++
	switch name {
	case "v":
		st.inV = true
	case "t":
		st.inT = true
		st.run = n
	case "rPh":
		st.skip++
	}
}

// close ends a child element; false means it was the cell's own end.
func (st *cellState) close(name string) bool {
	if st.depth == 0 {
		return false
	}
	st.depth--
	switch name {
	case "v":
		st.inV = false
	case "t":
		st.inT = false
	case "rPh":
		st.skip--
	}
	return true
}

func (st *cellState) collecting() bool { return st.inV || st.inT && st.skip == 0 }

// blank reports whether the current row has no non-empty cell.
func (sh *xlsxSheet) blank() bool {
	for _, c := range sh.cells {
		if c.v != "" {
			return false
		}
	}
	return true
}

// isNumber reports whether a cell holds a number that is not shown as a
// date.
func (sh *xlsxSheet) isNumber(c xlsxCell) bool {
	return (c.typ == "" || c.typ == "n") && c.v != "" && !sh.isDate(c)
}

// markDateColumns sets sh.dateCols from the columns idx (from 0, -1 for
// none) of the fields whose cells are dates.
func (sh *xlsxSheet) markDateColumns(idx []int) {
	for f := domain.Field(0); f < domain.NumNamedFields && int(f) < len(idx); f++ {
		if c := idx[f]; f.IsDate() && c >= 0 {
			for len(sh.dateCols) <= c {
				sh.dateCols = append(sh.dateCols, false)
			}
			sh.dateCols[c] = true
		}
	}
}

func (sh *xlsxSheet) isDate(c xlsxCell) bool {
	return c.style >= 0 && c.style < len(sh.dateXf) && sh.dateXf[c.style]
}

// texts renders the current row, number row, as one string per column, up
// to its last cell, and lists in sh.problems the cells it cannot read: an
// invalid reference, a shared string that does not exist.
func (sh *xlsxSheet) texts(dst []string, row int) []string {
	sh.problems, sh.problemCol = sh.problems[:0], 0
	for _, c := range sh.cells {
		if c.badRef != "" {
			sh.problems = append(sh.problems, "invalid cell reference "+strconv.Quote(c.badRef))
		}
		if c.col < 0 || c.col >= excelize.MaxColumns {
			continue
		}
		for len(dst) <= c.col {
			dst = append(dst, "")
		}
		text, ok := sh.text(c)
		if !ok {
			sh.problems = append(sh.problems, sh.sharedStringProblem(c, row))
			if len(sh.problems) == 1 && c.badRef == "" {
				sh.problemCol = c.col + 1
			}
		}
		dst[c.col] = text
	}
	return dst
}

// cellLabel names cell c of row in a message: A1 style, or its r
// attribute, quoted, when that is no cell reference.
func cellLabel(c xlsxCell, row int) string {
	if c.badRef != "" {
		return strconv.Quote(c.badRef)
	}
	return cellName(c.col, row)
}

// sharedStringProblem says why a shared string cell cannot be read.
func (sh *xlsxSheet) sharedStringProblem(c xlsxCell, row int) string {
	name := cellLabel(c, row)
	v := strings.TrimSpace(c.v)
	if _, err := strconv.Atoi(v); err != nil {
		return fmt.Sprintf("cell %s: shared string index %q is not a number", name, v)
	}
	has := "none"
	if len(sh.sst) > 0 {
		has = strconv.Itoa(len(sh.sst))
	}
	return fmt.Sprintf("cell %s: shared string %s does not exist (the workbook has %s)", name, v, has)
}

// text renders one cell the way the rest of the pipeline reads text:
// shared and inline strings as written (their _xHHHH_ escapes decoded), booleans as true/false, date
// serials as 2006-01-02 (or 2006-01-02 15:04:05 with a time), and other
// numbers exactly (see numberText). It reports false for a shared string
// that does not exist; a shared string cell with no value is empty.
func (sh *xlsxSheet) text(c xlsxCell) (string, bool) {
	switch c.typ {
	case "s":
		v := strings.TrimSpace(c.v)
		if v == "" {
			return "", true
		}
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(sh.sst) {
			return "", false
		}
		return sh.sst[i], true
	case "b":
		switch c.v {
		case "1":
			return "true", true
		case "0":
			return "false", true
		}
		return c.v, true
	case "", "n":
		if c.v == "" {
			return "", true
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(c.v), 64)
		if err != nil {
			return c.v, true
		}
		if sh.isDate(c) || c.col < len(sh.dateCols) && sh.dateCols[c.col] && cellvalue.IsDateSerial(f) {
			return dateText(f, sh.date1904, c.v), true
		}
		return numberText(f), true
	case "inlineStr": // decoded run by run as read (see inlineRun)
		return c.v, true
	case "str": // a formula's text is an ST_Xstring too
		return decodeXstring(c.v), true
	}
	return c.v, true // e (#N/A), d (ISO 8601)
}

// dateText renders an Excel date serial. A serial that is no date (one
// before Excel's first, or past its last, 9999-12-31, which Excel shows
// as #####) is read as the number it is, as written.
func dateText(serial float64, date1904 bool, raw string) string {
	t, err := excelize.ExcelDateToTime(serial, date1904)
	if err != nil || t.Year() > 9999 {
		return raw
	}
	// Serials carry no zone; round to the second against float noise.
	t = t.Round(1e9)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04:05")
}

// maxExactDigits is how many significant digits Excel keeps of a number.
const maxExactDigits = 15

// numberText renders a number cell: a whole number of at most 15 digits as
// its digits (254712345678, never 2.54712345678E+11 nor 254712345678.0),
// since that is exactly the number Excel holds; a number with more
// significant digits than Excel keeps, or a whole number of 16 digits or
// more (Excel zero-fills after the 15th), as Excel shows it, in scientific
// notation with 15 digits (2.54712345678901E+17), so that the lost digits
// are not passed off as real (phone-excel-damaged reports such a phone
// cell).
func numberText(f float64) string {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	if significantDigits(f) > maxExactDigits || math.Abs(f) >= 1e15 && f == math.Trunc(f) {
		return strings.Replace(strconv.FormatFloat(f, 'G', maxExactDigits, 64), "E+0", "E+", 1)
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// significantDigits counts the significant digits of f's shortest exact
// decimal form.
func significantDigits(f float64) int {
	s := strconv.FormatFloat(math.Abs(f), 'e', -1, 64)
	mant, _, _ := strings.Cut(s, "e")
	return len(strings.Replace(mant, ".", "", 1))
}

// errXMLTextTooLong stops a worksheet part whose text runs for more than
// maxRecordBytes without a tag: one cell or shared string of gigabytes,
// which a megabyte of compressed workbook can hold, would otherwise be
// held whole by the XML readers.
var errXMLTextTooLong = fmt.Errorf("more than %d MiB of text between two tags (a cell or shared string that long?)", maxRecordBytes>>20)

// tagGapReader passes a part's XML through, failing with
// errXMLTextTooLong when more than maxRecordBytes pass between two '<'.
type tagGapReader struct {
	r   io.Reader
	gap int64 // bytes since the last '<'
	n   int64 // bytes passed on
	// err is sticky: a Peek that meets it clears bufio's copy, and the
	// bytes after the run are not to be read as if nothing happened.
	err error
	// tail holds the bytes passed on from the last '<', at most
	// maxTailBytes of them: at the end of a sheet cut short, the start
	// tag it was cut in, which the tokenizer gives no token of
	// (cutTagRef).
	tail []byte
}

// maxTailBytes caps tagGapReader.tail: longer than any <row> or <c> start
// tag a spreadsheet writes.
const maxTailBytes = 512

func (t *tagGapReader) Read(p []byte) (int, error) {
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.r.Read(p)
	// The bytes up to the run that is too long are passed on, and the
	// error with them, so no reader sees that run end.
	for start := 0; ; {
		i := bytes.IndexByte(p[start:n], '<')
		if i < 0 {
			i = n - start
		}
		if t.gap+int64(i) > maxRecordBytes {
			t.err = errXMLTextTooLong
			t.n += int64(start)
			return start, t.err
		}
		if start+i == n {
			t.gap += int64(i)
			t.keepTail(p[:n], start)
			break
		}
		t.gap, start = 0, start+i+1
	}
	t.n += int64(n)
	return n, err
}

// keepTail adds what p passes on to the tail; after is the index after
// p's last '<', 0 when it has none.
func (t *tagGapReader) keepTail(p []byte, after int) {
	if after > 0 {
		t.tail, p = t.tail[:0], p[after-1:]
	}
	if room := maxTailBytes - len(t.tail); room > 0 {
		t.tail = append(t.tail, p[:min(room, len(p))]...)
	}
}
