package cellvalue

import (
	"fmt"
	"strings"
	"time"
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

// SuggestPattern returns a --date-format pattern that reads cell, a date
// the built-in formats do not ("01/12/2026 09:00" gives "DD/MM/YYYY
// HH:mm"), so that a hint can give a value that works rather than name
// the flag. A day and a month that could be either (both at most 12) give
// the day first, and alt the month first; alt is "" when the cell decides
// (a first number above 12 is a day, a second one a day too). pattern is
// "" when no pattern of a year, a month, a day and an optional time
// reads the cell.
func SuggestPattern(cell string) (pattern, alt string) {
	s := strings.TrimSpace(cell)
	runs, seps, ok := splitDigitRuns(s)
	if !ok || len(runs) < 3 || len(runs) > 6 {
		return "", ""
	}
	var dayFirst, monthFirst []string
	switch {
	case len(runs[0]) == 4: // year first: YYYY-MM-DD in other separators
		dayFirst = []string{"YYYY", width(runs[1], "MM"), width(runs[2], "DD")}
	case len(runs[2]) == 4 || len(runs[2]) == 2:
		year := "YYYY"
		if len(runs[2]) == 2 {
			year = "YY"
		}
		a, b := atoi(runs[0]), atoi(runs[1])
		if b <= 12 {
			dayFirst = []string{width(runs[0], "DD"), width(runs[1], "MM"), year}
		}
		if a <= 12 {
			monthFirst = []string{width(runs[0], "MM"), width(runs[1], "DD"), year}
		}
	}
	for i, t := range []string{"HH", "mm", "ss"} {
		if 3+i < len(runs) {
			dayFirst = appendIf(dayFirst, t)
			monthFirst = appendIf(monthFirst, t)
		}
	}
	pattern, alt = joinPattern(dayFirst, seps, s), joinPattern(monthFirst, seps, s)
	if pattern == "" {
		return alt, ""
	}
	return pattern, alt
}

// splitDigitRuns splits s into its runs of ASCII digits and the
// separators after each (the last is ""); ok is false when s does not
// start with a digit or holds anything but digits and patternSeparators.
func splitDigitRuns(s string) (runs, seps []string, ok bool) {
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i || j-i > 4 {
			return nil, nil, false
		}
		k := j
		for k < len(s) && strings.IndexByte(patternSeparators, s[k]) >= 0 {
			k++
		}
		if k == j && k < len(s) {
			return nil, nil, false
		}
		runs, seps = append(runs, s[i:j]), append(seps, s[j:k])
		i = k
	}
	return runs, seps, len(runs) > 0
}

// width is the two-letter token for a two-digit run, its one-letter
// form (which reads one or two digits) for a one-digit run.
func width(run, token string) string {
	if len(run) == 1 {
		return token[:1]
	}
	return token
}

func atoi(run string) int {
	n := 0
	for i := 0; i < len(run); i++ {
		n = n*10 + int(run[i]-'0')
	}
	return n
}

func appendIf(tokens []string, t string) []string {
	if tokens == nil {
		return nil
	}
	return append(tokens, t)
}

// joinPattern writes tokens with the cell's separators between them, ""
// when there are none or the pattern does not read cell.
func joinPattern(tokens, seps []string, cell string) string {
	if len(tokens) == 0 || len(tokens) != len(seps) {
		return ""
	}
	var b strings.Builder
	for i, t := range tokens {
		b.WriteString(t)
		b.WriteString(seps[i])
	}
	p := b.String()
	layout, err := DateLayout(p)
	if err != nil {
		return ""
	}
	if _, err := time.Parse(layout, cell); err != nil {
		return ""
	}
	return p
}
