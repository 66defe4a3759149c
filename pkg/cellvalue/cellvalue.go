package cellvalue

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// builtinLayouts are tried after the user's layout. A layout without a zone
// parses as UTC, whatever the machine's zone. Each starts with 2006- (Parse
// relies on it).
var builtinLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	// Spreadsheets often show times to the minute; ISO 8601 allows it.
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	// A zone without its colon, as Infobip writes receivedAt and sentAt
	// (2026-01-05T10:00:00.000+0000); last, as few cells hold it. A
	// fraction of a second after the seconds is read too.
	"2006-01-02T15:04:05-0700",
	"2006-01-02 15:04:05-0700",
}

// DateReader parses date cells with an optional user layout first.
type DateReader struct {
	Layout string // Go layout from --date-format; "" for none
}

// Parse reads a date cell. Empty cells are not dates: callers check for ""
// first. Unix seconds and milliseconds are recognised by size: a value of
// 10^11 or more is milliseconds (10^11 seconds is the year 5138). Digits
// that read as a Unix time before 2000 are refused (unixFloor): they are
// an Excel serial date or a YYYYMMDD date, and the error says which.
func (d DateReader) Parse(cell string) (time.Time, error) {
	if d.Layout == "" && len(cell) == len("2006-01-02") {
		// Most dates of a list: no space to trim.
		if t, ok := parseISODate(cell); ok {
			return t, nil
		}
	}
	s := strings.TrimSpace(cell)
	if d.Layout != "" {
		if t, ok := parseLayout(d.Layout, s); ok {
			return t, nil
		}
	}
	if t, ok := parseISODate(s); ok {
		return t, nil
	}
	if isDigits(s) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err == nil && len(s) <= 16 {
			t := time.Unix(n, 0)
			if n >= 1e11 {
				t = time.UnixMilli(n)
			}
			if t.Unix() < unixFloor {
				return time.Time{}, digitsError(s, n, t)
			}
			return t.UTC(), nil
		}
	}
	// Every built-in layout starts with a year and '-': a cell that does
	// not (15/03/2025, n/a) is spared their failed parses, each an
	// allocated error.
	if len(s) > 5 && isDigits(s[:4]) && s[4] == '-' {
		for _, layout := range builtinLayouts {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), nil
			}
		}
	}
	// Last, as lists seldom hold it: tried only on cells nothing else read.
	if t, ok := parseRFC2822(s); ok {
		return t, nil
	}
	if t, ok := d.parseNear(s); ok {
		return t, nil
	}
	return time.Time{}, d.notDateError(s)
}

// parseLayout reads s with layout, as time.Parse does, but for an hour of
// 0 with AM/PM (0:15 PM), which time.Parse takes for 12 and which is no
// time of a 12-hour clock (its hours are 1 to 12). Only the cells of
// hour 0 or 12 are looked at again.
func parseLayout(layout, s string) (time.Time, bool) {
	t, err := time.Parse(layout, s)
	if err != nil || t.Hour()%12 == 0 && zeroHour(s) && hasMeridiem(layout) {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// zeroHour reports whether the digits before s's first colon, the hour of
// a time, are all zeros.
func zeroHour(s string) bool {
	i := strings.IndexByte(s, ':')
	j := i
	for j > 0 && s[j-1] == '0' {
		j--
	}
	return i > 0 && j < i && (j == 0 || !isDigitByte(s[j-1]))
}

// hasMeridiem reports whether a Go layout reads AM/PM.
func hasMeridiem(layout string) bool {
	return strings.Contains(layout, "PM") || strings.Contains(layout, "pm")
}

// parseNear reads s, a cell neither the reader's layout nor a built-in
// one reads, with the reader's layout as people mean it: with a no-break
// space (U+00A0), or the narrow one (U+202F) that CLDR 42's en-US
// formats put before AM/PM, read as a space, and, for a layout with a time
// (M/D/YYYY h:mm A), as the date alone (11/28/2025): one --date-format
// reads the date-only and the date-and-time columns of an export. It is
// tried last, so it changes no cell another layout reads.
func (d DateReader) parseNear(s string) (time.Time, bool) {
	if d.Layout == "" {
		return time.Time{}, false
	}
	spaced := spaceNoBreak(s)
	if spaced != s {
		if t, ok := parseLayout(d.Layout, spaced); ok {
			return t, true
		}
	}
	if date := dateLayoutOf(d.Layout); date != "" {
		if t, err := time.Parse(date, spaced); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// noBreakSpaces are the spaces that do not break a line, read as spaces
// in dates: U+00A0 and U+202F.
var noBreakSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

// spaceNoBreak is s with its no-break spaces written as spaces; s itself,
// unallocated, when it is ASCII.
func spaceNoBreak(s string) string {
	if isASCII(s) {
		return s
	}
	return noBreakSpaces.Replace(s)
}

// dateLayoutOf is the date of layout, a Go layout with a time after its
// date (1/2/2006 3:04 PM): 1/2/2006. "" when layout has no time, has
// anything before its date, or its date is no whole date.
func dateLayoutOf(layout string) string {
	date, _, ok := patternLayout(PatternDate(PatternOf(layout)))
	if !ok || CheckLayout(date) != nil {
		return ""
	}
	return date
}

// RFC 2822 dates (RFC 1123's with a numeric zone), as Twilio's REST API
// writes date_sent: "Mon, 16 Aug 2010 03:45:01 +0000". The weekday is
// optional and the day may have one digit, as RFC 2822 allows.
const (
	rfc2822Layout        = "Mon, _2 Jan 2006 15:04:05 -0700"
	rfc2822NoDayLayout   = "_2 Jan 2006 15:04:05 -0700"
	rfc2822MinLen        = len("2 Jan 2006 15:04:05 UT")
	rfc2822MaxLen        = len("Mon, 02 Jan 2006 15:04:05 +0000")
	rfc2822UniversalZone = " +0000"
)

// parseRFC2822 reads an RFC 2822 date with a numeric zone or GMT, UT or
// UTC. Other zone names are refused: Go would read them by the machine's
// zone database, and EST can mean two offsets.
func parseRFC2822(s string) (time.Time, bool) {
	if len(s) < rfc2822MinLen || len(s) > rfc2822MaxLen {
		return time.Time{}, false
	}
	layout := rfc2822NoDayLayout
	switch {
	case s[3] == ',':
		layout = rfc2822Layout
	case !isDigitByte(s[0]):
		return time.Time{}, false
	}
	for _, zone := range [...]string{" GMT", " UTC", " UT"} {
		if strings.HasSuffix(s, zone) {
			s = s[:len(s)-len(zone)] + rfc2822UniversalZone
			break
		}
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// DateError is the error of a cell that Parse cannot read. Hint is the
// --date-format pattern that would read it, as Hint gives it ("" when
// none), which its message names already: a caller that counts hints
// need not look for it again.
type DateError struct {
	msg  string
	Hint string
}

func (e *DateError) Error() string { return e.msg }

// notDateError says that s is not a date, what is read, and the
// --date-format that would read s when it has the look of one.
func (d DateReader) notDateError(s string) *DateError {
	want := "RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] or Unix time"
	if d.Layout != "" {
		want = fmt.Sprintf("%s, %s", PatternOf(d.Layout), want)
	}
	if serial, ok := excelSerialTime(s); ok {
		return &DateError{msg: fmt.Sprintf("%q is not a date (want %s): it looks like an Excel serial date and time, %s; %s",
			s, want, FormatDate(serial), excelSerialAdvice)}
	}
	advice, hint := "set --date-format for other layouts", d.Hint(s)
	if layout := monthNameLayout(s); layout != "" && layout != d.Layout {
		advice = fmt.Sprintf("set --date-format %q (a Go layout) to read it", layout)
	} else if strings.ContainsAny(s, "0123456789") {
		advice += wordAdvice(s)
	}
	if hint != "" {
		pattern, other, when := HintFlags(hint)
		advice = "set --date-format " + pattern + " to read it"
		if other != "" {
			advice += ", or " + other + " " + when
		}
		if d.otherOrder(hint) {
			// Proposing the other order would drop the one given, which
			// reads the list's other rows: the flag keeps its last value.
			first, _, _ := strings.Cut(hint, " or ")
			cellOrder, givenOrder := "the day", "the month"
			if strings.HasPrefix(first, "M") {
				cellOrder, givenOrder = givenOrder, cellOrder
			}
			advice = fmt.Sprintf("it is written %s first (%s), but --date-format %s puts %s first: correct it at the source",
				cellOrder, first, FlagValue(PatternOf(d.Layout)), givenOrder)
		}
	}
	return &DateError{msg: fmt.Sprintf("%q is not a date (want %s; %s)", s, want, advice), Hint: hint}
}

// otherOrder reports whether hint, the pattern (or two) that would read a
// cell d does not, is only d's own layout with the day and the month
// swapped.
func (d DateReader) otherOrder(hint string) bool {
	if d.Layout == "" {
		return false
	}
	given := LoosePattern(PatternOf(d.Layout))
	first, _, _ := strings.Cut(hint, " or ")
	swapped := LoosePattern(SwapDayMonth(first))
	return swapped == given || PatternDate(given) == swapped
}

// zoneNames are the time zone abbreviations dates are written with
// (2:15 PM EST), which no layout listaudit takes reads: Go would read them
// by the machine's zone database.
var zoneNames = []string{"EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST",
	"GMT", "UTC", "UT", "BST", "CET", "CEST", "EET", "EEST", "IST", "JST", "AEST", "AEDT"}

// wordAdvice is what notDateError adds for the words of s, a date cell
// with digits no layout reads: that AM/PM is read as AM, PM, am or pm
// only (not p.m. or Pm), that a zone name (EST) is not read, or that
// month names are read in English only. "" when s has no word but AM,
// PM, am or pm.
func wordAdvice(s string) string {
	monthName := false
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' }) {
		bare := strings.ReplaceAll(w, ".", "")
		switch {
		case bare == "" || w == bare && (bare == "AM" || bare == "PM" || bare == "am" || bare == "pm"):
		case strings.EqualFold(bare, "am") || strings.EqualFold(bare, "pm"):
			return fmt.Sprintf("; AM/PM is read only as AM or PM (A) or am or pm (a), not %q", w)
		case slices.Contains(zoneNames, bare):
			return fmt.Sprintf("; zone names (%s) are not read: write the time in UTC or with its offset (-05:00)", bare)
		default:
			monthName = true
		}
	}
	if monthName {
		return "; month names are read in English only, with a Go layout such as 02 Jan 2006"
	}
	return ""
}

// FlagValue is pattern as a shell takes it for one argument: quoted when it
// holds a space (DD/MM/YYYY HH:mm).
func FlagValue(pattern string) string {
	if strings.Contains(pattern, " ") {
		return strconv.Quote(pattern)
	}
	return pattern
}

// CheckLayout refuses a Go time layout that does not read a whole date:
// time.Parse fills a missing year, month or day with zero, so a layout of
// plain text ("bogus") would read every cell equal to it as the year 0.
func CheckLayout(layout string) error {
	ref := time.Date(2025, time.December, 31, 0, 0, 0, 0, time.UTC)
	t, err := time.Parse(layout, ref.Format(layout))
	if err != nil || t.Year() != ref.Year() || t.Month() != ref.Month() || t.Day() != ref.Day() {
		return fmt.Errorf("%q is not a Go time layout of a whole date: write how your dates show 2006-01-02, e.g. 02/01/2006", layout)
	}
	return nil
}

// parseISODate reads YYYY-MM-DD, the commonest date in exports, without
// trying layouts one by one: it is most of the dates a list holds. It
// accepts exactly what time.Parse("2006-01-02") accepts.
func parseISODate(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !isDigit(s[0]) || !isDigit(s[1]) || !isDigit(s[2]) || !isDigit(s[3]) ||
		!isDigit(s[5]) || !isDigit(s[6]) || !isDigit(s[8]) || !isDigit(s[9]) {
		return time.Time{}, false
	}
	y := uint(s[0]-'0')*1000 + uint(s[1]-'0')*100 + uint(s[2]-'0')*10 + uint(s[3]-'0')
	m := uint(s[5]-'0')*10 + uint(s[6]-'0')
	d := uint(s[8]-'0')*10 + uint(s[9]-'0')
	if m < 1 || m > 12 || d < 1 || d > uint(daysIn(time.Month(m), int(y))) {
		return time.Time{}, false
	}
	// time.Date normalises and looks zones up; a valid day in UTC is just
	// a count of days (the same Time: TestISODateMatchesTimeParse).
	return time.Unix(daysFromCivil(y, m, d)*secondsPerDay, 0).UTC(), true
}

func daysIn(m time.Month, year int) int {
	if m == time.February && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		return 29
	}
	return monthDays[m]
}

var monthDays = [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// daysFromCivil counts days from 1970-01-01 to a date of the proleptic
// Gregorian calendar (Howard Hinnant's days_from_civil) of a four-digit
// year (0 to 9999). It counts from a whole era (400 years) earlier, so
// that every quantity is positive: an unsigned division by a constant is a
// multiplication, and a date cell of every row is read with it.
func daysFromCivil(y, m, d uint) int64 {
	y += 400
	mp := m - 3 // months from March
	if m <= 2 {
		y--
		mp = m + 9
	}
	era := y / 400
	yoe := y - era*400
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097+doe) - 719468 - 146097
}

func isDigit(c byte) bool { return c-'0' <= 9 }

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Blank reports whether a cell holds nothing but white space and invisible
// format characters (a non-breaking space, a zero-width space, a direction
// mark): a cell a person sees as empty is empty to every rule, or " " in a
// consent column would pass as consent.
func Blank(cell string) bool {
	for _, r := range cell {
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}

// Placeholders are what people and programs write in a cell to say it
// has no value, as Placeholder reads them (any case, with spaces around):
// dashes, "n/a", Excel's "#N/A" error, the null words of programs, a
// question mark, and a lone "0", which a number field holds when nothing
// was entered and which no numbering plan gives anyone. Words that say
// something (unknown, withheld) are not among them.
var Placeholders = []string{"-", "--", "–", "—", ".", "?", "0", "n/a", "#N/A", "nil", "none", "null"}

// Placeholder reports whether cell holds one of Placeholders. It is a
// switch on the length and the first byte, cheap enough for every cell.
func Placeholder(cell string) bool {
	s := strings.TrimSpace(cell)
	switch len(s) {
	case 1:
		return s == "-" || s == "." || s == "?" || s == "0"
	case 2:
		return s == "--"
	case 3:
		// "–" and "—" (U+2013, U+2014) are three bytes in UTF-8.
		return s == "–" || s == "—" || strings.EqualFold(s, "n/a") || strings.EqualFold(s, "nil")
	case 4:
		return (s[0] == '#' || s[0]|0x20 == 'n') &&
			(strings.EqualFold(s, "#n/a") || strings.EqualFold(s, "none") || strings.EqualFold(s, "null"))
	}
	return false
}

// ParseBool reads true/yes/y/1/t/x and false/no/n/0/f/empty, any case,
// and yes and no in the languages whose lists and spreadsheets listaudit
// meets most after English: French (oui/non, and VRAI/FAUX, which a
// French Excel writes for TRUE and FALSE in a CSV), German (ja/nein,
// WAHR/FALSCH), Spanish (sí/si/no, VERDADERO/FALSO) and Portuguese
// (sim/não/nao, VERDADEIRO/FALSO). A French "Désinscrit: oui" is an
// opt-out; read as "not a yes/no value" it would be messaged.
func ParseBool(cell string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "true", "yes", "y", "1", "t", "x",
		"oui", "vrai", "ja", "wahr", "sí", "si", "verdadero", "sim", "verdadeiro":
		return true, nil
	case "false", "no", "n", "0", "f", "",
		"non", "faux", "nein", "falsch", "falso", "não", "nao":
		return false, nil
	}
	return false, fmt.Errorf("%q is not a yes/no value (want true/yes/y/1/t/x or false/no/n/0/f/empty)", strings.TrimSpace(cell))
}

// ParseOptOut reads an opt-out cell: a yes/no value as ParseBool reads it,
// or one of the status words CRM and messaging exports write in such a
// column (optOutStatusWords). A compliance check must not read
// "unsubscribed", "withdrawn" or "STOP" as "not opted out". Case, spaces,
// hyphens and underscores do not matter ("Opted-Out", "OPTED_OUT"). A cell
// it cannot read is an error: the caller holds it to be an opt-out.
func ParseOptOut(cell string) (bool, error) {
	if b, err := ParseBool(cell); err == nil {
		return b, nil
	}
	if out, ok := optOutStatusWords[statusWord(cell)]; ok {
		return out, nil
	}
	return false, fmt.Errorf("%q is not a yes/no value or opt-out status (want true/yes/y/1/t/x/unsubscribed/opted out/stop/blocked/dnc or false/no/n/0/f/subscribed/opted in/empty)", strings.TrimSpace(cell))
}

// optOutStatusWords are the status words of an opt-out cell, as statusWord
// writes them, and whether each is an opt-out: the one place the
// vocabulary is kept. An opt-out is a word that says the person said no,
// whichever law's word it is: withdrawn (GDPR Art. 7(3)), revoked (the
// TCPA's), unsubscribed, stop, do not contact; and the unambiguous French,
// Spanish, Portuguese and German words for them (BAJA and SAIR are the
// Spanish and Brazilian STOP keywords). Not an opt-out: subscribed, opted
// in, and never subscribed (Klaviyo's status for a profile that never
// consented, which is no opt-out) or not subscribed (Shopify's). Words that
// could mean either (cancelled, inactive, pending: Shopify's double opt-in
// not yet confirmed) are left out: ParseOptOut cannot read them, and the
// caller then holds the cell to be an opt-out.
var optOutStatusWords = map[string]bool{
	// English
	"unsubscribed": true, "unsubscribe": true, "optedout": true, "optout": true, "stop": true, "stopped": true,
	"blocked": true, "donotcontact": true, "donotcall": true, "dnc": true, "withdrawn": true, "revoked": true,
	"consentwithdrawn": true, "consentrevoked": true, "noconsent": true,
	// French
	"désinscrit": true, "désinscrite": true, "desinscrit": true, "desinscrite": true, "désabonné": true,
	"désabonnée": true, "desabonne": true, "desabonnee": true, "nepascontacter": true, "révoqué": true,
	"consentementretiré": true, "consentementrévoqué": true, "sansconsentement": true,
	// Spanish
	"baja": true, "dadodebaja": true, "dadadebaja": true, "desuscrito": true, "desuscrita": true,
	"revocado": true, "revocada": true, "nocontactar": true, "sinconsentimiento": true,
	"consentimientoretirado": true, "consentimientorevocado": true,
	// Portuguese
	"sair": true, "descadastrado": true, "descadastrada": true, "revogado": true, "revogada": true,
	"nãocontactar": true, "naocontactar": true, "nãocontatar": true, "naocontatar": true,
	"semconsentimento": true, "consentimentoretirado": true, "consentimentorevogado": true,
	// German
	"abgemeldet": true, "abbestellt": true, "widerrufen": true, "nichtkontaktieren": true,
	"keineeinwilligung": true, "einwilligungwiderrufen": true,

	// Export tools' words: Brevo's block list, a switch's on, and
	// Shopify's REDACTED (the customer asked for erasure: no more messages).
	"blocklisted": true, "blacklisted": true, "on": true, "redacted": true,
	// pandas writes a yes/no column with an empty cell as floats.
	"1.0": true, "0.0": false,

	"subscribed": false, "optedin": false, "optin": false, "neversubscribed": false, "notsubscribed": false,
	"off": false,
	// The null words programs write for an empty cell (pandas' nan, SQL's
	// NULL, Python's None) say no more than an empty cell does.
	"null": false, "none": false, "nan": false,
}

// OptOutStatus reads cell as ParseOptOut does, reporting only whether it
// could. It does not allocate for the values lists mostly hold, in any
// case ("yes", "No", "TRUE", "STOP", ""): input readers call it on every
// row of a file with two opt-out columns.
func OptOutStatus(cell string) (out, ok bool) {
	s := strings.TrimSpace(cell)
	if isASCII(s) {
		for _, w := range optOutWords {
			if strings.EqualFold(s, w.word) {
				return w.out, true
			}
		}
	}
	out, err := ParseOptOut(cell)
	return out, err == nil
}

// optOutWords are the opt-out values OptOutStatus compares without
// allocating; ParseOptOut is the authority for the rest.
var optOutWords = [...]struct {
	word string
	out  bool
}{
	{"", false}, {"true", true}, {"yes", true}, {"y", true}, {"1", true}, {"t", true}, {"x", true},
	{"false", false}, {"no", false}, {"n", false}, {"0", false}, {"f", false},
	{"unsubscribed", true}, {"stop", true}, {"stopped", true}, {"blocked", true}, {"dnc", true},
	{"subscribed", false},
	{"oui", true}, {"non", false}, {"ja", true}, {"nein", false}, {"si", true}, {"sim", true}, {"nao", false},
	{"vrai", true}, {"faux", false}, {"wahr", true}, {"falsch", false}, {"falso", false},
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// statusWord lower-cases a status and drops the spaces, hyphens and
// underscores exports put between its words, whichever: a non-breaking
// space or hyphen (U+00A0, U+2011) or an invisible mark (U+200B) joins
// words as often as ' ' and '-' do.
func statusWord(cell string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || unicode.IsSpace(r) || unicode.Is(unicode.Pd, r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, strings.TrimSpace(cell))
}

// ParseCount reads a non-negative whole number.
func ParseCount(cell string) (int, error) {
	s := strings.TrimSpace(cell)
	n, err := strconv.Atoi(s)
	if errors.Is(err, strconv.ErrRange) && s[0] != '-' {
		// More than an int holds is still a count, and more than any cap.
		return math.MaxInt, nil
	}
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a count (want a whole number, 0 or more)", s)
	}
	return n, nil
}

// FormatDate writes a time the way messages show it: a date when it is
// midnight UTC, otherwise RFC 3339.
func FormatDate(t time.Time) string { return string(AppendDate(nil, t)) }

// AppendDate appends FormatDate(t) to b.
func AppendDate(b []byte, t time.Time) []byte {
	// Midnight UTC is a whole number of days since the epoch (UTC has no
	// leap seconds in Go).
	secs := t.Unix()
	if secs%secondsPerDay != 0 || t.Nanosecond() != 0 {
		return t.UTC().AppendFormat(b, time.RFC3339)
	}
	// Messages of millions of findings carry dates: written by hand, as
	// AppendFormat("2006-01-02") writes them, at a fraction of its cost
	// (t.Date alone costs more than all of this).
	days := secs / secondsPerDay
	if days < firstDay || days > lastDay { // a year of more or fewer than four digits
		return t.UTC().AppendFormat(b, "2006-01-02")
	}
	y, m, d := civilFromDays(uint(days - firstDay))
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d/10), byte('0'+d%10))
}

const secondsPerDay = 24 * 60 * 60

// firstDay and lastDay are 0000-01-01 and 9999-12-31, in days from
// 1970-01-01.
const (
	firstDay = -719528
	lastDay  = 2932896
)

// civilFromDays is the date of a day counted from 0000-01-01 (up to
// 9999-12-31): the inverse of daysFromCivil (Howard Hinnant's
// civil_from_days), counting from a whole era (400 years) earlier so that
// every quantity is positive.
func civilFromDays(days uint) (y, m, d uint) {
	z := days + 146097 - 60 // from March 1 of year -400
	era := z / 146097
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365], from March 1
	mp := (5*doy + 2) / 153                                // [0, 11], from March
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400 - 400
	if m <= 2 {
		y++
	}
	return y, m, d
}
