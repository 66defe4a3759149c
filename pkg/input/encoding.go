package input

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// Text encodings an input can be read in; Info.Encoding holds one of them,
// with " (BOM)" appended to EncodingUTF8 when the file starts with one.
// Detection and decoding are textfile's, shared with the evidence readers.
const (
	EncodingUTF8        = textfile.EncodingUTF8
	EncodingUTF16LE     = textfile.EncodingUTF16LE
	EncodingUTF16BE     = textfile.EncodingUTF16BE
	EncodingWindows1252 = textfile.EncodingWindows1252
	EncodingLatin1      = textfile.EncodingLatin1
	EncodingMacRoman    = textfile.EncodingMacRoman
)

// Encodings lists the values --encoding accepts, for help texts.
var Encodings = textfile.Encodings

// EncodingUsage is the help text of --encoding.
var EncodingUsage = "text encoding of the contact lists: " + strings.Join(Encodings, ", ") + " (default: detected)"

// ParseEncoding reads an --encoding value: one of Encodings or a common
// spelling of one ("UTF8", "cp1252", "latin1"), and returns the encoding's
// name; "" (detect the encoding) stays "". The error lists Encodings.
func ParseEncoding(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	return textfile.ParseEncoding(s)
}

// DetectEncoding is textfile.DetectEncoding: how an input's encoding is
// detected when --encoding does not name one.
func DetectEncoding(head []byte, atEOF bool) (enc string, bom int, guessed bool) {
	return textfile.DetectEncoding(head, atEOF)
}

// setupEncoding decides the input's text encoding and, for anything but
// UTF-8, puts a transcoder between the bytes and the parsers, so every text
// format sees UTF-8. It consumes a byte-order mark.
func (r *Reader) setupEncoding() error {
	if _, err := ParseEncoding(r.opts.Encoding); err != nil {
		return fmt.Errorf("%s: %w", r.src.Path, err)
	}
	content, text, err := textfile.Decode(r.content, r.opts.Encoding, sniffWindow, bufSize)
	if err != nil {
		return r.ioError(err)
	}
	r.content = content
	// A NUL is looked for in the text, wherever it is: in the bytes read
	// but for UTF-16, whose bytes hold NULs that are half a character.
	if text.Encoding == EncodingUTF16LE || text.Encoding == EncodingUTF16BE {
		r.feed.nul.line = -1
		r.content = bufio.NewReaderSize(&nulReader{r: content}, bufSize)
	} else {
		r.feed.failNUL = true // peekHead says so of a NUL read already
	}
	r.info.Encoding = text.Encoding
	if text.Encoding == EncodingUTF8 && text.BOM {
		r.info.BOM = true
		r.info.Encoding = EncodingUTF8 + " (BOM)"
	}
	if text.Guessed {
		r.warn(fmt.Sprintf("%s: not valid UTF-8; reading it as %s (give --encoding if that is wrong)", r.src.Path, text.Encoding))
	}
	r.transcoded = text.Transcoded()
	r.alone.on = text.Encoding == EncodingUTF8 && !text.Given
	return nil
}

// A file read as UTF-8 because its encoding was detected (not given with
// --encoding) can hold records in another encoding: a row pasted from an
// older system. Such a record, which is not valid UTF-8, is read alone as
// Windows-1252 (textfile.DecodeWindows1252) rather than made malformed,
// so that its number is audited and listaudit fix writes its text as
// typed; a record with a byte Windows-1252 leaves undefined stays as read,
// and malformed. The readers look for invalid UTF-8 only where they
// already did (a record of ASCII alone is never looked at), and one
// warning at the end of the file names the rows so read.

// rowsAlone tracks the records of a file read as UTF-8 that were read
// alone as Windows-1252.
type rowsAlone struct {
	// on says the file's encoding was detected as UTF-8.
	on bool
	// current says the record being read was read so; Next notes its row.
	current bool
	// header says the header line of a CSV file was.
	header bool
	// rows holds the first rows noted, n counts them all.
	rows []int
	n    int
	// saved holds a record's cells while cellsAlone reads them.
	saved []string
}

// rowsShown is how many rows the warning names before "and N more".
const rowsShown = 5

// note counts the record just read, at row, which was read alone.
func (a *rowsAlone) note(row int) {
	a.current = false
	if len(a.rows) < rowsShown {
		a.rows = append(a.rows, row)
	}
	a.n++
}

// warning says which rows of the file at path were read alone as
// Windows-1252; "" when none was.
func (a *rowsAlone) warning(path string) string {
	var what []string
	if a.header {
		what = append(what, "the header")
	}
	switch {
	case a.n == 1:
		what = append(what, "row "+strconv.Itoa(a.rows[0]))
	case a.n > 1:
		rows := make([]string, len(a.rows))
		for i, r := range a.rows {
			rows[i] = strconv.Itoa(r)
		}
		what = append(what, "rows "+strings.Join(rows, ", "))
		if more := a.n - len(a.rows); more > 0 {
			what = append(what, fmt.Sprintf("%d more", more))
		}
	}
	if len(what) == 0 {
		return ""
	}
	list := strings.Join(what, ", ")
	if i := strings.LastIndex(list, ", "); i >= 0 {
		list = list[:i] + " and " + list[i+2:]
	}
	verb, pronoun := "is", "it"
	if len(what) > 1 || a.n > 1 {
		verb, pronoun = "are", "each"
	}
	return fmt.Sprintf("%s: %s %s not valid UTF-8; read %s alone as %s and the rest as UTF-8 (--encoding reads the whole file in one encoding)",
		path, list, verb, pronoun, EncodingWindows1252)
}

// cellsAlone reads the cells of a record as Windows-1252 in place and
// reports whether it could: only in a file whose encoding was detected as
// UTF-8, and only when no cell holds a byte Windows-1252 leaves undefined.
// The caller found a cell that is not valid UTF-8.
func (r *Reader) cellsAlone(cells []string) bool {
	if !r.alone.on {
		return false
	}
	r.alone.saved = append(r.alone.saved[:0], cells...)
	for i, c := range cells {
		d, ok := textfile.DecodeWindows1252(c)
		if !ok {
			copy(cells, r.alone.saved)
			return false
		}
		cells[i] = d
	}
	r.alone.current = true
	return true
}

// badCell returns the first of cells whose text did not survive decoding
// (badText), -1 when none: a record of a file read as UTF-8 that is not
// valid UTF-8 is first read alone as Windows-1252 where it can be
// (cellsAlone).
func (r *Reader) badCell(cells []string) int {
	for i, c := range cells {
		if r.badText(c) {
			if r.cellsAlone(cells) {
				return -1
			}
			return i
		}
	}
	return -1
}

// badValue reports whether a vCard value did not survive decoding
// (badText); a value that is not valid UTF-8 is first read alone as
// Windows-1252 in place where it can be (cellsAlone): a card's values are
// read one by one, each on its own.
func (r *Reader) badValue(v *string) bool {
	if !r.badText(*v) {
		return false
	}
	cells := []string{*v}
	if !r.cellsAlone(cells) {
		return true
	}
	*v = cells[0]
	return false
}

// headerAlone reads a CSV header line that is not valid UTF-8 alone as
// Windows-1252 where it can be, as a record is read (cellsAlone).
func (r *Reader) headerAlone(header []string) {
	for _, h := range header {
		if !utf8.ValidString(h) {
			if r.cellsAlone(header) {
				r.alone.current, r.alone.header = false, true
			}
			return
		}
	}
}

// textAlone is the source text of the record being read, as Windows-1252
// when the record's cells were read so (and the text can be).
func (r *Reader) textAlone(text string) string {
	if r.alone.current {
		text, _ = textfile.DecodeWindows1252(text)
	}
	return text
}

// badText names the problem of a cell that did not survive transcoding:
// the decoders turn bytes that are invalid in the encoding into U+FFFD, so
// a transcoded cell holding it had invalid bytes.
func (r *Reader) badText(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	// s is valid UTF-8 here, so U+FFFD can be looked for as its bytes:
	// strings.ContainsRune decodes rune by rune to find RuneError.
	return r.transcoded && strings.Contains(s, replacementChar)
}

// isASCII reports whether every byte of b is below 0x80, eight at a time:
// text of ASCII alone is valid UTF-8 and holds no U+FFFD, so readers skip
// badText for it.
func isASCII(b []byte) bool {
	var or uint64
	for len(b) >= 8 {
		or |= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	for _, c := range b {
		or |= uint64(c)
	}
	return or&0x8080808080808080 == 0
}

// replacementChar is U+FFFD, which decoders put where bytes were invalid.
const replacementChar = string(utf8.RuneError)

// invalidText words the problem badText found, naming the encoding.
func (r *Reader) invalidText() string {
	if r.transcoded {
		return "bytes invalid in " + r.info.Encoding
	}
	return "invalid UTF-8"
}
