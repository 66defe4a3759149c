package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"github.com/listaudit/listaudit/pkg/phone"
)

// Excel damage (phone-excel-damaged, phone family). A spreadsheet that
// stores a phone number as a number mangles it in ways that no person
// types, so these shapes are damage whatever the file:
//
//   - scientific notation: 2.54712E+11 (a General-format cell too narrow
//     for its digits, exported as shown);
//   - a decimal tail of zeros: 254712345678.0 (a float written back out).
//
// A number cell also drops the leading + and 0 a number was typed with.
// Only a cell known to have been stored as a number (an XLSX number cell:
// Record.PhoneIsNumber) is judged for that, because in a text file digits
// without + are also how MSISDN and WhatsApp wa_id columns are written on
// purpose. Such a cell is damaged when its region makes the loss evident:
//
//   - lost +: the digits start with the calling code of the row's region
//     (country cell, else --region) and + and the digits are a valid number
//     of that code; without a region, when + and the digits are valid;
//   - lost 0: the region's national prefix is 0 and 0 and the digits are a
//     valid number of the region.
//
// The digits a scientific or decimal cell still holds exactly are judged
// the same way, to suggest the number. When the damage leaves the number
// recoverable, the contact's number becomes the recovered one, so
// duplicates, suppression lists and send logs still match it. A damaged
// cell gets phone-excel-damaged instead of phone-invalid and
// phone-not-e164 (the text is what is wrong, and the finding says so);
// phone-not-mobile and phone-region-mismatch still judge a recovered
// number.

// excelDamage is what the phone cell's damage is, if any.
type excelDamage struct {
	// message is the finding's text; "" means no damage.
	message string
	// number is the recovered number; Valid only when recoverable.
	number phone.Number
}

var (
	scientificRe = regexp.MustCompile(`^([+-]?)(\d+)(?:[.,](\d+))?[eE]\+?(\d{1,3})$`)
	decimalRe    = regexp.MustCompile(`^(\+?)(\d+)[.,]0+$`)
)

// reexport is the advice every damage message ends with.
const reexport = "format the phone column as text in the spreadsheet (or export it from the source system again) so numbers keep their + and every digit"

// excelDamageOf judges one phone cell. region is the row's region ("" when
// none); numeric says the cell was stored as a number.
func excelDamageOf(raw string, numeric bool, region string, phones *phone.Normaliser) excelDamage {
	if !mayBeExcelDamaged(raw, numeric) {
		return excelDamage{}
	}
	s := strings.TrimSpace(raw)
	// The byte checks keep the regexps off the cells that cannot match:
	// nearly every cell of every list.
	if hasEither(s, 'e', 'E') {
		if m := scientificRe.FindStringSubmatch(s); m != nil {
			return scientific(m, region, phones)
		}
	}
	if m := decimalMatch(s); m != nil {
		what := "the cell has a decimal tail: a spreadsheet stored the number as a number"
		if m[1] == "+" {
			n := phones.Normalise(m[1]+m[2], region)
			return damaged(what, n, "")
		}
		return recoverDigits(what, m[2], region, phones, true)
	}
	if numeric && isBareDigits(s) {
		return recoverDigits("the cell was stored as a number", s, region, phones, false)
	}
	return excelDamage{}
}

// mayBeExcelDamaged reports whether excelDamageOf can find damage in raw,
// before trimming it: a number cell, one that may end in a decimal tail
// (a decimal mark and zeros, decimalRe) or in white space TrimSpace would
// trim, or one in scientific notation, which ends in an e, an optional +
// and one to three digits (scientificRe). Every phone cell of every row is
// asked, and nearly every one answers no here.
func mayBeExcelDamaged(raw string, numeric bool) bool {
	if numeric || raw == "" {
		return numeric
	}
	if last := raw[len(raw)-1]; last <= ' ' || last >= utf8.RuneSelf {
		return true
	}
	i := len(raw)
	for i > 0 && raw[i-1] == '0' {
		i--
	}
	if i < len(raw) && i > 0 && (raw[i-1] == '.' || raw[i-1] == ',') {
		return true
	}
	for i := max(0, len(raw)-5); i < len(raw)-1; i++ {
		if raw[i]|0x20 == 'e' { // e or E
			return true
		}
	}
	return false
}

// scientific judges a cell in scientific notation.
func scientific(m []string, region string, phones *phone.Normaliser) excelDamage {
	intPart, frac := m[2], m[3]
	exp, _ := strconv.Atoi(m[4])
	shown := len(strings.TrimLeft(intPart+frac, "0"))
	switch {
	case m[1] == "-":
		return excelDamage{message: "the cell is a negative number in scientific notation, not a phone number; " + reexport}
	case exp < len(frac):
		return excelDamage{message: "the cell is in scientific notation and not a whole number: not a phone number; " + reexport}
	case exp > len(frac):
		total := len(strings.TrimLeft(intPart, "0")) + exp
		return excelDamage{message: fmt.Sprintf("the cell is in scientific notation, as a spreadsheet shows a number stored as a number: it keeps %d significant digits of a number of %d digits and the rest are lost, so the number cannot be recovered from this file; %s", shown, total, reexport)}
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	return recoverDigits("the cell is in scientific notation, as a spreadsheet shows a number stored as a number", digits, region, phones, true)
}

// recoverDigits judges the digits left of a number stored as a number: a lost +
// or a lost 0 the region makes evident. always says the cell is damaged
// even when neither is (its shape proves it); the number is then the
// digits read as written.
func recoverDigits(what, digits, region string, phones *phone.Normaliser, always bool) excelDamage {
	if n, ok := lostPlus(digits, region, phones); ok {
		return damaged(what, n, "the leading + was lost")
	}
	if n, ok := lostZero(digits, region, phones); ok {
		return damaged(what, n, "the leading 0 was lost")
	}
	if !always {
		return excelDamage{}
	}
	return damaged(what, phones.Normalise(digits, region), "")
}

func damaged(what string, n phone.Number, lost string) excelDamage {
	var b strings.Builder
	b.WriteString(what)
	if lost != "" {
		b.WriteString(" and ")
		b.WriteString(lost)
	}
	// Messages are not masked: the number itself is the finding's number,
	// which reports mask.
	if n.Valid {
		b.WriteString("; it is probably the number this finding names")
	} else {
		b.WriteString("; what is left is not a valid number")
		n = phone.Number{}
	}
	b.WriteString("; ")
	b.WriteString(reexport)
	return excelDamage{message: b.String(), number: n}
}

// lostPlus reads digits as an international number whose + was lost: with
// a region, only one of its calling code.
func lostPlus(digits, region string, phones *phone.Normaliser) (phone.Number, bool) {
	cc := ""
	if region != "" {
		cc = strconv.Itoa(phone.CallingCode(region))
		if !strings.HasPrefix(digits, cc) {
			return phone.Number{}, false
		}
	}
	n := phones.Normalise("+"+digits, region)
	if !n.Valid || cc != "" && strconv.Itoa(n.CallingCode) != cc {
		return phone.Number{}, false
	}
	return n, true
}

// lostZero reads digits as a national number of region whose trunk 0 was
// lost.
func lostZero(digits, region string, phones *phone.Normaliser) (phone.Number, bool) {
	if region == "" {
		return phone.Number{}, false
	}
	if phonenumbers.GetNddPrefixForRegion(region, true) != "0" {
		return phone.Number{}, false
	}
	n := phones.Normalise("0"+digits, region)
	return n, n.Valid
}

// decimalMatch matches decimalRe, skipping the cells it cannot match: a
// decimal tail ends in 0 and has a decimal mark.
func decimalMatch(s string) []string {
	if !strings.HasSuffix(s, "0") || !hasEither(s, '.', ',') {
		return nil
	}
	return decimalRe.FindStringSubmatch(s)
}

// hasEither reports whether s holds a or b. strings.ContainsAny builds a
// set of its characters on every call, and this runs on every phone cell.
func hasEither(s string, a, b byte) bool {
	return strings.IndexByte(s, a) >= 0 || strings.IndexByte(s, b) >= 0
}

// isBareDigits reports whether s is digits only, not starting with 0: how
// a number cell holding a phone number is written out.
func isBareDigits(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
