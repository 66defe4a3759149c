package phone

import (
	"errors"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// Problem says why a number is not valid.
type Problem int

const (
	OK Problem = iota
	NoRegion
	NotANumber
	TooShort
	TooLong
	BadCountryCode
	InvalidLength
	NotAssigned
	// Several is a cell that holds more than one number (SeveralNumbers),
	// which listaudit does not read as its first.
	Several
)

var problemText = map[Problem]string{
	NoRegion:       "no region: the number has no + country code, and neither --region nor the row's country says which country it belongs to",
	NotANumber:     "not a number",
	TooShort:       "too short",
	TooLong:        "too long",
	BadCountryCode: "bad country code",
	InvalidLength:  "wrong length for its country",
	NotAssigned:    "not a valid number for its country (no such number range)",
	Several:        "more than one number in the cell (after a ;): give each its own row",
}

func (p Problem) String() string { return problemText[p] }

// Type is the kind of line a valid number belongs to.
type Type = phonenumbers.PhoneNumberType

// Number is what normalisation learned about one phone cell.
type Number struct {
	Valid   bool
	Problem Problem
	// Key is the E.164 digits as an integer, a compact key for the number
	// (calling codes never start with 0, so it is one-to-one); set only
	// when Valid, 0 in the unlikely case that they exceed a uint64.
	Key         uint64
	Type        Type
	CallingCode int
	// Region is the ISO 3166 alpha-2 region of the number ("001" for
	// non-geographic numbers); set only when Valid.
	Region string
	// longE164 is the E.164 text of a number whose digits do not fit Key.
	longE164 string
}

// E164 is the number written in E.164, "+" and digits; "" unless Valid.
// It is built from Key when asked for rather than on parsing, so parsing
// allocates nothing and a number that is only compared or counted never
// becomes a string.
func (n Number) E164() string {
	if !n.Valid || n.Key == 0 {
		return n.longE164
	}
	var b [21]byte
	return string(n.AppendE164(b[:0]))
}

// AppendE164 appends the E.164 form of a valid number to b.
func (n Number) AppendE164(b []byte) []byte {
	if !n.Valid || n.Key == 0 {
		return append(b, n.longE164...)
	}
	return strconv.AppendUint(append(b, '+'), n.Key, 10)
}

// WrittenAs reports whether s is exactly n's E.164 text.
func (n Number) WrittenAs(s string) bool {
	if !n.Valid || n.Key == 0 {
		return n.Valid && s == n.longE164
	}
	// IsE164(s) but for the digits, which e164Key checks: it is 0, not
	// n.Key, for anything else.
	return len(s) >= 2 && s[0] == '+' && e164Key(s) == n.Key
}

// newValid is a valid number of E.164 text e164 whose digits make key.
func newValid(e164 string, key uint64, typ Type, cc int, region string) Number {
	n := Number{Valid: true, Key: key, Type: typ, CallingCode: cc, Region: region}
	if key == 0 {
		n.longE164 = e164
	}
	return n
}

// IsMobile reports whether the number can receive messages on a mobile
// line: its type is MOBILE or FIXED_LINE_OR_MOBILE.
func (n Number) IsMobile() bool {
	return n.Type == phonenumbers.MOBILE || n.Type == phonenumbers.FIXED_LINE_OR_MOBILE
}

// TypeName is the lower-case name of a number type, for messages.
func TypeName(t Type) string {
	switch t {
	case phonenumbers.FIXED_LINE:
		return "fixed line"
	case phonenumbers.MOBILE:
		return "mobile"
	case phonenumbers.FIXED_LINE_OR_MOBILE:
		return "fixed line or mobile"
	case phonenumbers.TOLL_FREE:
		return "toll free"
	case phonenumbers.PREMIUM_RATE:
		return "premium rate"
	case phonenumbers.SHARED_COST:
		return "shared cost"
	case phonenumbers.VOIP:
		return "VoIP"
	case phonenumbers.PERSONAL_NUMBER:
		return "personal number"
	case phonenumbers.PAGER:
		return "pager"
	case phonenumbers.UAN:
		return "universal access number"
	case phonenumbers.VOICEMAIL:
		return "voicemail"
	}
	return "unknown"
}

// Parse normalises raw with region as the default for numbers written
// without a "+". Its answer is the library's (parseWithLibrary) for every
// input: common spellings take a fast path that replays the library's
// steps on precompiled metadata, everything else goes to the library.
func Parse(raw, region string) Number {
	s := Clean(raw)
	if region == "" && !hasPlus(s) {
		return Number{Problem: NoRegion, Type: phonenumbers.UNKNOWN}
	}
	if n, ok := parseFast(s, region); ok {
		return n
	}
	return parseTrimmedWithLibrary(s, region)
}

// parseWithLibrary is Parse done by nyaruka/phonenumbers alone: Parse,
// IsValidNumber, GetNumberType, GetRegionCodeForNumber and Format. It is
// the reference the fast path is tested against, and its fallback.
func parseWithLibrary(raw, region string) Number {
	s := Clean(raw)
	if region == "" && !hasPlus(s) {
		return Number{Problem: NoRegion, Type: phonenumbers.UNKNOWN}
	}
	return parseTrimmedWithLibrary(s, region)
}

func parseTrimmedWithLibrary(s, region string) Number {
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		return Number{Problem: parseProblem(err), Type: phonenumbers.UNKNOWN}
	}
	if !phonenumbers.IsValidNumber(num) {
		return Number{Problem: possibility(num), Type: phonenumbers.UNKNOWN, CallingCode: int(num.GetCountryCode())}
	}
	e164 := phonenumbers.Format(num, phonenumbers.E164)
	return newValid(e164, e164Key(e164), phonenumbers.GetNumberType(num), int(num.GetCountryCode()), phonenumbers.GetRegionCodeForNumber(num))
}

// Clean is a phone cell as every reading sees it, the one place a cell is
// cleaned: trimmed, with the invisible format characters (Unicode Cf) in
// it dropped: direction marks (U+200E, U+202A…U+202E) that phones and chat
// apps wrap copied numbers in, zero-width spaces, a stray BOM. The library
// reads some of them as "not a number", which would hide an opt-out behind
// a mark no one can see. The spaces the library does not take as
// punctuation become ASCII spaces (spaceOf). Only a cell with a non-ASCII
// byte is looked at: an ASCII number pays nothing. An Excel text formula,
// ="…", is read as its text (unformula). Readers that look at a cell's
// text themselves (its 00, whether it looks like a number) look at this.
func Clean(raw string) string {
	s := strings.TrimSpace(raw)
	if len(s) > 3 && s[0] == '=' {
		s = unformula(s)
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.TrimSpace(strings.Map(func(r rune) rune {
				if unicode.Is(unicode.Cf, r) {
					return -1
				}
				return spaceOf(r)
			}, s))
		}
	}
	return s
}

// unformula is the text of an Excel text formula, ="0712345678", which
// Excel shows as 0712345678: the idiom that keeps a number's leading 0 or
// + in a spreadsheet (and how some exports write phone cells). Anything
// else is s as it is.
func unformula(s string) string {
	if len(s) > 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' && !strings.Contains(s[2:len(s)-1], `"`) {
		return strings.TrimSpace(s[2 : len(s)-1])
	}
	return s
}

// spaceOf is ' ' for the spaces a spreadsheet or a locale puts between a
// number's digit groups that libphonenumber does not read as punctuation:
// the narrow no-break space U+202F (the French digit-group separator of
// Windows 10 and macOS), the thin space U+2009, the figure space U+2007,
// and the other fixed-width spaces (U+2000…U+200A, U+205F). It reads the
// no-break space U+00A0 and the ideographic space U+3000 itself. Any other
// rune is itself.
func spaceOf(r rune) rune {
	if r >= 0x2000 && r <= 0x200a || r == 0x202f || r == 0x205f {
		return ' '
	}
	return r
}

// e164Key is the digits of an E.164 number as an integer, 0 when they do
// not fit.
func e164Key(e164 string) uint64 {
	digits := e164[1:]
	if len(digits) > 19 { // may not fit
		k, err := strconv.ParseUint(digits, 10, 64)
		if err != nil {
			return 0
		}
		return k
	}
	// Read here: ParseUint costs several times more, for every row whose
	// number is written in E.164.
	var k uint64
	for i := 0; i < len(digits); i++ {
		c := digits[i] - '0'
		if c > 9 {
			return 0
		}
		k = k*10 + uint64(c)
	}
	return k
}

// hasPlus reports whether s starts, after any punctuation, with a plus sign
// (ASCII or full-width), the only way to write a number whose country is
// known without a region.
func hasPlus(s string) bool {
	for _, r := range s {
		switch {
		case r == '+' || r == '＋':
			return true
		case r >= '0' && r <= '9':
			return false
		}
	}
	return false
}

func parseProblem(err error) Problem {
	switch {
	case errors.Is(err, phonenumbers.ErrInvalidCountryCode):
		return BadCountryCode
	case errors.Is(err, phonenumbers.ErrTooShortNSN), errors.Is(err, phonenumbers.ErrTooShortAfterIDD):
		return TooShort
	case errors.Is(err, phonenumbers.ErrNumTooLong):
		return TooLong
	}
	return NotANumber
}

func possibility(num *phonenumbers.PhoneNumber) Problem {
	return problemOf(phonenumbers.IsPossibleNumberWithReason(num))
}

// problemOf words the library's possibility verdict on a number that is
// not valid.
func problemOf(v phonenumbers.ValidationResult) Problem {
	switch v {
	case phonenumbers.TOO_SHORT:
		return TooShort
	case phonenumbers.TOO_LONG:
		return TooLong
	case phonenumbers.INVALID_COUNTRY_CODE:
		return BadCountryCode
	case phonenumbers.INVALID_LENGTH:
		return InvalidLength
	}
	return NotAssigned
}

// IsE164 reports whether s is written in E.164: "+" then digits only.
func IsE164(s string) bool {
	if len(s) < 2 || s[0] != '+' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// RegionFromCountry reads a country cell: an ISO 3166 alpha-2 code any case
// ("ke", "KE"), a calling code ("+254", "254"), which names its main
// region, or a country's name or alpha-3 code ("Kenya", "KEN": see
// regionFromName). A two-letter code that stands for a region under
// another code is read as that region ("UK" is GB). ok is false when the
// cell names no region the metadata knows.
func RegionFromCountry(cell string) (region string, ok bool) {
	s := strings.TrimSpace(cell)
	if len(s) == 2 && isLetters(s) {
		r := strings.ToUpper(s)
		if IsRegion(r) {
			return r, true
		}
		if a, ok := regionFromAlias(r); ok {
			return a, true
		}
		return r, false
	}
	if hasLetter(s) {
		// Codes and calling codes are most of the cells and are read
		// above and below; only a name pays for the look-up.
		return regionFromName(s)
	}
	digits := strings.TrimPrefix(s, "+")
	cc, err := strconv.Atoi(digits)
	if err != nil || digits == "" || digits[0] == '0' || len(digits) > 3 {
		return "", false
	}
	r := phonenumbers.GetRegionCodeForCountryCode(cc)
	if r == "ZZ" || r == "001" {
		return "", false
	}
	return r, true
}

// hasLetter reports whether s holds an ASCII letter or any non-ASCII
// byte, which a country's name does and a calling code does not.
func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c >= 'a' && c <= 'z' || s[i] >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// IsRegion reports whether region is an upper-case ISO 3166 alpha-2 code
// that the phone metadata supports.
func IsRegion(region string) bool {
	// The tables hold every supported region (TestIsRegionMatchesLibrary);
	// indexing them is cheaper than hashing, and every row asks.
	if len(region) == 2 {
		return loadTables().lookup(region) != nil
	}
	return supportedRegions[region]
}

var supportedRegions = phonenumbers.GetSupportedRegions()

// CallingCode returns the calling code of a supported region, 0 otherwise.
func CallingCode(region string) int {
	// Every row with a country asks: the tables answer without the
	// library's map lookups.
	if ri := loadTables().lookup(region); ri != nil && ri.ok {
		return ri.cc
	}
	if !IsRegion(region) {
		return 0
	}
	return phonenumbers.GetCountryCodeForRegion(region)
}

// CallingCodeLen is the length of the calling code that digits (an E.164
// number without its "+") starts with: 1 when the metadata knows none of
// its first three prefixes. Calling codes are prefix-free, so the first
// match is the one.
func CallingCodeLen(digits string) int {
	t := loadTables()
	cc := 0
	for n := 1; n <= 3 && n < len(digits); n++ {
		cc = cc*10 + int(digits[n-1]-'0') // the first n digits, read as a code
		// A code the metadata knows ("001" ones too).
		if t.byCode[cc] != nil {
			return n
		}
	}
	return 1
}

// IsInternationalColumn reports whether a column of that header holds
// numbers in international form without the "+": MSISDNs and WhatsApp's
// wa_id are written so by definition ("254712345678"), whatever the row's
// country, and so is Brevo's SMS attribute, which Brevo accepts only with
// the country code ("919788824675", "+91 9788824675" or "0091…": Brevo's
// API changelog, "SMS number validation improved"). Brevo's WHATSAPP
// attribute is not: no Brevo document says it holds the country code, and
// a "whatsapp" column of other lists holds national numbers too.
func IsInternationalColumn(header string) bool {
	// Without allocating: it runs for every row of a list.
	if len(header) < 3 || len(header) > 12 {
		return false
	}
	var key [12]byte
	n := 0
	for i := 0; i < len(header); i++ {
		c := header[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		default:
			continue
		}
		key[n] = c
		n++
	}
	switch string(key[:n]) {
	case "msisdn", "waid", "sms":
		return true
	}
	return false
}

// WithPlus writes a cell of an international column (IsInternationalColumn)
// as the number it is: digits alone, not starting with 0, get their "+",
// and 00 and a country code is + and the rest (dialledOut: Brevo's SMS
// column takes 0033…), with or without a region. A mark or Excel's ="…"
// around the cell changes neither (Clean). Anything else is returned as it
// is, for Parse to judge.
func WithPlus(cell string) string {
	s := strings.TrimSpace(cell)
	if s != "" && s[0] != '0' && allDigits(s) {
		return "+" + s
	}
	// Only a cell that is not bare digits pays for Clean.
	if s = Clean(s); s != "" && s[0] != '0' && allDigits(s) {
		return "+" + s
	}
	if plus, ok := dialledOut(s); ok {
		return plus
	}
	return cell
}

// AsNational writes a cell read as a national number (from a column that
// is not IsInternationalColumn) so that an international column reads it
// as national too: bare digits, which WithPlus would give a "+", get a
// space after their first three ("123 4567"; "12 3"), and are read again
// as the same digits under the same region, to the same answer, valid or
// not. Anything else is returned as it is: a cell with spaces, dashes or
// a leading 0 is national in any column. So are one or two digits, which
// the library reads as a number only when bare, and which are no number
// either way.
func AsNational(cell string) string {
	if WithPlus(cell) == cell {
		return cell
	}
	s := Clean(cell)
	if strings.HasPrefix(s, "00") {
		// "0 044…": no longer the 00 WithPlus reads, the same digits to
		// the library, which reads punctuation as nothing.
		return s[:1] + " " + s[1:]
	}
	if len(s) < 3 {
		return cell
	}
	at := min(3, len(s)-1)
	return s[:at] + " " + s[at:]
}
