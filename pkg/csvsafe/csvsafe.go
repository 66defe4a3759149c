// Package csvsafe neutralises CSV cells against spreadsheet formula
// injection (OWASP "CSV Injection"): a cell that starts with '=', '+', '-',
// '@', a tab or a carriage return gets a leading single quote, so a
// spreadsheet shows it as text instead of running it. Every CSV file
// listaudit writes (the csv report, listaudit fix's outputs) goes through
// it.
package csvsafe

import "strings"

// risky are the first characters that make a spreadsheet read a cell as a
// formula.
const risky = "=+-@\t\r"

// Cell returns s, prefixed with a single quote when a spreadsheet would
// read it as a formula. The quote is part of the cell: a program reading
// the file back should strip one leading "'" before those characters.
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
