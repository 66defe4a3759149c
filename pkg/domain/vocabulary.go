package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Formats of the summary fix, inspect and rules print: a table for people,
// JSON for programs.
const (
	SummaryTable = "table"
	SummaryJSON  = "json"
)

// SummaryFormats lists the values --format of fix, inspect and rules
// takes, in the order help texts give them.
var SummaryFormats = []string{SummaryTable, SummaryJSON}

// ParseSummaryFormat checks a --format value of fix, inspect or rules.
func ParseSummaryFormat(s string) (string, error) {
	for _, f := range SummaryFormats {
		if s == f {
			return f, nil
		}
	}
	return "", fmt.Errorf("unknown format %q (want %s)", s, OrList(SummaryFormats))
}

// OrList words a list of choices for help texts and errors: "a, b or c".
func OrList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// AndList joins names as a sentence lists them: "a", "a and b", "a, b
// and c".
func AndList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// Nearest returns the name nearest to s within two edits, for "did you
// mean" hints; "" when none is that near.
func Nearest(s string, names []string) string { return NearestWithin(s, names, 2) }

// NearestWithin is Nearest within edits edits.
func NearestWithin(s string, names []string, edits int) string {
	best, bestD := "", edits+1
	for _, c := range names {
		if d := levenshtein(s, c); d < bestD && d < max(len(s), 1) {
			best, bestD = c, d
		}
	}
	return best
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// ShellQuote quotes s for a POSIX shell, in single quotes, unless it is
// made only of characters no shell treats specially: an argument a
// message suggests can be pasted as it is. Text holding a control
// character, a bidirectional override or bytes that are not UTF-8 is
// quoted $'…', with those written as escapes (bash, zsh, ksh, POSIX
// 2024): printed raw they would drive the terminal, and printed as '?'
// the command would name another file.
func ShellQuote(s string) string {
	safe := s != ""
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		safe = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-_./=:,+@%", c) >= 0
	}
	switch {
	case safe:
		return s
	case strings.IndexFunc(s, unprintable) >= 0 || !utf8.ValidString(s):
		return ansiCQuote(s)
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// unprintable says whether r cannot be shown as itself in a terminal.
func unprintable(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r)
}

// ansiCQuote quotes s as $'…': \\, \' and unprintable characters
// escaped, \xHH for a byte that is not UTF-8.
func ansiCQuote(s string) string {
	var b strings.Builder
	b.WriteString("$'")
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1, r < 0x80 && unprintable(r):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unprintable(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == '\\' || r == '\'':
			b.WriteString(`\` + string(r))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String() + "'"
}
