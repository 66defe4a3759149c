package input

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// csvScanner reads CSV records exactly as encoding/csv's Reader does with
// ReuseRecord set, FieldsPerRecord -1 and LazyQuotes false: the same
// records, lines, input offsets and *csv.ParseError values (csvdiff_test.go
// holds it to that). It is faster because a record that is one line without
// a quote, which is nearly every contact row, is cut out of the read buffer
// into one string and sliced at its delimiters, eight bytes at a time,
// where encoding/csv copies each field into a record buffer and notes every
// field's position. The one copy stays: records go to other goroutines and
// findings keep their cells, which would pin a shared buffer whole. A
// record holding a quote takes parseQuoted, encoding/csv's readRecord
// redone over this buffer.
type csvScanner struct {
	r io.Reader
	// comma and comment are the delimiter and the comment character
	// (none when empty) as UTF-8; trim is TrimLeadingSpace.
	comma, comment []byte
	trim           bool
	// invalid is set when comma or comment is one encoding/csv refuses.
	invalid bool
	// readSize is how much to ask r for at a time (csvReadSize; tests
	// make it small to cross the buffer's ends often).
	readSize int

	// buf[pos:end] is read and not yet scanned; buf[mark:pos] is the text
	// of the last record Read returned (comment lines before it included).
	buf            []byte
	mark, pos, end int
	// err is the error that ended the reading, io.EOF included: it is
	// returned once the buffer is used up.
	err error

	numLine int   // lines read
	offset  int64 // bytes read in lines
	recLine int   // line of the last record's start
	// fromLine is the first line the last Read read: the line after the
	// record before, blank lines before the record included.
	fromLine int
	// quoteOpen is the line a quote that the input ended inside opened
	// on, once Read has returned that error (0 before).
	quoteOpen int

	record []string
	// lines is a copy of buf[linesAt:linesAt+len(lines)], the lines the
	// fields of unquoted records are cut from (see lineString); linesAt is
	// -1 when the bytes have moved since (fill moved them to the front).
	lines   string
	linesAt int
	// recordBuffer holds the unquoted fields of a record with quotes, one
	// after another, and fieldEnds where each ends.
	recordBuffer []byte
	fieldEnds    []int
}

// csvReadSize is how much the scanner asks its reader for at a time.
const csvReadSize = 64 << 10

// errInvalidDelim is encoding/csv's error for a delimiter or comment
// character it cannot use (its own is not exported).
var errInvalidDelim = errors.New("csv: invalid field or comment delimiter")

// newCSVScanner reads CSV from r with delimiter comma; comment is the
// comment character, 0 for none, and trim is TrimLeadingSpace.
func newCSVScanner(r io.Reader, comma, comment rune, trim bool) *csvScanner {
	s := &csvScanner{r: r, trim: trim, comma: utf8.AppendRune(nil, comma), readSize: csvReadSize, linesAt: -1}
	if comment != 0 {
		s.comment = utf8.AppendRune(nil, comment)
	}
	s.invalid = comma == comment || !validCSVDelim(comma) || (comment != 0 && !validCSVDelim(comment))
	return s
}

// validCSVDelim is encoding/csv's validDelim.
func validCSVDelim(r rune) bool {
	return r != 0 && r != '"' && r != '\r' && r != '\n' && utf8.ValidRune(r) && r != utf8.RuneError
}

// InputOffset is csv.Reader's: the offset of the end of the last record.
func (s *csvScanner) InputOffset() int64 { return s.offset }

// line is the line the last record read starts on: csv.Reader's
// FieldPos(0) line, and a ParseError's StartLine.
func (s *csvScanner) line() int { return s.recLine }

// from is the line the last Read started reading on, which a record too
// long to read is named by: blank lines before it count towards its size.
func (s *csvScanner) from() int { return s.fromLine }

// text is the source text of the last record read, without the line
// breaks around it (comment lines skipped before it included), as the
// bytes between two InputOffsets.
func (s *csvScanner) text() string {
	return strings.Trim(string(s.buf[s.mark:s.pos]), "\r\n")
}

// Read reads the next record as csv.Reader's Read does: the slice is
// reused by the next call.
func (s *csvScanner) Read() ([]string, error) {
	if s.invalid {
		return nil, errInvalidDelim
	}
	s.mark = s.pos
	s.fromLine = s.numLine + 1
	// Skip blank lines and comments, as encoding/csv does.
	var line []byte
	var nl, commented bool
	var errRead error
	for errRead == nil {
		line, nl, errRead = s.readLine()
		if s.comment != nil && bytes.HasPrefix(line, s.comment) {
			line, nl, commented = nil, false, true
			continue
		}
		if errRead == nil && len(line) == 0 {
			if !commented {
				// Line breaks alone, which text trims: no need to keep
				// them (a long run of them would grow the buffer).
				s.mark = s.pos
			}
			continue
		}
		break
	}
	if errRead == io.EOF {
		return nil, io.EOF
	}
	s.recLine = s.numLine
	if errRead != nil {
		// A read error (a record over the size limit) ends the reading:
		// the line is not cut into fields, which for 64 MiB of "a,a,…"
		// took 1.9 GB and most of a minute.
		return nil, errRead
	}
	if bytes.IndexByte(line, '"') < 0 {
		s.record = s.split(s.record[:0], line)
		return s.record, errRead
	}
	return s.parseQuoted(line, nl, errRead)
}

// split cuts a line without quotes into its fields, slices of one string.
func (s *csvScanner) split(dst []string, line []byte) []string {
	str := s.lineString(line)
	if !s.trim && len(s.comma) == 1 {
		return splitAtByte(dst, str, s.comma[0])
	}
	at := 0
	for {
		if s.trim {
			at += leadingSpace(line[at:])
		}
		i := bytes.Index(line[at:], s.comma)
		if i < 0 {
			return append(dst, str[at:])
		}
		dst = append(dst, str[at:at+i])
		at += i + len(s.comma)
	}
}

// linesSize is how many bytes of lines lineString copies at once.
const linesSize = 2 << 10

// lineString is line, a slice of buf, as a string. A string per line cost
// an allocation per row (a tenth of reading a list), so the lines are
// copied linesSize bytes at a time and each is a slice of the copy. The
// copy lives while any field cut from it does: a field kept for long (by
// a finding, say) keeps up to linesSize bytes, not its line's ~100.
func (s *csvScanner) lineString(line []byte) string {
	at := int(uintptr(unsafe.Pointer(unsafe.SliceData(line))) - uintptr(unsafe.Pointer(unsafe.SliceData(s.buf))))
	if at < 0 || at+len(line) > s.end { // not in buf: not expected, but correct
		return string(line)
	}
	if s.linesAt >= 0 && at >= s.linesAt && at+len(line) <= s.linesAt+len(s.lines) {
		from := at - s.linesAt
		return s.lines[from : from+len(line)]
	}
	n := min(s.end-at, max(len(line), linesSize))
	s.lines, s.linesAt = string(s.buf[at:at+n]), at
	return s.lines[:len(line)]
}

// splitAtByte appends to dst the fields of str delimited by c. Fields
// are short, so rather than calling IndexByte for each it looks at eight
// bytes at a time, finding every c among them at once.
func splitAtByte(dst []string, str string, c byte) []string {
	const ones, low7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	rep := ones * uint64(c)
	start, i := 0, 0
	for ; i+8 <= len(str); i += 8 {
		x := textfile.Word(str[i:]) ^ rep
		// The high bit of each byte of m is set where x's byte is zero;
		// no carry crosses bytes, so every bit is exact.
		m := ^(((x & low7) + low7) | x | low7)
		for m != 0 {
			j := i + bits.TrailingZeros64(m)>>3
			dst = append(dst, str[start:j])
			start = j + 1
			m &= m - 1
		}
	}
	for ; i < len(str); i++ {
		if str[i] == c {
			dst = append(dst, str[start:i])
			start = i + 1
		}
	}
	return append(dst, str[start:])
}

// leadingSpace is the length of the white space b starts with, as
// unicode.IsSpace tells it (encoding/csv's TrimLeadingSpace).
func leadingSpace(b []byte) int {
	i := 0
	for i < len(b) {
		if c := b[i]; c < utf8.RuneSelf {
			if !asciiSpace(c) {
				return i
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// csvPosition is a line and a 1-based byte column.
type csvPosition struct{ line, col int }

// parseQuoted reads a record whose first line, line, holds a quote:
// encoding/csv's readRecord (LazyQuotes false), with each line given
// without its line break and nl telling whether it had one.
func (s *csvScanner) parseQuoted(line []byte, nl bool, errRead error) ([]string, error) {
	s.recordBuffer = s.recordBuffer[:0]
	s.fieldEnds = s.fieldEnds[:0]
	pos := csvPosition{line: s.numLine, col: 1}
	var err error
	for {
		if s.trim {
			i := leadingSpace(line)
			if i == len(line) {
				nl = false // the line break is white space too
			}
			line = line[i:]
			pos.col += i
		}
		if len(line) == 0 || line[0] != '"' {
			var more bool
			line, more, err = s.unquotedField(line, &pos)
			if more {
				continue
			}
			break
		}
		var more bool
		line, nl, errRead, more, err = s.quotedField(line[1:], nl, errRead, &pos)
		if !more {
			break
		}
	}
	if err == nil {
		err = errRead
	}
	str := string(s.recordBuffer)
	dst := s.record[:0]
	prev := 0
	for _, end := range s.fieldEnds {
		dst = append(dst, str[prev:end])
		prev = end
	}
	s.record = dst
	return dst, err
}

// unquotedField reads a field that does not start with a quote from line;
// more says a delimiter follows it.
func (s *csvScanner) unquotedField(line []byte, pos *csvPosition) (rest []byte, more bool, err error) {
	i := bytes.Index(line, s.comma)
	field := line
	if i >= 0 {
		field = line[:i]
	}
	if j := bytes.IndexByte(field, '"'); j >= 0 {
		return nil, false, &csv.ParseError{StartLine: s.recLine, Line: s.numLine, Column: pos.col + j, Err: csv.ErrBareQuote}
	}
	s.recordBuffer = append(s.recordBuffer, field...)
	s.fieldEnds = append(s.fieldEnds, len(s.recordBuffer))
	if i < 0 {
		return nil, false, nil
	}
	pos.col += i + len(s.comma)
	return line[i+len(s.comma):], true, nil
}

// quotedField reads a quoted field from line, which follows its opening
// quote, reading more lines while the quote is open. It returns the rest
// of the last line read, and more when a delimiter follows the field.
func (s *csvScanner) quotedField(line []byte, nl bool, errRead error, pos *csvPosition) (rest []byte, restNL bool, errOut error, more bool, err error) {
	pos.col++
	open := pos.line
	for {
		i := bytes.IndexByte(line, '"')
		switch {
		case i >= 0:
			s.recordBuffer = append(s.recordBuffer, line[:i]...)
			line = line[i+1:]
			pos.col += i + 1
			switch {
			case len(line) > 0 && line[0] == '"': // "" is a quote
				s.recordBuffer = append(s.recordBuffer, '"')
				line = line[1:]
				pos.col++
			case bytes.HasPrefix(line, s.comma):
				pos.col += len(s.comma)
				s.fieldEnds = append(s.fieldEnds, len(s.recordBuffer))
				return line[len(s.comma):], nl, errRead, true, nil
			case len(line) == 0: // the end of the line
				s.fieldEnds = append(s.fieldEnds, len(s.recordBuffer))
				return nil, false, errRead, false, nil
			default:
				return nil, false, errRead, false, &csv.ParseError{StartLine: s.recLine, Line: s.numLine, Column: pos.col - 1, Err: csv.ErrQuote}
			}
		case len(line) > 0 || nl:
			// The quote goes on past the line: keep all of it.
			s.recordBuffer = append(s.recordBuffer, line...)
			if nl {
				s.recordBuffer = append(s.recordBuffer, '\n')
			}
			if errRead != nil {
				return nil, false, errRead, false, nil
			}
			pos.col += len(line)
			if nl {
				pos.col++
			}
			line, nl, errRead = s.readLine()
			if len(line) > 0 || nl {
				pos.line++
				pos.col = 1
			}
			if errRead == io.EOF {
				errRead = nil
			}
		case errRead == nil: // the end of the input inside the quote
			s.quoteOpen = open
			return nil, false, nil, false, &csv.ParseError{StartLine: s.recLine, Line: pos.line, Column: pos.col, Err: csv.ErrQuote}
		default:
			s.fieldEnds = append(s.fieldEnds, len(s.recordBuffer))
			return nil, false, errRead, false, nil
		}
	}
}

// readLine reads the next line as encoding/csv's readLine does, but
// returns it without its line break ("\n" or "\r\n"), nl telling whether it
// had one; a "\r" that ends the input is dropped. The line is valid until
// the next call. If some bytes were read, the error is never io.EOF.
func (s *csvScanner) readLine() (line []byte, nl bool, err error) {
	i := bytes.IndexByte(s.buf[s.pos:s.end], '\n')
	for i < 0 && s.err == nil {
		scanned := s.end - s.pos
		s.fill()
		if j := bytes.IndexByte(s.buf[s.pos+scanned:s.end], '\n'); j >= 0 {
			i = scanned + j
		}
	}
	s.numLine++
	if i < 0 {
		line, err = s.buf[s.pos:s.end], s.err
		s.pos = s.end
		s.offset += int64(len(line))
		if len(line) > 0 && err == io.EOF {
			err = nil
			line = bytes.TrimSuffix(line, []byte{'\r'})
		}
		return line, false, err
	}
	line = s.buf[s.pos : s.pos+i]
	s.pos += i + 1
	s.offset += int64(i + 1)
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, true, nil
}

// fill reads more into the buffer, keeping the text of the record being
// read (from mark on): it moves it to the front, or grows the buffer when
// it fills it.
func (s *csvScanner) fill() {
	least := max(s.readSize/2, 1)
	if s.mark > 0 && len(s.buf)-s.end < least {
		s.linesAt = -1
		n := copy(s.buf, s.buf[s.mark:s.end])
		s.pos -= s.mark
		s.end = n
		s.mark = 0
	}
	if len(s.buf)-s.end < least {
		buf := make([]byte, max(2*len(s.buf), s.readSize))
		s.end = copy(buf, s.buf[:s.end])
		s.buf = buf // the same bytes at the same offsets: lines still holds
	}
	for range 100 {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err != nil {
			s.err = err
			return
		}
		if n > 0 {
			return
		}
	}
	s.err = io.ErrNoProgress
}
