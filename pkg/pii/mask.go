package pii

import (
	"unicode"
	"unicode/utf8"

	"github.com/listaudit/listaudit/pkg/phone"
)

// MaskNumber hides an E.164 number but for its calling code, the first
// digit after it and the last two digits: +254712345678 → +2547******78.
// Anything that is not E.164 is masked with MaskText.
func MaskNumber(e164 string) string { return string(AppendMaskedNumber(nil, e164)) }

// AppendMaskedNumber appends MaskNumber(e164) to b, for reports that
// render millions of numbers into one buffer.
func AppendMaskedNumber(b []byte, e164 string) []byte {
	if !phone.IsE164(e164) {
		return AppendMaskedText(b, e164)
	}
	start := len(b)
	b = append(b, e164...)
	national := b[start+1+phone.CallingCodeLen(e164[1:]):]
	if len(national) >= 6 { // else too short to show anything and still hide it
		national = national[1 : len(national)-2]
	}
	for i := range national {
		national[i] = '*'
	}
	return b
}

// MaskText hides a cell that is not a valid number: letters and digits
// become '*' except the first digit and, when there are at least six
// digits, the last two. Punctuation stays, so the shape is recognisable.
func MaskText(s string) string { return string(AppendMaskedText(nil, s)) }

// AppendMaskedText appends MaskText(s) to b.
func AppendMaskedText(b []byte, s string) []byte {
	digits, ascii := 0, true
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
		ascii = ascii && s[i] < utf8.RuneSelf
	}
	if ascii {
		return appendMaskedASCII(b, s, digits)
	}
	return appendMaskedRunes(b, s, digits)
}

// appendMaskedRunes is AppendMaskedText of s, which has digits digits,
// rune by rune.
func appendMaskedRunes(b []byte, s string, digits int) []byte {
	seen := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			seen++
			if seen == 1 || (digits >= 6 && seen > digits-2) {
				b = append(b, byte(r))
			} else {
				b = append(b, '*')
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b = append(b, '*')
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// appendMaskedASCII is AppendMaskedText of ASCII s, which has digits
// digits: the cell is copied at once and masked in place (the json report
// masks hundreds of thousands of phone cells not in E.164 form).
func appendMaskedASCII(b []byte, s string, digits int) []byte {
	start := len(b)
	b = append(b, s...)
	seen := 0
	for i, c := range b[start:] {
		switch {
		case c >= '0' && c <= '9':
			seen++
			if seen > 1 && (digits < 6 || seen <= digits-2) {
				b[start+i] = '*'
			}
		case c|0x20 >= 'a' && c|0x20 <= 'z': // IsLetter, in ASCII
			b[start+i] = '*'
		}
	}
	return b
}
