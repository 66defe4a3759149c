package textfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// BufSize is the read buffer every reader uses.
const BufSize = 64 << 10

// Delimiters are the field delimiters a CSV file can be read with, in the
// order detection tries them: on a tie the earlier wins.
var Delimiters = [...]byte{',', ';', '\t', '|'}

// Content returns r's bytes decompressed when they are gzip (recognised by
// their magic bytes, whatever the file is called) and decoded to UTF-8 as
// Decode detects (a UTF-16 or UTF-8 byte-order mark, else UTF-8 or
// Windows-1252), without the BOM, which would otherwise spoil the first
// header or value. closer, when not nil, closes the decompressor. It
// never takes an encoding from the user: the cells its callers read
// (numbers, dates, digests) are ASCII in UTF-8 and Windows-1252 alike, and
// UTF-16 comes with a BOM.
func Content(name string, r io.Reader) (br *bufio.Reader, closer io.Closer, compressed bool, err error) {
	br = bufio.NewReaderSize(r, BufSize)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := NewGzipReader(br)
		if err != nil {
			return nil, nil, false, ReadError(name, err)
		}
		closer, compressed = gz, true
		br = bufio.NewReaderSize(gz, BufSize)
	}
	if br, _, err = Decode(br, "", BufSize, BufSize); err != nil {
		if closer != nil {
			closer.Close()
		}
		return nil, nil, false, ReadError(name, err)
	}
	return br, closer, compressed, nil
}

// ReadError words an I/O error as "read NAME: reason", without repeating
// the path that os errors carry.
func ReadError(name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("read %s: %w", name, err)
}

// HeaderKey lower-cases h, takes the accents off its letters (Téléphone is
// telephone) and drops everything but ASCII letters and digits, so "Phone
// Number", "phone-number" and "PHONE_NUMBER" compare equal.
func HeaderKey(h string) string {
	for i := 0; i < len(h); i++ {
		if h[i] >= utf8.RuneSelf {
			return asciiKey(FoldAccents(h))
		}
	}
	return asciiKey(h)
}

// FoldAccents decomposes h's letters (é into e and a combining accent) and
// drops the accents, Unicode's non-spacing marks. Letters that do not
// decompose (ß, ø) stay (HeaderKey's asciiKey then drops them).
func FoldAccents(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for _, r := range norm.NFD.String(h) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// asciiKey is HeaderKey's last step: ASCII letters lower-cased and digits.
func asciiKey(h string) string {
	var b strings.Builder
	b.Grow(len(h))
	for i := 0; i < len(h); i++ {
		switch c := h[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteByte(c)
		case c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		}
	}
	return b.String()
}

// Lines yields lines of any length, keeping at most Max bytes of one, so a
// file without line breaks cannot fill memory.
type Lines struct {
	br  *bufio.Reader
	max int
	n   int
	buf []byte
}

// NewLines reads lines from br, keeping at most max bytes of each.
func NewLines(br *bufio.Reader, max int) *Lines { return &Lines{br: br, max: max} }

// N is the number of the line last returned, from 1.
func (r *Lines) N() int { return r.n }

// Next returns the next line without its line break; tooLong says it was
// cut at the cap. io.EOF ends the file.
func (r *Lines) Next() (line []byte, tooLong bool, err error) {
	chunk, err := r.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		r.buf = append(r.buf[:0], chunk...)
		for err == bufio.ErrBufferFull {
			chunk, err = r.br.ReadSlice('\n')
			if len(r.buf) <= r.max {
				r.buf = append(r.buf, chunk...)
			}
		}
		chunk = r.buf
		tooLong = len(chunk) > r.max
	}
	if err == io.EOF && len(chunk) > 0 {
		err = nil // a last line without a newline
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, false, io.EOF
		}
		return nil, false, err
	}
	r.n++
	return bytes.TrimRight(chunk, "\r\n"), tooLong, nil
}

// SepDirective reads the "sep=X" line Excel writes, and reads, at the top
// of a CSV file to name its delimiter: one of the delimiters listaudit
// reads (, ; tab |), then the end of the line. head is the file's start,
// after any BOM.
func SepDirective(head []byte) (rune, bool) {
	if len(head) < 5 || !bytes.EqualFold(head[:4], []byte("sep=")) {
		return 0, false
	}
	if rest := head[5:]; len(rest) > 0 && rest[0] != '\n' && rest[0] != '\r' {
		return 0, false
	}
	if bytes.IndexByte(Delimiters[:], head[4]) < 0 {
		return 0, false
	}
	return rune(head[4]), true
}

// JSONShape names the JSON a file's start shows when the file is JSON but
// not one object a line: "a JSON array" when it opens an array (of
// objects, arrays, strings or numbers), "pretty-printed JSON" when its
// first line is a lone "{"; "" otherwise. The readers of evidence files,
// which take CSV, lines or NDJSON, refuse such a file in one line rather
// than call each of its lines unusable. head is the file's start as UTF-8.
func JSONShape(head []byte) string {
	const space = " \t\r\n"
	t := bytes.TrimLeft(head, space)
	if len(t) == 0 {
		return ""
	}
	switch t[0] {
	case '[':
		rest := bytes.TrimLeft(t[1:], space)
		if len(rest) == 0 || strings.IndexByte(`{["]-0123456789`, rest[0]) >= 0 {
			return "a JSON array"
		}
	case '{':
		if line, _, _ := bytes.Cut(t, []byte("\n")); len(bytes.TrimSpace(line)) == 1 {
			return "pretty-printed JSON"
		}
	}
	return ""
}
