package csvsafe

import "strings"

// risky are the first characters that make a spreadsheet read a cell as a
// formula.
const risky = "=+-@\t\r'"

// Cell returns s, prefixed with a single quote when a spreadsheet would
// read it as a formula, or when it starts with a quote itself. The quote is
// part of the cell: a program reading the file back strips one leading
// "'" from every cell that starts with one (Uncell).
func Cell(s string) string {
	if NeedsQuote(s) {
		return "'" + s
	}
	return s
}

// NeedsQuote reports whether Cell would prefix s.
func NeedsQuote(s string) bool {
	return s != "" && strings.IndexByte(risky, s[0]) >= 0
}

// Uncell is Cell's inverse: c without its leading quote when Cell could
// have written c, that is when the quote is followed by one of the
// characters Cell quotes; c itself otherwise. On a file Cell wrote it is
// the same as stripping one leading quote from every cell that has one,
// but a cell Cell never writes ("'no", "'0712…", as people type them)
// keeps its text, so a list that was never through Cell reads as it did. Uncell(Cell(s)) == s for every s.
// A reader calls it only for a cell whose first byte is a quote: a
// comparison per cell.
func Uncell(c string) string {
	if len(c) > 1 && c[0] == '\'' && strings.IndexByte(risky, c[1]) >= 0 {
		return c[1:]
	}
	return c
}

// PhoneNumber reports whether s is a phone number as people write it after
// a +: E.164 (+254712345678) or with spaces, '-', '.', '(' and ')'
// (+1 (555) 010-9999). Such a cell cannot run anything, so it needs no
// quote for safety; "+cmd|' /C calc'!A0" or "+1+1" are not phone numbers.
// Without letters, quotes, '|' or '!' it can name no function and no other
// program, and a spreadsheet reads it as a number. Cell still quotes it,
// so that a spreadsheet keeps the + and every digit; listaudit fix's clean
// file, which is for sending tools, writes it as is where it is a row's
// number.
func PhoneNumber(s string) bool {
	return len(s) >= 2 && s[0] == '+' && numberText(s[1:])
}

// TypedNumber reports whether s is digits typed after a ', as a
// spreadsheet keeps a number's leading 0 ('0712 345 678) or a date as
// text ('2026-06-01): digits, spaces, '-', '.', '(' and ')'. Such a ' is
// no guard (Uncell reads s as s) and the cell no formula: Cell's second
// quote is not needed, and listaudit fix's clean file writes it as is.
func TypedNumber(s string) bool {
	return len(s) >= 2 && s[0] == '\'' && Uncell(s) == s && numberText(s[1:])
}

// numberText reports whether s is digits, spaces, '-', '.', '(' and ')',
// with a digit.
func numberText(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')':
		default:
			return false
		}
	}
	return digits
}
