// Package csvsafe neutralises CSV cells against spreadsheet formula
// injection (OWASP "CSV Injection"): a cell that starts with '=', '+', '-',
// '@', a tab or a carriage return gets a leading single quote, so a
// spreadsheet shows it as text instead of running it. A cell that already
// starts with a quote gets one more, so that stripping one leading quote
// from every cell that has one always gives the original text back. Every CSV file
// listaudit writes (the csv report, listaudit fix's outputs) goes through
// it.
//
// A phone number written with a leading + (PhoneNumber) is no formula
// payload: without letters, quotes, '|' or '!' it can name no function and
// no other program, and a spreadsheet reads it as a number. Cell still
// quotes it, so that a spreadsheet keeps the + and every digit; listaudit
// fix's clean file, which is for sending tools, writes it as is.
package csvsafe

import "strings"

// risky are the first characters that make a spreadsheet read a cell as a
// formula.
const risky = "=+-@\t\r'"

// Cell returns s, prefixed with a single quote when a spreadsheet would
// read it as a formula, or when it starts with a quote itself. The quote is
// part of the cell: a program reading the file back strips one leading
// "'" from every cell that starts with one.
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

// PhoneNumber reports whether s is a phone number as people write it after
// a +: E.164 (+254712345678) or with spaces, '-', '.', '(' and ')'
// (+1 (555) 010-9999). Such a cell cannot run anything, so it needs no
// quote for safety; "+cmd|' /C calc'!A0" or "+1+1" are not phone numbers.
func PhoneNumber(s string) bool {
	if len(s) < 2 || s[0] != '+' {
		return false
	}
	digits := false
	for i := 1; i < len(s); i++ {
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
