package input

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings an input can be read in; Info.Encoding holds one of them,
// with " (BOM)" appended to EncodingUTF8 when the file starts with one.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF16LE     = "utf-16le"
	EncodingUTF16BE     = "utf-16be"
	EncodingWindows1252 = "windows-1252"
	EncodingLatin1      = "iso-8859-1"
)

// Encodings lists the values --encoding accepts, for help texts.
var Encodings = []string{EncodingUTF8, EncodingUTF16LE, EncodingUTF16BE, EncodingWindows1252, EncodingLatin1}

// parseEncoding checks an --encoding value; it accepts common spellings
// ("UTF8", "cp1252", "latin1").
func parseEncoding(s string) (string, bool) {
	switch strings.ToLower(strings.NewReplacer("_", "-", " ", "").Replace(s)) {
	case "utf-8", "utf8":
		return EncodingUTF8, true
	case "utf-16le", "utf16le", "utf-16", "utf16":
		return EncodingUTF16LE, true
	case "utf-16be", "utf16be":
		return EncodingUTF16BE, true
	case "windows-1252", "windows1252", "cp1252":
		return EncodingWindows1252, true
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		return EncodingLatin1, true
	}
	return "", false
}

// IsEncoding reports whether s names an encoding --encoding accepts.
func IsEncoding(s string) bool {
	_, ok := parseEncoding(s)
	return ok
}

// textDecoder is the transcoder to UTF-8 for an encoding; nil for UTF-8,
// which is read as is (invalid bytes are then reported per row).
func textDecoder(enc string) *encoding.Decoder {
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
	}
	return nil
}

// DetectEncoding names the encoding of a file that starts with head (at
// most the sniff window): a UTF-16 byte-order mark decides; then text that
// is valid UTF-8 is UTF-8; text that is not, but has no byte Windows-1252
// leaves undefined, is Windows-1252 (a superset of ISO-8859-1's printable
// characters, and what Excel writes for "CSV" on Western Windows). bom is
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
	if validUTF8Prefix(head, atEOF) {
		return EncodingUTF8, 0, false
	}
	if isWindows1252(head) {
		return EncodingWindows1252, 0, true
	}
	// Neither: read as UTF-8 so that the bad rows are reported as such.
	return EncodingUTF8, 0, false
}

// validUTF8Prefix reports whether b is valid UTF-8, allowing a sequence
// cut short at the end of a window that is not the end of the file.
func validUTF8Prefix(b []byte, atEOF bool) bool {
	if utf8.Valid(b) {
		return true
	}
	if atEOF {
		return false
	}
	for cut := 1; cut < utf8.UTFMax && cut <= len(b); cut++ {
		if utf8.Valid(b[:len(b)-cut]) {
			return true
		}
	}
	return false
}

// isWindows1252 reports whether b has no NUL and no byte Windows-1252
// leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): binary data and UTF-16
// without a BOM are not mistaken for it.
func isWindows1252(b []byte) bool {
	for _, c := range b {
		switch c {
		case 0, 0x81, 0x8D, 0x8F, 0x90, 0x9D:
			return false
		}
	}
	return true
}

// setupEncoding decides the input's text encoding and, for anything but
// UTF-8, puts a transcoder between the bytes and the parsers, so every text
// format sees UTF-8. It consumes a byte-order mark.
func (r *Reader) setupEncoding() error {
	head, err := r.content.Peek(sniffWindow)
	atEOF := err != nil
	if err != nil && !isEOF(err) {
		return r.ioError(err)
	}
	enc, bom, guessed := DetectEncoding(head, atEOF)
	if r.opts.Encoding != "" {
		forced, ok := parseEncoding(r.opts.Encoding)
		if !ok {
			return fmt.Errorf("%s: unknown encoding %q (want %s)", r.src.Path, r.opts.Encoding, strings.Join(Encodings, ", "))
		}
		// A BOM of the encoding given is still skipped; otherwise the
		// user's word wins over the sniffing.
		if forced != enc {
			bom = 0
		}
		enc, guessed = forced, false
	}
	r.content.Discard(bom)
	r.info.Encoding = enc
	if enc == EncodingUTF8 && bom > 0 {
		r.info.BOM = true
		r.info.Encoding = EncodingUTF8 + " (BOM)"
	}
	if guessed {
		r.warn(fmt.Sprintf("%s: not valid UTF-8; reading it as %s (give --encoding if that is wrong)", r.src.Path, enc))
	}
	if d := textDecoder(enc); d != nil {
		r.transcoded = true
		r.content = bufio.NewReaderSize(transform.NewReader(r.content, d), bufSize)
	}
	return nil
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

func isEOF(err error) bool { return errors.Is(err, io.EOF) }

// replacementChar is U+FFFD, which decoders put where bytes were invalid.
const replacementChar = string(utf8.RuneError)

// invalidText words the problem badText found, naming the encoding.
func (r *Reader) invalidText() string {
	if r.transcoded {
		return "bytes invalid in " + r.info.Encoding
	}
	return "invalid UTF-8"
}
