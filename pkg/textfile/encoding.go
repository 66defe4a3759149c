package textfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings a file can be read in.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
	EncodingLatin1      = "iso-8859-1"
	// EncodingMacRoman is Mac OS Roman, which Excel for Mac writes for
	// "CSV (Macintosh)", with CR line breaks.
	EncodingMacRoman = "macintosh"
)

// Encodings lists the encodings a file can be read in, for help texts.
var Encodings = []string{EncodingUTF8, EncodingUTF16LE, EncodingUTF16BE, EncodingWindows1252, EncodingLatin1, EncodingMacRoman}

// ParseEncoding checks an encoding's name and returns the one of Encodings
// it means; it accepts common spellings ("UTF8", "cp1252", "latin1"). The
// error lists Encodings.
func ParseEncoding(s string) (string, error) {
	if enc, ok := encodingByName(s); ok {
		return enc, nil
	}
	return "", fmt.Errorf("unknown encoding %q (want %s)", s, strings.Join(Encodings, ", "))
}

// encodingAliases are the other names ParseEncoding takes for Encodings,
// as encodingByName normalises them.
var encodingAliases = map[string]string{
	"utf8":    EncodingUTF8,
	"utf16le": EncodingUTF16LE, "utf-16": EncodingUTF16LE, "utf16": EncodingUTF16LE,
	"utf16be":     EncodingUTF16BE,
	"windows1252": EncodingWindows1252, "cp1252": EncodingWindows1252,
	"iso8859-1": EncodingLatin1, "latin1": EncodingLatin1, "latin-1": EncodingLatin1,
	"mac-roman": EncodingMacRoman, "macroman": EncodingMacRoman, "x-mac-roman": EncodingMacRoman, "mac": EncodingMacRoman,
}

// EncodingAliases returns the aliases ParseEncoding takes besides
// Encodings, each with the encoding it names. Either is also taken in any
// case, with _ for - and with spaces anywhere.
func EncodingAliases() map[string]string { return maps.Clone(encodingAliases) }

func encodingByName(s string) (string, bool) {
	s = strings.ToLower(strings.NewReplacer("_", "-", " ", "").Replace(s))
	if slices.Contains(Encodings, s) {
		return s, true
	}
	enc, ok := encodingAliases[s]
	return enc, ok
}

// decoder is the transcoder to UTF-8 for an encoding; nil for UTF-8,
// which is read as is (invalid bytes are then the reader's to report).
func decoder(enc string) *encoding.Decoder {
	switch enc {
	case EncodingUTF16LE:
		// IgnoreBOM: a BOM was already consumed, or was never there.
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM).NewDecoder()
	case EncodingWindows1252:
		return charmap.Windows1252.NewDecoder()
	case EncodingLatin1:
		return charmap.ISO8859_1.NewDecoder()
	case EncodingMacRoman:
		return charmap.Macintosh.NewDecoder()
	}
	return nil
}

// DetectEncoding names the encoding of a file that starts with head (at
// most the sniff window): a UTF-16 byte-order mark decides; then text that
// holds valid multi-byte UTF-8 sequences, or no byte above 0x7F that is
// not part of one, is UTF-8, even when some of its bytes are invalid (a
// row pasted from an older system: the readers read such a record alone
// as Windows-1252, see DecodeWindows1252). Windows-1252 text practically
// never forms a valid multi-byte sequence: its letters above 0x7F (0xC0
// to 0xFF) would have to be followed by one to three of its symbols 0x80
// to 0xBF. Text with invalid bytes and no valid sequence is Windows-1252
// when it has no byte Windows-1252 leaves undefined (a superset of
// ISO-8859-1's printable characters, and what Excel writes for "CSV" on
// Western Windows), else UTF-8, so that its bad rows are reported. bom is
// the length of the byte-order mark to skip. guessed says the answer is a
// guess the user should hear about.
func DetectEncoding(head []byte, atEOF bool) (enc string, bom int, guessed bool) {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}):
		return EncodingUTF16LE, 2, false
	case bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return EncodingUTF16BE, 2, false
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return EncodingUTF8, 3, false
	}
	if utf8.Valid(head) {
		return EncodingUTF8, 0, false
	}
	if multibyte, invalid := utf8Evidence(head, atEOF); multibyte > 0 || invalid == 0 {
		return EncodingUTF8, 0, false
	}
	if classicMac(head) && !bytes.ContainsRune(head, 0) {
		return EncodingMacRoman, 0, true
	}
	if isWindows1252(head) {
		return EncodingWindows1252, 0, true
	}
	// Neither: read as UTF-8 so that the bad rows are reported as such.
	return EncodingUTF8, 0, false
}

// classicMac reports whether b breaks lines with CR alone, as Excel for
// Mac's "CSV (Macintosh)" does: that export is in Mac OS Roman, not
// Windows-1252, and the two share no accented letter's byte.
func classicMac(b []byte) bool {
	return bytes.IndexByte(b, '\r') >= 0 && bytes.IndexByte(b, '\n') < 0
}

// utf8Evidence counts, in the whole of b, the valid multi-byte UTF-8
// sequences and the bytes that are invalid UTF-8. A sequence cut short at
// the end of a window that is not the end of the file is neither.
func utf8Evidence(b []byte, atEOF bool) (multibyte, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		if r, n := utf8.DecodeRune(b[i:]); r != utf8.RuneError || n > 1 {
			multibyte++
			i += n
			continue
		}
		if !atEOF && !utf8.FullRune(b[i:]) {
			break
		}
		invalid++
		i++
	}
	return multibyte, invalid
}

// isWindows1252 reports whether b has no NUL and no byte Windows-1252
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): binary data and UTF-16
// without a BOM are not mistaken for it.
func isWindows1252(b []byte) bool {
	for _, c := range b {
		if c == 0 || c >= utf8.RuneSelf && windows1252High[c-utf8.RuneSelf] == utf8.RuneError {
			return false
		}
	}
	return true
}

// windows1252High holds the characters of Windows-1252's bytes 0x80 to
// 0xFF; utf8.RuneError for the five it leaves undefined.
var windows1252High = func() (t [128]rune) {
	for i := range t {
		t[i] = charmap.Windows1252.DecodeByte(byte(utf8.RuneSelf + i))
	}
	return t
}()

// DecodeWindows1252 decodes s, text in Windows-1252, to UTF-8; ok is
// false, and s is returned as is, when s holds a byte Windows-1252 leaves
// undefined. Text of ASCII alone is returned as is, without copying. It
// is how a record of a file read as UTF-8 that is not valid UTF-8 is read
// alone: cell by cell or all at once, the same text, since the encoding
// has one byte a character and its ASCII (delimiters, quotes, line
// breaks) is ASCII's.
func DecodeWindows1252(s string) (string, bool) {
	grow := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			r := windows1252High[c-utf8.RuneSelf]
			if r == utf8.RuneError {
				return s, false
			}
			grow += utf8.RuneLen(r) - 1
		}
	}
	if grow == 0 { // every byte above 0x7F takes two or three bytes in UTF-8
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s) + grow)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			b.WriteByte(c)
		} else {
			b.WriteRune(windows1252High[c-utf8.RuneSelf])
		}
	}
	return b.String(), true
}

// Text says how Decode read a file's bytes.
type Text struct {
	// Encoding is one of Encodings.
	Encoding string
	// BOM says the file started with the encoding's byte-order mark,
	// which Decode skipped.
	BOM bool
	// Guessed says the encoding was detected by a guess (Windows-1252 for
	// text that is not UTF-8) the user should hear about.
	Guessed bool
	// Given says the encoding was the caller's (forced), not detected.
	Given bool
}

// Transcoded reports whether the content is converted to UTF-8 from
// another encoding, so that invalid bytes show as U+FFFD rather than as
// invalid UTF-8.
func (t Text) Transcoded() bool { return t.Encoding != EncodingUTF8 }

// Decode decides the text encoding of br's content, from the first window
// bytes (see DetectEncoding) unless forced names one (see ParseEncoding),
// skips its byte-order mark, and returns a reader of the content as UTF-8:
// br itself for UTF-8, else a transcoder over it buffering size bytes. A
// BOM of the forced encoding is still skipped; otherwise the user's word
// wins over the sniffing. Its errors are br's, unwrapped, and an unknown
// forced encoding.
func Decode(br *bufio.Reader, forced string, window, size int) (*bufio.Reader, Text, error) {
	// A window beyond the buffer would stop Peek short of the end of a
	// short file, which then looks cut.
	head, err := br.Peek(min(window, br.Size()))
	if err != nil && err != io.EOF {
		return nil, Text{}, err
	}
	enc, bom, guessed := DetectEncoding(head, err == io.EOF)
	if forced != "" {
		f, err := ParseEncoding(forced)
		if err != nil {
			return nil, Text{}, err
		}
		if f != enc {
			bom = 0
		}
		enc, guessed = f, false
	}
	br.Discard(bom)
	t := Text{Encoding: enc, BOM: bom > 0, Guessed: guessed, Given: forced != ""}
	if d := decoder(enc); d != nil {
		br = bufio.NewReaderSize(transform.NewReader(br, d), size)
	}
	return br, t, nil
}
