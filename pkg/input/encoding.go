package input

import (
	"encoding/binary"
	"fmt"
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
	r.info.Encoding = text.Encoding
	if text.Encoding == EncodingUTF8 && text.BOM {
		r.info.BOM = true
		r.info.Encoding = EncodingUTF8 + " (BOM)"
	}
	if text.Guessed {
		r.warn(fmt.Sprintf("%s: not valid UTF-8; reading it as %s (give --encoding if that is wrong)", r.src.Path, text.Encoding))
	}
	r.transcoded = text.Transcoded()
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

// replacementChar is U+FFFD, which decoders put where bytes were invalid.
const replacementChar = string(utf8.RuneError)

// invalidText words the problem badText found, naming the encoding.
func (r *Reader) invalidText() string {
	if r.transcoded {
		return "bytes invalid in " + r.info.Encoding
	}
	return "invalid UTF-8"
}
