package cellvalue

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// People write a date format as a pattern of letters (DD/MM/YYYY, as
// spreadsheets and most tools show it), not as Go's reference date
// (02/01/2006). No maintained Go module for such patterns was found among
// those this project may use; the few tokens below cover what lists hold.

// patternToken is the Go layout element of the token that is a run of n
// letters, the first c: YYYY, YY, MM, M, DD, D, HH, H, SS in any case
// (dd/mm/yyyy); mm after an hour is minutes (patternLayout). The hour of a
// 12-hour clock and its AM/PM are told by case, as in Moment.js and Day.js:
// hh, h (01-12, 1-12), A (AM, PM) and a (am, pm). A run of a pattern letter
// of another length (MMM, DDD, YYYYY) is no token: DateLayout refuses it.
func patternToken(c byte, n int) (string, bool) {
	letter := upper(c)
	switch {
	case letter == 'Y' && n == 4:
		return "2006", true
	case letter == 'Y' && n == 2:
		return "06", true
	case letter == 'M' && n <= 2:
		return "01"[2-n:], true // "01" or "1"
	case letter == 'D' && n <= 2:
		return "02"[2-n:], true // "02" or "2"
	case c == 'h' && n <= 2:
		return "03"[2-n:], true // "03" or "3"
	case letter == 'H' && n <= 2:
		return "15", true
	case letter == 'S' && n == 2:
		return "05", true
	case c == 'A' && n == 1:
		return "PM", true
	case c == 'a' && n == 1:
		return "pm", true
	}
	return "", false
}

// tokenList is how messages name the tokens.
const tokenList = "YYYY, YY, MM, M, DD, D, HH, H, hh, h, mm, ss, A and a"

// patternSeparators may stand between tokens, as themselves.
const patternSeparators = "/-.: T,"

// DateLayout reads a --date-format value: a date pattern (DD/MM/YYYY,
// dd.mm.yyyy, YYYY-MM-DD, MM/DD/YYYY, each with HH:mm, HH:mm:ss or a
// 12-hour h:mm A after it, or not), turned into its Go layout, or a Go layout as is. Either
// must read a whole date (CheckLayout). For a value that is neither, the
// error says how to write one: a pattern's letters in another language
// (TT.MM.JJJJ, JJ/MM/AAAA) are answered with the pattern they mean, and a
// run of pattern letters that is no token (MMM) with the tokens.
func DateLayout(s string) (string, error) {
	if err := meridiemSpelling(s); err != nil {
		return "", err
	}
	layout, bad, ok := patternLayout(s)
	if again, field := repeatedField(s); ok && again != "" {
		return "", fmt.Errorf("%q: %s gives the %s a second time: a pattern gives each of the year, month, day, hour, minutes, seconds and AM/PM once", s, again, field)
	}
	if bad != "" {
		monthNames := ""
		if upper(bad[0]) == 'M' && len(bad) > 2 {
			monthNames = "; for English month names write a Go layout, e.g. 02 Jan 2006"
		}
		return "", fmt.Errorf("%q: %s is not one of the tokens a date pattern takes (%s)%s", s, bad, tokenList, monthNames)
	}
	if ok {
		if err := meridiemError(s, layout); err != nil {
			return "", err
		}
		if CheckLayout(layout) == nil {
			return layout, nil
		}
		return "", fmt.Errorf("%q is not a whole date: a pattern needs a year, a month and a day (YYYY, MM, DD), e.g. DD/MM/YYYY", s)
	}
	if err := CheckLayout(s); err != nil {
		if meant := foreignPattern(s); meant != "" {
			return "", fmt.Errorf("%q is neither a date pattern of %s nor a Go time layout of a whole date: for %s write %s", s, tokenList, s, meant)
		}
		if strings.ContainsAny(s, "DdMmYy") {
			return "", fmt.Errorf("%q is neither a date pattern of %s nor a Go time layout of a whole date: for DD/MM/YYYY write DD/MM/YYYY or 02/01/2006", s, tokenList)
		}
		return "", err
	}
	return s, nil
}

// Excel's Format Cells shows AM/PM as AM/PM (m/d/yyyy h:mm AM/PM), and
// patternLayout takes it for A (am/pm for a). The other ways people spell
// it, AM, PM, P, Excel's A/P (A or P alone) and .NET's tt, are refused by
// meridiemSpelling with the pattern meant: read as tokens, the M of AM
// would be a second month.
const (
	excelMeridiem      = "AM/PM"
	excelMeridiemLower = "am/pm"
)

// meridiemSpelling refuses s when it is a pattern but for AM/PM written
// as a word (AM, am, PM, P, tt) or as Excel's A/P (A or P alone, which no
// layout reads) rather than A or a, saying so with the pattern meant; nil
// for any other s (02/01/2006 03:04 PM is a Go layout).
func meridiemSpelling(s string) error {
	for i := 0; i < len(s); i++ {
		if _, ok := excelMeridiemToken(s[i:]); ok {
			i += len(excelMeridiem) - 1
			continue
		}
		word := meridiemWord(s, i)
		if word == "" {
			continue
		}
		token := "A"
		if word[0] >= 'a' && word != "tt" {
			token = "a" // tt is .NET's AM/PM, upper case
		}
		meant := s[:i] + token + s[i+len(word):]
		layout, _, ok := patternLayout(meant)
		if !ok || CheckLayout(layout) != nil {
			continue
		}
		if meridiemError(meant, layout) != nil {
			meant = strings.ReplaceAll(meant, "H", "h") // AM/PM goes with h
		}
		return fmt.Errorf("%q: %s is not a token: write %s for %s: %s", s, word, token, meridiemTokens[token], meant)
	}
	return nil
}

// meridiemWord is the word at s[i:] when it is a way people write AM/PM
// other than A and a: AM, PM, P in any case, tt or TT, or Excel's A/P or
// a/p. "" for any other, or when s[i] is within a word.
func meridiemWord(s string, i int) string {
	if i > 0 && isLetterByte(s[i-1]) || !isLetterByte(s[i]) {
		return ""
	}
	if rest := s[i:]; strings.HasPrefix(rest, "A/P") || strings.HasPrefix(rest, "a/p") {
		return rest[:3]
	}
	word := s[i:]
	if end := strings.IndexFunc(word, func(r rune) bool { return r >= utf8.RuneSelf || !isLetterByte(byte(r)) }); end >= 0 {
		word = word[:end]
	}
	switch strings.ToUpper(word) {
	case "AM", "PM", "P", "TT":
		return word
	}
	return ""
}

// meridiemTokens say what each AM/PM token reads, and the other.
var meridiemTokens = map[string]string{"A": "AM/PM (a for am/pm)", "a": "am/pm (A for AM/PM)"}

// patternLayout turns a date pattern into a Go layout; ok is false when s
// holds anything but pattern letters and separators. bad is a run of a
// pattern letter that is no token ("MMM"), when s holds only pattern
// letters and separators. Excel's AM/PM is A, am/pm a.
func patternLayout(s string) (layout, bad string, ok bool) {
	var b strings.Builder
	hour := false
	for rest := s; rest != ""; {
		if strings.IndexByte(patternSeparators, rest[0]) >= 0 {
			b.WriteByte(rest[0])
			rest = rest[1:]
			continue
		}
		if m, ok := excelMeridiemToken(rest); ok {
			b.WriteString(m)
			rest = rest[len(excelMeridiem):]
			continue
		}
		n, letter := letterRun(rest), upper(rest[0])
		// A run of As is a foreign pattern's year (aaaa), unless s has
		// a year (YYYY): then it is no token (AA).
		if strings.IndexByte("YMDHS", letter) < 0 && (letter != 'A' || n > 1 && !strings.ContainsAny(s, "Yy")) {
			return "", "", false
		}
		elem, known := patternToken(rest[0], n)
		if hour && letter == 'M' && n == 2 {
			elem = "04" // minutes, after an hour
		}
		if !known && bad == "" {
			bad = rest[:n]
		}
		hour = hour || letter == 'H'
		b.WriteString(elem)
		rest = rest[n:]
	}
	if bad != "" {
		return "", bad, false
	}
	return b.String(), "", b.Len() > 0
}

// excelMeridiemToken is the Go layout element of Excel's AM/PM (or
// am/pm) at the start of s.
func excelMeridiemToken(s string) (string, bool) {
	switch {
	case strings.HasPrefix(s, excelMeridiem):
		return "PM", true
	case strings.HasPrefix(s, excelMeridiemLower):
		return "pm", true
	}
	return "", false
}

// repeatedField is the first token of pattern s that gives a field an
// earlier token gave already (DD/MM/YYYY MM), and the field's name; ""
// when there is none. A field given twice makes time.Parse read two
// numbers for it, and keep the last.
func repeatedField(s string) (again, field string) {
	seen := map[string]bool{}
	hour := false
	for rest := s; rest != ""; {
		n, letter := letterRun(rest), upper(rest[0])
		if _, ok := excelMeridiemToken(rest); ok {
			n = len(excelMeridiem)
		}
		name := ""
		switch {
		case letter == 'M' && hour && n == 2:
			name = "minutes"
		case strings.IndexByte("YMDHSA", letter) >= 0:
			name = fieldNames[strings.IndexByte("YMDHSA", letter)]
		}
		hour = hour || letter == 'H'
		if name != "" && seen[name] {
			return rest[:n], name
		}
		seen[name] = name != ""
		rest = rest[n:]
	}
	return "", ""
}

// fieldNames are the fields of the pattern letters YMDHSA, in that order.
var fieldNames = [...]string{"year", "month", "day", "hour", "seconds", "AM/PM"}

// meridiemError refuses a pattern with the hour of a 12-hour clock (hh, h)
// but no AM/PM (A, a), which would read 2:15 PM as 02:15, or AM/PM with no
// such hour (H:mm A), which would take 14:15 PM. layout is the pattern's:
// its 3 is that hour (03 or 3), which no other token's element holds.
func meridiemError(s, layout string) error {
	twelve := strings.IndexByte(layout, '3') >= 0
	meridiem := strings.Contains(layout, "PM") || strings.Contains(layout, "pm")
	switch {
	case twelve && !meridiem:
		i := strings.IndexByte(s, 'h')
		return fmt.Errorf("%q: %s is the hour of a 12-hour clock, which needs AM/PM: write %s A (a for am/pm), or %s for a 24-hour clock",
			s, s[i:i+letterRun(s[i:])], s, strings.ReplaceAll(s, "h", "H"))
	case meridiem && !twelve:
		token := s[strings.IndexAny(s, "Aa")]
		if !strings.ContainsAny(s, "H") {
			return fmt.Errorf("%q: %c (AM/PM) needs the hour of a 12-hour clock, h or hh, before it: write %s", s, token, strings.Replace(s, string(token), "h:mm "+string(token), 1))
		}
		return fmt.Errorf("%q: %c (AM/PM) goes with the hour of a 12-hour clock, h or hh, not H or HH: write %s", s, token, strings.ReplaceAll(s, "H", "h"))
	}
	return nil
}

// upper is c in upper case, when an ASCII letter.
func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// letterRun is the length of the run of s's first byte at its start, in
// any case (at least 1).
func letterRun(s string) int {
	n := 1
	for n < len(s) && s[n]|0x20 == s[0]|0x20 && s[n] >= 'A' {
		n++
	}
	return n
}

// foreignPattern is the pattern that s, a date pattern written with the
// letters of another language, means: day is T (German Tag), J (French
// jour) or G (Italian giorno), year A (año, ano, année, anno) or J
// (German Jahr, Dutch jaar). JJJJ is a year; JJ is the day unless
// another letter gives it. "" when s is no such pattern, or the pattern
// it means reads no whole date.
func foreignPattern(s string) string {
	hasDay, hour := false, false
	for i := 0; i < len(s); i++ {
		hasDay = hasDay || strings.IndexByte("TGD", upper(s[i])) >= 0
	}
	var b strings.Builder
	for rest := s; rest != ""; {
		c := upper(rest[0])
		if c != 'T' && strings.IndexByte(patternSeparators, c) >= 0 {
			b.WriteByte(c)
			rest = rest[1:]
			continue
		}
		n := letterRun(rest)
		switch {
		case c == 'T' || c == 'G' || c == 'J' && n <= 2 && !hasDay:
			b.WriteString(strings.Repeat("D", n))
		case c == 'A' || c == 'J':
			b.WriteString(strings.Repeat("Y", n))
		case c == 'M' && hour || c == 'S':
			b.WriteString(strings.Repeat(string(c|0x20), n)) // minutes, seconds
		case strings.IndexByte("DYMH", c) >= 0:
			b.WriteString(strings.Repeat(string(c), n))
			hour = hour || c == 'H'
		default:
			return ""
		}
		rest = rest[n:]
	}
	meant := b.String()
	if layout, _, ok := patternLayout(meant); !ok || CheckLayout(layout) != nil {
		return ""
	}
	return meant
}
