package csvsafe

import "testing"

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                "",
		"plain":           "plain",
		"=1+2":            "'=1+2",
		"+254712345678":   "'+254712345678",
		"-5":              "'-5",
		"@SUM(A1)":        "'@SUM(A1)",
		"\tx":             "'\tx",
		"\rx":             "'\rx",
		" =not-first":     " =not-first",
		"'already quoted": "''already quoted",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
		if NeedsQuote(in) != (Cell(in) != in) {
			t.Errorf("NeedsQuote(%q) disagrees with Cell", in)
		}
	}
}
