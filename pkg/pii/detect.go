package pii

import (
	"regexp"
	"strings"
)

// What looks like a person's data in free text (a header cell, a cell
// that should have been a number): the rule lives here so that masking
// and the readers' errors recognise the same things.

// phoneRun matches a run that can be a phone number: an optional plus,
// then digits with the punctuation numbers are written with.
var phoneRun = regexp.MustCompile(`[+＋]?[0-9(][0-9 ().\-]*[0-9]`)

// datePrefix matches a date written with - . or /, which has phone
// length in digits but is no phone number (a column may be named by a
// date).
var datePrefix = regexp.MustCompile(`^(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./](\d{4}|\d{2}))\b`)

// emailAddress matches an e-mail address anywhere in a cell.
var emailAddress = regexp.MustCompile(`[^\s<>()@,;:"]+@[^\s<>()@,;:"]+\.[^\s<>()@,;:"]+`)

// LooksLikePhone reports whether s, trimmed, is written as a phone number
// could be: a plus and 7 to 15 digits, or 7 to 15 digits, with only the
// punctuation numbers are written with, and not a date.
func LooksLikePhone(s string) bool {
	s = strings.TrimSpace(s)
	m := phoneRun.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s) && phoneDigits(s)
}

// phoneDigits reports whether run, a phoneRun match, has phone length in
// digits and is not a date.
func phoneDigits(run string) bool {
	n := 0
	for i := 0; i < len(run); i++ {
		if run[i] >= '0' && run[i] <= '9' {
			n++
		}
	}
	return n >= 7 && n <= 15 && !datePrefix.MatchString(run)
}

// hasPhone reports whether a phone number could be written anywhere in s.
func hasPhone(s string) bool {
	for _, m := range phoneRun.FindAllString(s, -1) {
		if phoneDigits(m) {
			return true
		}
	}
	return false
}

// IsEmail reports whether s, trimmed and without angle brackets, is one
// e-mail address.
func IsEmail(s string) bool {
	s = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(s), "<"), ">")
	m := emailAddress.FindStringIndex(s)
	return m != nil && m[0] == 0 && m[1] == len(s)
}

// hasEmail reports whether an e-mail address is written anywhere in s.
func hasEmail(s string) bool { return emailAddress.MatchString(s) }
