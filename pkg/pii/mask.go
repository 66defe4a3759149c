package pii

import (
	"encoding/binary"
	"math/bits"
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
	// Most cells are ASCII, masked in place where they are copied to.
	start := len(b)
	b = append(b, s...)
	if digits, ascii := asciiDigits(b[start:]); ascii {
		maskASCII(b[start:], s, digits)
		return b
	}
	b = b[:start]
	digits := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			digits++
		}
	}
	return appendMaskedRunes(b, s, digits)
}

// asciiDigits counts the digits of t, eight bytes at a time; ascii is
// false, and the count not made, when t is not all ASCII.
func asciiDigits(t []byte) (digits int, ascii bool) {
	var any uint64 // the bytes of t or'd together
	i := 0
	for ; i+8 <= len(t); i += 8 {
		w := binary.LittleEndian.Uint64(t[i:])
		any |= w
		digits += bits.OnesCount64(digitBytes(w))
	}
	if i < len(t) {
		w := tailWord(t, i)
		any |= w
		digits += bits.OnesCount64(digitBytes(w))
	}
	return digits, any&asciiHighs == 0
}

const asciiOnes, asciiHighs = 0x0101010101010101, 0x8080808080808080

// digitBytes has the high bit of each byte of w set that is an ASCII
// digit, w's bytes all being ASCII: adding to a byte below 0x80 carries
// into no other.
func digitBytes(w uint64) uint64 {
	return (w + asciiOnes*(0x80-'0')) &^ (w + asciiOnes*(0x80-'9'-1)) & asciiHighs
}

// letterBytes is digitBytes for ASCII letters.
func letterBytes(w uint64) uint64 {
	w |= asciiOnes * 0x20 // lower case
	return (w + asciiOnes*(0x80-'a')) &^ (w + asciiOnes*(0x80-'z'-1)) & asciiHighs
}

// hideWord is w, eight ASCII bytes, with its digits and letters '*'.
func hideWord(w uint64) uint64 {
	hidden := (digitBytes(w) | letterBytes(w)) >> 7 * 0xff
	return w&^hidden | asciiOnes*'*'&hidden
}

// tailWord is the bytes of t from i on, fewer than eight, as a word,
// zeros after them.
func tailWord(t []byte, i int) uint64 {
	if len(t) >= 8 { // the last eight bytes, without those before i
		return binary.LittleEndian.Uint64(t[len(t)-8:]) >> (8 * (8 - (len(t) - i)))
	}
	var w uint64
	for j := len(t) - 1; j >= i; j-- {
		w = w<<8 | uint64(t[j])
	}
	return w
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

// maskASCII masks t, a copy of s, an ASCII cell with digits digits, in
// place: its digits and letters are hidden eight bytes at a time, and the
// digits that show put back (the json report masks hundreds of thousands
// of phone cells not in E.164 form).
func maskASCII(t []byte, s string, digits int) {
	i := 0
	for ; i+8 <= len(t); i += 8 {
		binary.LittleEndian.PutUint64(t[i:], hideWord(binary.LittleEndian.Uint64(t[i:])))
	}
	switch {
	case i == len(t):
	case len(t) >= 8: // the last eight bytes, hiding again hides nothing more
		binary.LittleEndian.PutUint64(t[len(t)-8:], hideWord(binary.LittleEndian.Uint64(t[len(t)-8:])))
	default:
		w := hideWord(tailWord(t, 0))
		for j := range t {
			t[j] = byte(w >> (8 * j))
		}
	}
	for j := 0; j < len(s); j++ { // the first digit shows
		if isDigit(s[j]) {
			t[j] = s[j]
			break
		}
	}
	for j, shown := len(s)-1, 0; digits >= 6 && shown < 2; j-- { // and the last two
		if isDigit(s[j]) {
			t[j] = s[j]
			shown++
		}
	}
}
