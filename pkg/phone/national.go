package phone

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
)

// A number written without its country code ("07911 123456") is a
// national number, but of which country its text does not say: the one
// --region names is only a guess when a list has contacts of several.
// Evidence files match such numbers fail-closed: an entry counts for
// every valid number whose national form it can be. NationalKey and
// NationalKeys give the keys they are compared by.

// maxNationalDigits bounds the digits a NationalKey holds: a 1 and 18
// digits fit a uint64.
const maxNationalDigits = 18

// NationalKey is the key of the digits of raw, a cell written as a
// national number (no + and no letters: "07911 123456", "(020) 7946
// 0000"): 1 and the digits as an integer, so that leading zeros count
// ("0712…" and "712…" differ). It is 0 when raw has a plus, a character
// other than ASCII digits and the punctuation numbers are written with
// (space ( ) . - /), no digit, or more than 18.
func NationalKey(raw string) uint64 {
	s := Clean(raw)
	key, n := uint64(1), 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if n++; n > maxNationalDigits {
				return 0
			}
			key = key*10 + uint64(c-'0')
		case c == ' ' || c == '(' || c == ')' || c == '.' || c == '-' || c == '/':
		default:
			return 0
		}
	}
	if n == 0 {
		return 0
	}
	return key
}

// DialledOut writes a cell that starts with 00 and a country code as +
// and what follows: "0044 7911 123456" is +44 7911 123456 where 00 dials
// out, as in most countries, whatever a region's own prefix. The cell is
// looked at as Parse reads it (Clean), so a direction mark before the 00
// or Excel's ="…" around it is no other number than the same cell with +.
// ok is false for any other cell.
func DialledOut(cell string) (string, bool) {
	return dialledOut(Clean(cell))
}

// dialledOut is DialledOut of s, a cell already cleaned. The 00 is the
// number's first digits, where libphonenumber looks for a +: what comes
// before them (a spreadsheet's leading ' ) and after is kept, so that the
// same parse reads "'00254…" or "00254… ext. 5" as it reads "'+254…" or
// "+254… ext. 5". No country code starts with 0: 000… is not dialled out
// here (it is Kenya's own prefix, which libphonenumber reads with the
// region).
func dialledOut(s string) (string, bool) {
	i := strings.IndexFunc(s, func(r rune) bool { return r == '+' || r == '＋' || unicode.IsDigit(r) })
	if i < 0 {
		return "", false
	}
	rest, ok := cutZero(s[i:])
	if ok {
		rest, ok = cutZero(rest)
	}
	if !ok || rest == "" {
		return "", false
	}
	if _, third := cutZero(rest); third {
		return "", false
	}
	return s[:i] + "+" + rest, true
}

// cutZero cuts the zero s starts with, written in any digits
// libphonenumber reads as 0 (full-width ０, Arabic-Indic ٠ and ۰: its
// NormalizeDigitsOnly), so that "００２５４…" dials out as "00254…" does.
func cutZero(s string) (string, bool) {
	if rest, ok := strings.CutPrefix(s, "0"); ok {
		return rest, true
	}
	r, n := utf8.DecodeRuneInString(s)
	if r < utf8.RuneSelf || !unicode.IsDigit(r) || phonenumbers.NormalizeDigitsOnly(string(r)) != "0" {
		return s, false
	}
	return s[n:], true
}

// SeveralNumbers reports whether cell holds a number and, after a ';',
// digits of another: "0712345601;0712345602". libphonenumber reads such a
// cell as its first number, and the second would be lost without a word:
// in a suppression list, that person's opt-out. RFC 3966's parameters
// (";ext=5", ";isub=", ";phone-context=") are not another number.
func SeveralNumbers(cell string) bool {
	i := strings.IndexByte(cell, ';')
	if i < 0 || strings.IndexFunc(cell[:i], unicode.IsDigit) < 0 {
		return false
	}
	rest := cell[i+1:]
	param := strings.ToLower(strings.TrimSpace(rest))
	for _, p := range []string{"ext=", "isub=", "phone-context="} {
		if strings.HasPrefix(param, p) {
			return false
		}
	}
	digits := 0
	for _, r := range rest {
		if unicode.IsDigit(r) {
			digits++
		}
	}
	return digits >= 3
}

// NationalKeys appends to dst the NationalKeys of the ways a valid number
// is written nationally: its national significant number, then that
// number after each national (trunk) prefix of its region. The prefixes
// are libphonenumber's: the literal ones its national_prefix_for_parsing
// strips, else its national_prefix ("0" in KE, GB and FR, "8" in RU, "1"
// in NANP, "06" in HU; none in IT and ES, whose numbers are written
// without one, and whose national significant number keeps Italy's
// leading 0). Not covered: the digits a prefix rule rewrites (carrier
// codes in BR and CO, AR's mobile 15, local numbers without an area code)
// and a prefix that is a pattern rather than digits (BY's 80). It
// allocates nothing when dst has room for 4 keys.
func NationalKeys(dst []uint64, n Number) []uint64 {
	if !n.Valid || n.Key == 0 || n.CallingCode <= 0 {
		return dst
	}
	digits, pow := 0, uint64(1)
	for k := n.Key; k > 0; k /= 10 {
		digits++
	}
	for c := n.CallingCode; c > 0; c /= 10 {
		digits--
	}
	if digits <= 0 || digits > maxNationalDigits {
		return dst
	}
	for range digits {
		pow *= 10
	}
	nsn := n.Key % pow
	dst = append(dst, pow+nsn)
	ri := loadTables().lookup(n.Region)
	if ri == nil {
		return dst
	}
	for _, p := range ri.trunk {
		if digits+len(p) > maxNationalDigits {
			continue
		}
		key := uint64(1)
		for i := 0; i < len(p); i++ {
			key = key*10 + uint64(p[i]-'0')
		}
		dst = append(dst, key*pow+nsn)
	}
	return dst
}

// trunkPrefixes is the national prefixes of a region's metadata: the
// literal alternatives of its national prefix for parsing ("0|180020" in
// GB) when it has no transform rule, else its national prefix alone.
func trunkPrefixes(np, npfp, rule string) []string {
	var out []string
	if lits, ok := literalAlternatives(npfp); ok && npfp != "" && rule == "" {
		for _, l := range lits {
			if l != "" {
				out = append(out, l)
			}
		}
		return out
	}
	if _, ok := literalAlternatives(np); ok && np != "" {
		out = append(out, np)
	}
	return out
}
