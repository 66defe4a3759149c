package phone

import (
	"strings"
	"unicode"
)

// Mask hides an E.164 number but for its calling code, the first digit
// after it and the last two digits: +254712345678 → +2547******78.
// Anything that is not E.164 is masked with MaskText.
func Mask(e164 string) string {
	if !IsE164(e164) {
		return MaskText(e164)
	}
	// Reports mask every finding's number: build it in one allocation.
	b := []byte(e164)
	national := b[1+callingCodeLen(e164[1:]):]
	if len(national) >= 6 { // else too short to show anything and still hide it
		national = national[1 : len(national)-2]
	}
	for i := range national {
		national[i] = '*'
	}
	return string(b)
}

// callingCodeLen finds the length of the calling code that starts digits;
// calling codes are prefix-free, so the first match is the one.
func callingCodeLen(digits string) int {
	t := loadTables()
	for n := 1; n <= 3 && n < len(digits); n++ {
		cc := 0
		for _, d := range digits[:n] {
			cc = cc*10 + int(d-'0')
		}
		if t.byCode[cc] != nil { // a code the metadata knows ("001" ones too)
			return n
		}
	}
	return 1
}

// MaskText hides a cell that is not a valid number: letters and digits
// become '*' except the first digit and, when there are at least six
// digits, the last two. Punctuation stays, so the shape is recognisable.
func MaskText(s string) string {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	var b strings.Builder
	seen := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			seen++
			if seen == 1 || (digits >= 6 && seen > digits-2) {
				b.WriteRune(r)
			} else {
				b.WriteByte('*')
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteByte('*')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
