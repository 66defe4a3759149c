package fix

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"
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
		c0 := byte(e.delim)
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == '\n' || c == '\r' || c == '"' || c == c0 {
				return true
			}
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
