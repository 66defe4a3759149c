package cellvalue

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// unixFloor is the earliest Unix time a date cell written as digits may
// hold (2000-01-01): no list holds a consent, opt-out or message of the
// 1970s, while an Excel serial date (45678) or a YYYYMMDD date (20250122)
// read as Unix time is one. Such a cell is refused, not read as 1970.
var unixFloor = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// Excel serial dates count days from 1899-12-30 in the 1900 date system,
// Excel's default (from serial 61 on, past its false 1900-02-29), and
// from 1904-01-01 in the 1904 date system of some workbooks. A serial in a
// CSV does not say which system wrote it: the same 45678 is 2025-01-21 or
// 2029-01-22. listaudit does not read serials in text cells, and names the
// 1900-system date only to say what the cell holds. serialMin and
// serialMax bound the serials taken for dates: 1950 to 2099.
var (
	excelEpoch1900 = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelEpoch1904 = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

const (
	serialMin         = 18264 // 1950-01-01
	serialMax         = 73050 // 2099-12-31
	excelSerialAdvice = "format the column as dates (YYYY-MM-DD) in the spreadsheet before exporting it"
)

// IsDateSerial reports whether v, a number, lies where Excel serial
// dates of the years 1950 to 2099 do: an XLSX reader, which knows the
// workbook's date system, reads such a number in a date column as a date
// even when the cell's format does not show one.
func IsDateSerial(v float64) bool { return v >= serialMin && v < serialMax+1 }

// digitsError says why digits that read as a Unix time before unixFloor
// are no date, naming what they likely are: a YYYYMMDD date (read with
// --date-format YYYYMMDD) or an Excel serial date.
func digitsError(s string, n int64, unix time.Time) *DateError {
	asUnix := fmt.Sprintf("read as Unix time it is %s, before 2000", FormatDate(unix))
	if t, ok := yyyymmdd(s); ok {
		return &DateError{msg: fmt.Sprintf("%q is not a date (%s): it looks like YYYYMMDD, %s; set --date-format YYYYMMDD to read it", s, asUnix, FormatDate(t)), Hint: "YYYYMMDD"}
	}
	if n >= serialMin && n <= serialMax {
		return &DateError{msg: fmt.Sprintf("%q is not a date (%s): it looks like an Excel serial date, %s (%s in a workbook of the 1904 date system); %s",
			s, asUnix, FormatDate(excelEpoch1900.AddDate(0, 0, int(n))), FormatDate(excelEpoch1904.AddDate(0, 0, int(n))), excelSerialAdvice)}
	}
	return &DateError{msg: fmt.Sprintf("%q is not a date (%s: no date a contact list holds)", s, asUnix)}
}

// yyyymmdd reads eight digits as a date of the years 1900 to 2099.
func yyyymmdd(s string) (time.Time, bool) {
	if len(s) != 8 || (s[:2] != "19" && s[:2] != "20") {
		return time.Time{}, false
	}
	return parseISODate(s[:4] + "-" + s[4:6] + "-" + s[6:])
}

// excelSerialTime reads an Excel serial date and time ("45678.5", or
// "45678,5" as European spreadsheets write decimals) as the 1900 date
// system dates it.
func excelSerialTime(s string) (time.Time, bool) {
	whole, frac, ok := strings.Cut(strings.Replace(s, ",", ".", 1), ".")
	if !ok || !isDigits(whole) || !isDigits(frac) || len(whole) != 5 {
		return time.Time{}, false
	}
	v, err := strconv.ParseFloat(whole+"."+frac, 64)
	if err != nil || v < serialMin || v >= serialMax+1 {
		return time.Time{}, false
	}
	return excelEpoch1900.Add(time.Duration(v*86400) * time.Second), true
}

// Hint is the --date-format pattern that reads s, a cell the reader could
// not read, when s has the look of a date written day and month first or
// month and day first (15/03/2025, 3.15.25, 1/2/2025 09:30, 3/4/2024 2:15
// PM) or YYYYMMDD: "DD/MM/YYYY", or "DD/MM/YYYY or MM/DD/YYYY" when either
// could be meant (01/02/2025), the month first for a 12-hour clock ("M/D/YYYY
// h:mm A or D/M/YYYY h:mm A"). "" when s has no such look, no such pattern
// reads it (31/02/2025), or the reader's layout is that pattern already.
func (d DateReader) Hint(s string) string {
	s = spaceNoBreak(strings.TrimSpace(s))
	hint := ""
	if _, ok := yyyymmdd(s); ok {
		hint = "YYYYMMDD"
	} else {
		hint = dayMonthHint(s)
	}
	// Only the patterns that read s, and not the reader's own, are hints.
	first, second, either := strings.Cut(hint, " or ")
	readsFirst, readsSecond := d.reads(first, s), either && d.reads(second, s)
	switch {
	case readsFirst && readsSecond:
		return hint
	case readsFirst:
		return first
	case readsSecond:
		return second
	}
	return ""
}

// HintFlags is a Hint as --date-format values a shell takes (FlagValue):
// the pattern to set and, when the day and the month could be either, the
// other order's pattern and when to take it: "if the month comes first",
// or "if the day comes first" after a 12-hour clock's hint, which gives the
// month first.
func HintFlags(hint string) (pattern, other, when string) {
	first, second, either := strings.Cut(hint, " or ")
	if !either {
		return FlagValue(first), "", ""
	}
	field := "month"
	if strings.HasPrefix(second, "D") {
		field = "day"
	}
	return FlagValue(first), FlagValue(second), "if the " + field + " comes first"
}

// PatternReads reports whether pattern p reads every date pattern q reads:
// q is p, or p has D, M or h where q has DD, MM or hh, for D, M and h read
// one digit or two (M/D/YYYY reads 12/31/2024, whose hint is MM/DD/YYYY),
// or q is such a pattern of p's date alone (Parse reads M/D/YYYY's dates
// with M/D/YYYY h:mm A).
func PatternReads(p, q string) bool {
	if date := PatternDate(p); date != "" && PatternReads(date, q) {
		return true
	}
	return p == q || p == LoosePattern(p) && p == LoosePattern(q)
}

// LoosePattern is pattern p with the tokens that read one digit or two (D,
// M, h) where it has those of two digits (DD, MM, hh): it reads the dates
// p reads, and more.
func LoosePattern(p string) string { return oneOrTwoDigits.Replace(p) }

// oneOrTwoDigits writes a pattern's two-digit tokens as the tokens that
// read one digit or two.
var oneOrTwoDigits = strings.NewReplacer("DD", "D", "MM", "M", "hh", "h")

// PatternDate is the date of pattern p, a date and a time after it
// (M/D/YYYY h:mm A): M/D/YYYY. "" when p has no time.
func PatternDate(p string) string {
	i := strings.IndexAny(p, "Hh")
	if i <= 0 {
		return ""
	}
	return strings.TrimRight(p[:i], patternSeparators)
}

// SwapDayMonth is pattern p with its day and month swapped: the pattern
// of the other order (M/D/YYYY for D/M/YYYY).
func SwapDayMonth(p string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case 'D':
			return 'M'
		case 'M':
			return 'D'
		}
		return r
	}, p)
}

// reads reports whether pattern reads s and is not the reader's layout.
func (d DateReader) reads(pattern, s string) bool {
	layout, _, ok := patternLayout(pattern)
	if !ok || layout == d.Layout {
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// dayMonthHint is Hint for N/N/NNNN dates (datePatterns), perhaps with a
// time after a space (clockPattern) and a comma before it (Salesforce's
// "4/10/2025, 3:31 PM"). The United States write a 12-hour clock, and the
// month first: with one, the month-first pattern comes first, and a date
// written year first (2024-03-04 2:15 PM), which no built-in layout reads
// with its PM, has a hint too.
func dayMonthHint(s string) string {
	date, clock, _ := strings.Cut(s, " ")
	timePart, twelve := clockPattern(clock)
	if clock != "" && timePart == "" {
		return ""
	}
	if d, ok := strings.CutSuffix(date, ","); ok && clock != "" {
		date, timePart = d, ","+timePart
	}
	pattern, other := datePatterns(date, twelve)
	switch {
	case pattern == "":
		return ""
	case other == "":
		return pattern + timePart
	case twelve:
		return other + timePart + " or " + pattern + timePart
	}
	return pattern + timePart + " or " + other + timePart
}

// datePatterns is the pattern of date written with the same separator
// ('/', '.' or '-') twice, a day and a month of one or two digits and a
// year of two or four: day first (15/03/2025) or month first (03/15/2025)
// when the numbers say which, else the day-first one, and the month-first
// one as other. With yearFirst, a date written year, month and day
// (2024-03-04) has its pattern too. "" when date is none of these.
func datePatterns(date string, yearFirst bool) (pattern, other string) {
	a, rest, sep := digitRun(date)
	b, c, sep2 := digitRun(rest)
	if sep == 0 || strings.IndexByte("/.-", sep) < 0 || sep2 != sep || len(b) == 0 || len(b) > 2 || !isDigits(c) {
		return "", ""
	}
	s := string(sep)
	if yearFirst && len(a) == 4 && len(c) <= 2 {
		return yearMonthDay(b, c, s), ""
	}
	if len(a) == 0 || len(a) > 2 || (len(c) != 2 && len(c) != 4) {
		return "", ""
	}
	day, month := "DD", "MM"
	if len(a) == 1 || len(b) == 1 {
		day, month = "D", "M"
	}
	y := "YYYY"[:len(c)]
	dayFirst := day + s + month + s + y
	monthFirst := month + s + day + s + y
	first, second := atoi2(a), atoi2(b)
	switch {
	case first < 1 || second < 1 || first > 31 || second > 31 || first > 12 && second > 12:
		return "", ""
	case first > 12:
		return dayFirst, ""
	case second > 12:
		return monthFirst, ""
	}
	return dayFirst, monthFirst
}

// yearMonthDay is the pattern of a date written year first, its month
// and day being m and d, separated by sep: YYYY-MM-DD, or YYYY-M-D when
// either has one digit.
func yearMonthDay(m, d, sep string) string {
	if len(m) == 1 || len(d) == 1 {
		return "YYYY" + sep + "M" + sep + "D"
	}
	return "YYYY" + sep + "MM" + sep + "DD"
}

// digitRun splits s after its leading digits: the digits, what follows
// the byte after them, and that byte (0 at the end of s).
func digitRun(s string) (digits, rest string, sep byte) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == len(s) {
		return s, "", 0
	}
	return s[:i], s[i+1:], s[i]
}

func atoi2(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// clockPattern is the pattern of a time of day written H:MM or H:MM:SS:
// of a 24-hour clock (" HH:mm", " HH:mm:ss"), or of a 12-hour one, with
// AM/PM or am/pm after it, after a space or not (" h:mm A", " h:mm:ssa"),
// and then twelve. Its hour is h, which reads 2 and 02 alike: the hints of
// a column written 02:15 PM and 11:15 PM do not differ. "" when c is none.
func clockPattern(c string) (pattern string, twelve bool) {
	c, meridiem := cutMeridiem(c)
	hour := " HH"
	if meridiem != "" {
		hour = " h"
	}
	h, rest, sep := digitRun(c)
	if sep != ':' || len(h) == 0 || len(h) > 2 || meridiem != "" && (atoi2(h) < 1 || atoi2(h) > 12) {
		return "", false // a 12-hour clock's hours are 1 to 12
	}
	m, sec, sep := digitRun(rest)
	switch {
	case len(m) != 2:
		return "", false
	case sep == 0:
		return hour + ":mm" + meridiem, meridiem != ""
	case sep == ':' && len(sec) == 2 && isDigits(sec):
		return hour + ":mm:ss" + meridiem, meridiem != ""
	}
	return "", false
}

// cutMeridiem cuts AM or PM (am, pm) and the space before it off the end
// of c: what is left, and the pattern of what it cut (" A", "a"; "" for
// none).
func cutMeridiem(c string) (clock, pattern string) {
	if len(c) < 2 {
		return c, ""
	}
	switch c[len(c)-2:] {
	case "AM", "PM":
		pattern = "A"
	case "am", "pm":
		pattern = "a"
	default:
		return c, ""
	}
	clock = c[:len(c)-2]
	if rest, ok := strings.CutSuffix(clock, " "); ok {
		return rest, " " + pattern
	}
	return clock, pattern
}

// PatternOf writes a Go layout as the pattern --date-format takes
// (02/01/2006 as DD/MM/YYYY), for messages: a user who typed a pattern
// sees it back. A layout with elements no pattern has (Jan, Mon) is
// returned as is.
func PatternOf(layout string) string {
	var b strings.Builder
	for rest := layout; rest != ""; {
		if strings.IndexByte(patternSeparators, rest[0]) >= 0 {
			b.WriteByte(rest[0])
			rest = rest[1:]
			continue
		}
		token, n := layoutToken(rest)
		if n == 0 {
			return layout
		}
		b.WriteString(token)
		rest = rest[n:]
	}
	return b.String()
}

// layoutTokens are the Go layout elements patterns have, longest first,
// and their tokens.
var layoutTokens = []struct{ layout, token string }{
	{"2006", "YYYY"}, {"06", "YY"}, {"01", "MM"}, {"02", "DD"}, {"15", "HH"}, {"03", "hh"}, {"04", "mm"}, {"05", "ss"},
	{"PM", "A"}, {"pm", "a"}, {"1", "M"}, {"2", "D"}, {"3", "h"},
}

func layoutToken(s string) (token string, n int) {
	for _, t := range layoutTokens {
		if strings.HasPrefix(s, t.layout) {
			return t.token, len(t.layout)
		}
	}
	return "", 0
}

// monthNameLayout is the Go layout that reads s, a date written with an
// English month name or its abbreviation (12-Jan-2025, 12 January 2025,
// Jan 12, 2025): a day of one or two digits, a year of four. "" when s is
// no such date.
func monthNameLayout(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < utf8.RuneSelf && isLetterByte(byte(r)) }) {
		return "" // no word: most cells Parse cannot read are numeric
	}
	var b strings.Builder
	for rest := s; rest != ""; {
		c := rest[0]
		n := 1
		for n < len(rest) && isDigitByte(rest[n]) == isDigitByte(c) && isLetterByte(rest[n]) == isLetterByte(c) && (isDigitByte(c) || isLetterByte(c)) {
			n++
		}
		run := rest[:n]
		switch {
		case isDigitByte(c) && n == 4:
			b.WriteString("2006")
		case isDigitByte(c) && n <= 2:
			b.WriteString("2")
		case isLetterByte(c):
			name := monthName(run)
			if name == "" {
				return ""
			}
			b.WriteString(name)
		case strings.IndexByte(" ,-./", c) >= 0:
			b.WriteByte(c)
		default:
			return ""
		}
		rest = rest[n:]
	}
	layout := b.String()
	if !strings.Contains(layout, "Jan") {
		return ""
	}
	if _, err := time.Parse(layout, s); err != nil {
		return ""
	}
	return layout
}

// monthName is the Go layout element of an English month's name or its
// three-letter abbreviation, in any case; "" for any other word.
func monthName(w string) string {
	for m := time.January; m <= time.December; m++ {
		name := m.String()
		switch {
		case strings.EqualFold(w, name):
			return "January"
		case strings.EqualFold(w, name[:3]):
			return "Jan"
		}
	}
	return ""
}

func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool { return upper(c) >= 'A' && upper(c) <= 'Z' }

// hasLetter reports whether s holds a letter, in any script.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
