package cellvalue

import (
	"fmt"
	"strings"
)

// People write a date format as a pattern of letters (DD/MM/YYYY, as
// spreadsheets and most tools show it), not as Go's reference date
// (02/01/2006). No maintained Go module for such patterns was found among
// those this project may use; the few tokens below cover what lists hold.

// patternTokens are the tokens of a date pattern and their Go layout
// elements, longest first so that YYYY is not read as YY twice. Letters of
// dates match in any case (dd/mm/yyyy); mm after an hour is minutes
// (patternLayout).
var patternTokens = []struct{ token, layout string }{
	{"YYYY", "2006"},
	{"YY", "06"},
	{"MM", "01"},
	{"M", "1"},
	{"DD", "02"},
	{"D", "2"},
	{"HH", "15"},
	{"SS", "05"},
}

// patternSeparators may stand between tokens, as themselves.
const patternSeparators = "/-.: T,"

// DateLayout reads a --date-format value: a date pattern (DD/MM/YYYY,
// dd.mm.yyyy, YYYY-MM-DD, MM/DD/YYYY, each with HH:mm or HH:mm:ss after
// it, or not), turned into its Go layout, or a Go layout as is. Either
// must read a whole date (CheckLayout). For a value that is neither, the
// error says how to write one.
func DateLayout(s string) (string, error) {
	if layout, ok := patternLayout(s); ok {
		if CheckLayout(layout) == nil {
			return layout, nil
		}
		return "", fmt.Errorf("%q is not a whole date: a pattern needs a year, a month and a day (YYYY, MM, DD), e.g. DD/MM/YYYY", s)
	}
	if err := CheckLayout(s); err != nil {
		if strings.ContainsAny(s, "DdMmYy") {
			return "", fmt.Errorf("%q is neither a date pattern of YYYY, MM, DD, HH, mm and ss nor a Go time layout of a whole date: for DD/MM/YYYY write DD/MM/YYYY or 02/01/2006", s)
		}
		return "", err
	}
	return s, nil
}

// patternLayout turns a date pattern into a Go layout; ok is false when s
// holds anything but tokens and separators.
func patternLayout(s string) (layout string, ok bool) {
	var b strings.Builder
	hour := false
	for rest := s; rest != ""; {
		if strings.IndexByte(patternSeparators, rest[0]) >= 0 {
			b.WriteByte(rest[0])
			rest = rest[1:]
			continue
		}
		if hour && len(rest) >= 2 && strings.EqualFold(rest[:2], "mm") {
			b.WriteString("04") // minutes, after an hour
			rest = rest[2:]
			continue
		}
		elem, n := patternToken(rest)
		if n == 0 {
			return "", false
		}
		hour = hour || elem == "15"
		b.WriteString(elem)
		rest = rest[n:]
	}
	return b.String(), b.Len() > 0
}

// patternToken is the layout element of the token s starts with and the
// token's length; 0 when s starts with none.
func patternToken(s string) (elem string, n int) {
	for _, t := range patternTokens {
		if len(s) >= len(t.token) && strings.EqualFold(s[:len(t.token)], t.token) {
			return t.layout, len(t.token)
		}
	}
	return "", 0
}
