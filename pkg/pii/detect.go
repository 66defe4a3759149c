package pii

import (
	"regexp"
	"strings"
	"unicode"
)

// What looks like a person's data in free text (a header cell, a cell
// that should have been a number): the rule lives here so that masking
// and the readers' errors recognise the same things.

// fullwidthPlus is U+FF0B, the plus an East Asian keyboard writes.
const fullwidthPlus = "＋"

// nextPhoneRun returns where the first run at or after from that can be a
// phone number starts and ends, or -1, -1: an optional plus, then a digit
// or "(", then digits and the punctuation numbers are written with, ending
// in a digit. It is the regular expression
// [+＋]?[0-9(][0-9 ().\-]*[0-9] by hand: reports look for numbers in
// millions of cells, and it allocates nothing.
func nextPhoneRun(s string, from int) (start, end int) {
	for i := from; i < len(s); i++ {
		body := i
		switch {
		case s[i] == '+':
			body++
		case s[i] == fullwidthPlus[0] && strings.HasPrefix(s[i:], fullwidthPlus):
			body += len(fullwidthPlus)
		}
		if body >= len(s) || !isDigit(s[body]) && s[body] != '(' {
			continue
		}
		last := -1
		for j := body + 1; j < len(s) && isRunByte(s[j]); j++ {
			if isDigit(s[j]) {
				last = j
			}
		}
		if last >= 0 {
			return i, last + 1
		}
	}
	return -1, -1
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isRunByte reports whether c can be inside a written number.
func isRunByte(c byte) bool {
	return isDigit(c) || c == ' ' || c == '(' || c == ')' || c == '.' || c == '-'
}

// isWordByte is \w of a regular expression.
func isWordByte(c byte) bool {
	return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' || c == '_'
}

// LooksLikePhone reports whether s, trimmed, is written as a phone number
// could be: a plus and 7 to 15 digits, or 7 to 15 digits, with only the
// punctuation numbers are written with, and not a date.
func LooksLikePhone(s string) bool {
	s = strings.TrimSpace(s)
	start, end := nextPhoneRun(s, 0)
	return start == 0 && end == len(s) && phoneDigits(s)
}

// phoneDigits reports whether run, a phone run, has phone length in
// digits and is not a date.
func phoneDigits(run string) bool {
	n := 0
	for i := 0; i < len(run); i++ {
		if isDigit(run[i]) {
			n++
		}
	}
	return n >= 7 && n <= 15 && !datePrefixed(run)
}

// datePrefixed reports whether s starts with a date written with - . or
// /, which has phone length in digits but is no phone number (a column may
// be named by a date): YYYY-M-D, or D-M-YYYY or D-M-YY, then no more
// letters or digits.
func datePrefixed(s string) bool { return datePrefixLen(s) > 0 }

// datePrefixLen is the length of the date datePrefixed finds at the start
// of s, 0 when none.
func datePrefixLen(s string) int {
	if i := digitsThen(s, 0, 4, 4, true); i > 0 {
		if i = digitsThen(s, i, 1, 2, true); i > 0 {
			if end := dateEnd(s, i, 1, 2); end > 0 {
				return end
			}
		}
	}
	if i := digitsThen(s, 0, 1, 2, true); i > 0 {
		if i = digitsThen(s, i, 1, 2, true); i > 0 {
			return max(dateEnd(s, i, 4, 4), dateEnd(s, i, 2, 2))
		}
	}
	return 0
}

// digitsThen reads min to max digits of s from i, and with sep a date's
// separator after them; it returns where it stopped, or -1. More digits
// than max fail, as no shorter match can be followed by a separator.
func digitsThen(s string, i, lo, hi int, sep bool) int {
	n := 0
	for i < len(s) && isDigit(s[i]) && n < hi {
		i, n = i+1, n+1
	}
	if n < lo {
		return -1
	}
	if !sep {
		return i
	}
	if i < len(s) && (s[i] == '-' || s[i] == '.' || s[i] == '/') {
		return i + 1
	}
	return -1
}

// dateEnd is where a date ends in s that has lo to hi digits at i and
// then a word boundary, trying the longest first; 0 when none.
func dateEnd(s string, i, lo, hi int) int {
	for n := hi; n >= lo; n-- {
		if i+n > len(s) {
			continue
		}
		if digitsThen(s[:i+n], i, n, n, false) == i+n && (i+n == len(s) || !isWordByte(s[i+n])) {
			return i + n
		}
	}
	return 0
}

// hasPhone reports whether a phone number could be written anywhere in s.
func hasPhone(s string) bool {
	for start, end := nextPhoneRun(s, 0); start >= 0; start, end = nextPhoneRun(s, end) {
		if phoneDigits(s[start:end]) {
			return true
		}
	}
	return false
}

// emailAddress matches an e-mail address anywhere in a cell.
var emailAddress = regexp.MustCompile(`[^\s<>()@,;:"]+@[^\s<>()@,;:"]+\.[^\s<>()@,;:"]+`)

// IsEmail reports whether s, trimmed and without angle brackets, is one
// e-mail address.
func IsEmail(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
	m := emailAddress.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s)
}

// hasEmail reports whether an e-mail address is written anywhere in s.
func hasEmail(s string) bool { return strings.IndexByte(s, '@') >= 0 && emailAddress.MatchString(s) }

// mayBeName reports whether item, trimmed, may be a person's name: two or
// more words of letters (with the ' - . names are written with inside a
// word: O'Neil, Jean-Luc, J.), and nothing else.
func mayBeName(item string) bool {
	words, inWord := 0, false
	for _, r := range strings.TrimSpace(item) {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if !inWord {
				words++
			}
			inWord = true
		case r == ' ' || r == '\u00a0':
			inWord = false
		case inWord && (r == '\'' || r == '’' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return words >= 2
}

// isItemSeparator reports whether r separates the items of a cell that
// holds several (sms;whatsapp), as the scope vocabularies split them.
func isItemSeparator(r rune) bool {
	switch r {
	case ';', ',', '|', '/', '+', '&', '\n':
		return true
	}
	return false
}
