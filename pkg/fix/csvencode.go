package fix

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/textfile"
)

// errInvalidDelim is encoding/csv's error for a delimiter it cannot write.
var errInvalidDelim = errors.New("csv: invalid field or comment delimiter")

// csvEncoder appends records to a byte slice exactly as encoding/csv's
// Writer writes them (LF line ends; differential test in
// csvencode_test.go), without its call per field and per byte: the
// writing pass writes a million rows. Each cell may be written with a
// leading "'" (csvsafe.Cell) without building the prefixed string.
type csvEncoder struct {
	delim rune
	// sep is delim's UTF-8 bytes; ascii when it is one byte.
	sep   []byte
	ascii bool
}

func newCSVEncoder(delim rune) (csvEncoder, error) {
	if delim == 0 || delim == '"' || delim == '\r' || delim == '\n' || !utf8.ValidRune(delim) || delim == utf8.RuneError {
		return csvEncoder{}, errInvalidDelim
	}
	return csvEncoder{delim: delim, sep: utf8.AppendRune(nil, delim), ascii: delim < utf8.RuneSelf}, nil
}

// cell appends one field, after a delimiter unless first; with quote, the
// field is "'" then s.
func cell[T string | []byte](e *csvEncoder, dst []byte, s T, first, quote bool) []byte {
	if !first {
		dst = append(dst, e.sep...)
	}
	if !needsQuotes(e, s, quote) {
		if quote {
			dst = append(dst, '\'')
		}
		return append(dst, s...)
	}
	dst = append(dst, '"')
	if quote {
		dst = append(dst, '\'')
	}
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			dst = append(dst, s[start:i+1]...)
			dst = append(dst, '"')
			start = i + 1
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// needsQuotes is encoding/csv's fieldNeedsQuotes of s, or of "'"+s with
// quote: a leading "'" is neither space nor part of `\.`, but may be the
// delimiter.
func needsQuotes[T string | []byte](e *csvEncoder, s T, quote bool) bool {
	if quote && e.delim == '\'' {
		return true // the prefix is the delimiter
	}
	if len(s) == 0 {
		return false
	}
	if !quote && len(s) == 2 && s[0] == '\\' && s[1] == '.' {
		return true
	}
	if e.ascii {
		if hasQuotable(s, byte(e.delim)) {
			return true
		}
	} else if str := string(s); strings.ContainsRune(str, e.delim) || strings.ContainsAny(str, "\"\r\n") {
		return true
	}
	if quote {
		return false
	}
	if s[0] < utf8.RuneSelf {
		return unicode.IsSpace(rune(s[0]))
	}
	r1, _ := utf8.DecodeRuneInString(string(s))
	return unicode.IsSpace(r1)
}

// hasQuotable reports whether s holds a line break, a quote or the
// one-byte delimiter delim, eight bytes at a time: the writing pass asks
// it of every cell of a million rows.
func hasQuotable[T string | []byte](s T, delim byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := textfile.Word(s[i:])
		lf, cr, quote, d := w^(ones*'\n'), w^(ones*'\r'), w^(ones*'"'), w^(ones*uint64(delim))
		// The classic "has a zero byte" test of each, exact as to
		// whether any byte is one.
		if ((lf-ones)&^lf|(cr-ones)&^cr|(quote-ones)&^quote|(d-ones)&^d)&highs != 0 {
			return true
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c == '\n' || c == '\r' || c == '"' || c == delim {
			return true
		}
	}
	return false
}
