// Package csvsafe neutralises CSV cells against spreadsheet formula
// injection (OWASP "CSV Injection"): a cell that starts with '=', '+', '-',
// '@', a tab or a carriage return gets a leading single quote, so a
// spreadsheet shows it as text instead of running it. A cell that already
// starts with a quote gets one more, so that stripping one leading quote
// from every cell that has one always gives the original text back. Every CSV file
// listaudit writes (the csv report, listaudit fix's outputs) goes through
// it.
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
