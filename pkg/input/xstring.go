package input

import (
	"bytes"
	"strings"
	"unicode/utf16"
)

// decodeXstring undoes the escapes of ECMA-376 Part 1, 22.9.2.19
// (ST_Xstring), which Excel writes in shared strings, inline strings and
// formula text: _xHHHH_ (four hex digits, either case) is the UTF-16 code
// unit HHHH, so a CR in a cell is stored as _x000D_, and a literal
// "_x0041_" as _x005F_x0041_ (_x005F_ being "_"). A surrogate pair
// (_xD83D__xDE00_) is one character; a lone surrogate, which no text can
// hold, is U+FFFD. Anything else is kept as written. excelize has such a
// decoder but does not export it.
func decodeXstring(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for ; i >= 0; i = strings.Index(s, "_x") {
		u, ok := XstringUnit(s[i:])
		if !ok {
			b.WriteString(s[:i+2])
			s = s[i+2:]
			continue
		}
		b.WriteString(s[:i])
		s = s[i+7:]
		r := rune(u)
		if utf16.IsSurrogate(r) {
			if lo, ok := XstringUnit(s); ok {
				if pair := utf16.DecodeRune(r, rune(lo)); pair != '\uFFFD' {
					r = pair
					s = s[7:]
				}
			}
		}
		if utf16.IsSurrogate(r) {
			r = '\uFFFD'
		}
		b.WriteRune(r)
	}
	b.WriteString(s)
	return b.String()
}

// XstringUnit reads the code unit of an _xHHHH_ escape (four hex digits,
// either case) at the start of s; false when s does not start with one.
func XstringUnit(s string) (uint16, bool) {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return 0, false
	}
	var u uint16
	for _, c := range []byte(s[2:6]) {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		u = u<<4 | uint16(c)
	}
	return u, true
}

// decodeRun decodes the escapes of the text b holds from byte run on: one
// <t> run of a shared string or of an inline string.
func decodeRun(b *strings.Builder, run int) {
	s := b.String()
	if !strings.Contains(s[run:], "_x") {
		return
	}
	b.Reset()
	b.WriteString(s[:run])
	b.WriteString(decodeXstring(s[run:]))
}

// inlineRun decodes, when ends says a <t> run of an inline string ended,
// the escapes of the text b holds from byte run on. Each run is an
// ST_Xstring of its own, so an escape never spans two: listaudit fix cuts
// a cell into runs to store text that looks like an escape (see pkg/fix's
// xlsxValue).
func inlineRun(b []byte, run int, ends bool) []byte {
	if !ends || !bytes.Contains(b[run:], []byte("_x")) {
		return b
	}
	return append(b[:run], decodeXstring(string(b[run:]))...)
}
