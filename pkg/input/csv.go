package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/csvsafe"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/textfile"
)

type csvDecoder struct {
	r      *Reader
	cr     *csvScanner
	header []string
	// cells lists, for each mapped field, the column it is read from.
	cells []fieldColumn
	// lastErrAt is the input offset after the last parse error, to detect a
	// parser that stops making progress.
	lastErrAt int64
	// ascii tells the records read from ASCII bytes alone, whose cells
	// need no check for bad text.
	ascii *asciiSpans
	// phone is the phone column; extra lists the other phone columns of a
	// contacts export (see exportPhones).
	phone int
	extra []int
	// optOut lists the other opt-out columns (see optout.go).
	optOut []optOutColumn
	// phones lists the phone column's fallbacks (see phonefallback.go).
	phones []int
	// oneField is the field of the record just read when it is alone in a
	// file of several columns (read sets it), and footer holds such
	// records at the end of the file (see footer.go).
	oneField *string
	footer   footerState
}

type fieldColumn struct {
	field domain.Field
	col   int
}

func (r *Reader) openCSV(head []byte, atEOF bool) error {
	name := r.src.Path
	// Classic Mac line breaks (Excel for Mac's "CSV (Macintosh)"):
	// encoding/csv would read the whole file as one header line.
	crOnly := crLineBreaks(head, atEOF)
	if crOnly {
		r.info.LineBreaks = "CR"
		head = bytes.ReplaceAll(head, []byte{'\r'}, []byte{'\n'})
	}
	// Excel's "sep=;" first line names the delimiter; it is no record.
	sep, sepLine := textfile.SepDirective(head)
	r.info.SepLine = sepLine
	d := r.opts.Delimiter
	if d == 0 {
		switch {
		case sepLine:
			d = sep
		case r.info.Format == FormatTSV:
			d = '\t'
		default:
			d = sniffDelimiter(head, atEOF)
		}
	}
	r.info.Delimiter = d
	r.info.SpaceAfterDelimiter = spaceAfterDelimiter(head, d)

	var src io.Reader = r.content
	switch {
	case crOnly:
		src = crToLF{r.content}
	case crcrlfLineBreaks(head):
		// A CRLF file whose line ends got one more CR (written through a
		// text-mode pipe): the extra CR would end every last cell.
		r.info.LineBreaks = "CR CR LF"
		src = &crcrlfToCRLF{r: r.content}
	}
	ascii := &asciiSpans{r: src}
	// A space after each delimiter is layout, not data (see
	// spaceAfterDelimiter).
	cr := newCSVScanner(ascii, d, 0, r.info.SpaceAfterDelimiter)
	// Blank lines before a record count towards it: they are skipped while
	// reading it, so the error names the line the reading started on.
	r.recordStart = func() (int, string) {
		return cr.from(), "a quote opened there or after it and never closed, or a run of blank lines that long?"
	}

	r.feed.bound()
	fields, err := cr.Read()
	if err == nil && sepLine {
		// Read as a record, so that line numbers stay those of the file.
		r.feed.bound()
		fields, err = cr.Read()
	}
	if err != nil {
		if ferr := r.fatal(err); ferr != nil {
			return ferr
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%s: line %d: cannot read the header: %s", name, pe.StartLine,
				parseErrorText(pe, "column "+strconv.Itoa(len(fields)+1), cr.quoteOpen))
		}
		if err == io.EOF {
			return fmt.Errorf("%s: file is empty", name)
		}
		return r.ioError(err)
	}
	header := append([]string(nil), fields...)
	unguard(header)
	r.headerAlone(header)
	for i, h := range header {
		header[i] = strings.ToValidUTF8(h, "\uFFFD")
	}
	r.info.Header = header
	if r.opts.AllKeys {
		r.info.Keys = header
	}

	m := matchColumns(header, r.opts, name, r.warn, true)
	if len(m.missing) > 0 {
		return missingMapError(name, header, m.missing[0], r.opts.Map[m.missing[0]], mappedBy(r.opts.MapSource, m.missing[0]))
	}
	cols, idx := m.cols, m.idx
	if idx[domain.FieldPhone] < 0 {
		if !r.opts.PhoneOptional {
			return noPhoneHeaderError(name, "the first line", header, cols)
		}
		// Read without a phone column (inspect), but not a file whose
		// "header" is a record: its columns would be data.
		if err := textfile.DataHeaderError(name, "the first line", header, "phone"); err != nil {
			return err
		}
	}
	r.cols = cols
	dec := &csvDecoder{r: r, cr: cr, header: header, lastErrAt: -1, ascii: ascii,
		phone: idx[domain.FieldPhone], extra: exportPhones(header, idx[domain.FieldPhone]),
		optOut: optOutColumns(header, cols, m.optOut), phones: m.phones}
	r.info.PhoneFallbacks = headersAt(header, m.phones)
	r.phoneCell = dec.phone
	r.asWritten = phoneAsWritten(header, dec.phone, m.phones)
	r.countries = newCountryScan(header, idx)
	for f, c := range idx {
		if c >= 0 {
			dec.cells = append(dec.cells, fieldColumn{domain.Field(f), c})
		}
	}
	r.dec = dec
	return nil
}

func (d *csvDecoder) next(rec *domain.Record) error {
	if len(d.footer.pending) > 0 {
		d.popHeld(rec)
		return nil
	}
	err := d.read(rec)
	if err == nil && d.oneField == nil && len(d.footer.held) == 0 {
		return nil
	}
	// A record of one field, or the end of a file that ended with such
	// records: they may be a report's footer (see footer.go).
	return d.footerNext(rec, err)
}

// read reads the next record into rec; oneField then holds the field of a
// well-formed record of one field in a file of more, nil otherwise.
func (d *csvDecoder) read(rec *domain.Record) error {
	d.oneField = nil
	d.r.feed.bound()
	start := d.cr.InputOffset()
	fields, err := d.cr.Read()
	end := d.cr.InputOffset()
	// Only a record read from bytes that are not all ASCII can hold bad
	// text; it is looked at, and read alone as Windows-1252 where it is
	// not valid UTF-8 (badCell), before its cells or text are kept.
	bad := -1
	if err != io.EOF && !d.ascii.all(start, end) {
		bad = d.r.badCell(fields)
	}
	unguard(fields)
	if d.r.rawRec != nil && (err != nil || len(fields) != len(d.header)) {
		d.r.keepText(d.cr.text())
	}
	if err != nil {
		return d.readError(rec, fields, err)
	}

	if len(fields) > 0 {
		rec.Loc.Line = d.cr.line()
	}
	if len(fields) == 1 && len(d.header) > 1 {
		d.oneField = &fields[0]
	}
	d.r.keepCells(fields)
	// The length of the first cell first: a test of every row that costs
	// next to nothing.
	if len(fields) == len(d.header) && (len(fields[0]) == len(d.header[0]) || len(fields[0]) == len(d.header[0])+len(bom)) && d.repeatsHeader(fields) {
		if d.r.rawRec != nil {
			d.r.keepText(d.cr.text())
		}
		rec.Malformed = "repeats the header (two exports joined into one?)"
		return nil
	}
	for _, c := range d.cells {
		if c.col < len(fields) {
			rec.Values[c.field] = fields[c.col]
		}
	}
	if len(d.optOut) > 0 {
		readOptOutColumns(rec, fields, d.optOut)
	}
	if len(d.phones) > 0 {
		d.r.readPhoneFallback(rec, fields, d.header, d.phones)
	}
	if d.r.countries != nil {
		d.r.scanCountry(fields)
	}
	rec.Malformed = d.problems(fields, bad)
	if rec.Malformed == "" && d.r.numbers(d.header, d.phone, d.extra, fields) {
		rec.Values[domain.FieldPhone] = "" // a fax or pager alone: no number to message
	}
	return nil
}

// problems says what makes a record of fields malformed: a field count
// other than the header's, invalid text in column bad (-1: none); "" when
// nothing does.
func (d *csvDecoder) problems(fields []string, bad int) string {
	msg := ""
	if len(fields) < len(d.header) || len(fields) > len(d.header) && !emptyFrom(fields, len(d.header)) {
		msg = fieldCountText(len(fields), len(d.header)) + d.bareCRHint(fields)
	}
	if bad >= 0 {
		if msg != "" {
			msg += "; "
		}
		msg += d.r.invalidText() + " in " + d.columnName(bad)
	}
	return msg
}

// unguard reads back the guard against formula injection that listaudit
// writes before a CSV cell (csvsafe.Cell: "'=1+2", "'\tno"), so that check
// of fix's output reads what the input held and fix of it writes it
// unchanged. Most cells do not start with a quote: one comparison each.
func unguard(fields []string) {
	for i, f := range fields {
		if len(f) > 1 && f[0] == '\'' {
			fields[i] = csvsafe.Uncell(f)
		}
	}
}

// emptyFrom reports whether the fields from i on are all empty: a
// delimiter that ends every data line (some exporters write one) adds an
// empty field beyond the header, which holds nothing to lose, as an XLSX
// row's formatted empty cells beyond the header do.
func emptyFrom(fields []string, i int) bool {
	for _, f := range fields[i:] {
		if f != "" {
			return false
		}
	}
	return true
}

// columnName names column i for messages: its header, or its number when
// the header cell is empty or the column is beyond the header.
func (d *csvDecoder) columnName(i int) string {
	if i < len(d.header) && d.header[i] != "" {
		return "column " + strconv.Quote(d.header[i])
	}
	return "column " + strconv.Itoa(i+1)
}

// readError ends read for a record the scanner returned err for, with
// the fields read before it: the end of the file, a fatal error, or a
// parse error, which makes the record malformed.
func (d *csvDecoder) readError(rec *domain.Record, fields []string, err error) error {
	if err == io.EOF {
		return io.EOF
	}
	if ferr := d.r.fatal(err); ferr != nil {
		return ferr
	}
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return d.r.ioError(err)
	}
	// The scanner, as encoding/csv, resumes after the bad line; guard
	// against a parser that would report the same error forever.
	at := d.cr.InputOffset()
	if at == d.lastErrAt {
		return fmt.Errorf("%s: line %d: cannot read past a parse error: %s", d.r.src.Path, pe.Line, pe.Err)
	}
	d.lastErrAt = at
	// The fields read before the error come with it, as in encoding/csv.
	d.r.keepCells(fields)
	d.noteQuotingError(fields, pe)
	rec.Loc.Line = pe.StartLine
	rec.Malformed = parseErrorText(pe, d.columnName(len(fields)), d.cr.quoteOpen)
	return nil
}

// bom is the UTF-8 byte-order mark, which starts the header line of a
// second export joined to a first one.
const bom = "\uFEFF"

// repeatsHeader reports whether fields, as many as the header's, are its
// cells, the first perhaps after a byte-order mark: the header of a second
// export joined to the first (cat a.csv b.csv), which is no contact.
func (d *csvDecoder) repeatsHeader(fields []string) bool {
	if d.header[0] == "" {
		return false
	}
	if strings.TrimPrefix(fields[0], bom) != d.header[0] {
		return false
	}
	return slices.Equal(fields[1:], d.header[1:])
}

// bareCRHint says, for a record of the wrong number of fields, where a
// field holds a CR alone: in a file of LF or CRLF line breaks, a line that
// ends in a bare CR (Excel and Python break lines there) runs into the
// next, and the two contacts are read as one record. "" when none does.
func (d *csvDecoder) bareCRHint(fields []string) string {
	for i, f := range fields {
		if j := strings.IndexByte(f, '\r'); j >= 0 && !strings.HasPrefix(f[j:], "\r\n") {
			return fmt.Sprintf(" (%s holds a bare CR, a line break to Excel: two lines run together?)", d.columnName(i))
		}
	}
	return ""
}

// fieldCountText says a record has n fields where the header has want.
func fieldCountText(n, want int) string {
	if n == 1 {
		return fmt.Sprintf("has 1 field, header has %d", want)
	}
	return fmt.Sprintf("has %d fields, header has %d", n, want)
}

// parseErrorText words a ParseError for the record it ends (whose Location
// carries the line it starts on): column names the field it is in, and
// quoteOpen, when not 0, is the line of a quote the file ended inside, so
// that the record runs to the end of the file. Its Column is a byte of the
// line, not a column of the table, and is said so.
func parseErrorText(pe *csv.ParseError, column string, quoteOpen int) string {
	switch {
	case quoteOpen > 0 && pe.Line > pe.StartLine:
		return fmt.Sprintf("a quote opened on line %d in %s is never closed: lines %d–%d, to the end of the file, were read as this one record", quoteOpen, column, pe.StartLine, pe.Line)
	case quoteOpen > 0:
		return fmt.Sprintf("a quote opened on line %d in %s is never closed: the file ends inside it", quoteOpen, column)
	case pe.Err == csv.ErrBareQuote:
		return fmt.Sprintf(`a " in %s, whose field is not in quotes (line %d, byte %d)`, column, pe.Line, pe.Column)
	case pe.Err == csv.ErrQuote:
		return fmt.Sprintf(`a " inside the quoted field of %s is not doubled, or text follows its closing quote (line %d, byte %d)`, column, pe.Line, pe.Column)
	}
	return fmt.Sprintf("%v (line %d, byte %d)", pe.Err, pe.Line, pe.Column)
}

// asciiSpans reads for the parser and notes which of the bytes it hands
// over are not all ASCII, by the block as read. A record read from ASCII
// bytes alone holds valid UTF-8 and no U+FFFD, so its cells need no check;
// most lists are ASCII through and through, and checking each cell cost a
// tenth of reading them.
type asciiSpans struct {
	r   io.Reader
	off int64 // bytes handed over
	// other lists, in order, the blocks read that hold a byte above 0x7F
	// and end after the last offset asked about.
	other []byteSpan
}

type byteSpan struct{ from, to int64 }

func (a *asciiSpans) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 && !isASCII(p[:n]) {
		if k := len(a.other); k > 0 && a.other[k-1].to == a.off {
			a.other[k-1].to += int64(n)
		} else {
			a.other = append(a.other, byteSpan{a.off, a.off + int64(n)})
		}
	}
	a.off += int64(n)
	return n, err
}

// all reports whether the bytes from offset from to offset to are all
// ASCII; offsets asked about must not go back.
func (a *asciiSpans) all(from, to int64) bool {
	i := 0
	for i < len(a.other) && a.other[i].to <= from {
		i++
	}
	a.other = a.other[i:]
	return len(a.other) == 0 || a.other[0].from >= to
}

// crLineBreaks reports whether the text starting with head breaks its
// lines with a bare CR: it holds a CR that is not the last byte read (that
// one could start a CRLF) and no LF at all.
func crLineBreaks(head []byte, atEOF bool) bool {
	if bytes.IndexByte(head, '\n') >= 0 {
		return false
	}
	i := bytes.IndexByte(head, '\r')
	return i >= 0 && (i < len(head)-1 || atEOF)
}

// crToLF reads text with bare CR line breaks as LF ones.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i, b := range p[:n] {
		if b == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// crcrlfLineBreaks reports whether the text starting with head ends every
// line it holds with CR CR LF.
func crcrlfLineBreaks(head []byte) bool {
	n := bytes.Count(head, []byte{'\n'})
	return n > 0 && bytes.Count(head, []byte("\r\r\n")) == n
}

// crcrlfToCRLF reads text whose line breaks are CR CR LF as CRLF: a CR
// before CRLF is dropped. Up to two CRs at the end of a block are held
// back until the next byte says whether one is to go.
type crcrlfToCRLF struct {
	r    io.Reader
	in   []byte
	held int // CRs read and not yet handed over
	err  error
}

func (c *crcrlfToCRLF) Read(p []byte) (int, error) {
	if c.err != nil {
		n := min(c.held, len(p))
		for i := range n {
			p[i] = '\r'
		}
		c.held -= n
		if c.held > 0 {
			return n, nil
		}
		return n, c.err
	}
	if len(p) < 3 {
		// Two held CRs and a byte may go out at once; the CSV scanner
		// reads blocks of kilobytes.
		return 0, io.ErrShortBuffer
	}
	// At most two held CRs go out before the block read.
	if len(c.in) < len(p) {
		c.in = make([]byte, len(p))
	}
	k, err := c.r.Read(c.in[:max(len(p)-2, 1)])
	out := 0
	emit := func(b byte) {
		p[out] = b
		out++
	}
	for _, b := range c.in[:k] {
		if b == '\r' {
			if c.held == 2 {
				emit('\r')
				c.held--
			}
			c.held++
			continue
		}
		if b == '\n' && c.held == 2 {
			c.held = 1
		}
		for ; c.held > 0; c.held-- {
			emit('\r')
		}
		emit(b)
	}
	if err != nil {
		c.err = err
		if out == 0 {
			return c.Read(p)
		}
	}
	return out, nil
}
