package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// phoneRules judge the phone cell: present, not mangled by a spreadsheet,
// valid, written in E.164, a mobile line, and consistent with the row's
// country.
type phoneRules struct{}

func (phoneRules) check(c *Contact, e *emitter, k *Checker) {
	raw := c.Rec.Values[domain.FieldPhone]
	if raw == "" {
		if c.placeholder == "" {
			e.cell(refPhoneMissing, domain.FieldPhone, "the phone number is empty")
		} else if r, ok := e.raise(refPhoneMissing); ok {
			e.cellOf(r, domain.FieldPhone, e.text("the phone cell holds ").q(c.placeholder).s(", a placeholder for no number").String())
		}
		return
	}
	n := c.Number
	if c.damage.message != "" {
		// The damage finding replaces phone-invalid and phone-not-e164:
		// both would only describe the mangled text again (excel.go).
		e.cell(refPhoneExcelDamaged, domain.FieldPhone, c.damage.message)
		if !n.Valid {
			return
		}
		checkNumber(c, e, n)
		if c.Rec.PhoneAsWritten != "" {
			checkAsWritten(c, e, k, n)
		}
		return
	}
	if !n.Valid {
		if r, ok := e.raise(refPhoneInvalid); ok {
			e.cellOf(r, domain.FieldPhone, invalidMessage(c, e, n, k.phones))
		}
		return
	}
	if c.Rec.PhoneAsWritten != "" { // only a file with a phone_e164 column
		checkAsWritten(c, e, k, n)
	}
	// A leading ' is the guard against formula injection that fix
	// --excel-safe writes (csvsafe) and Excel hides: its E.164 number
	// behind it is written in E.164, so fix's own output passes.
	if n.WrittenAs(raw) {
		c.phoneID = raw // the row's findings name the cell: CheckUnread need not ask again
	} else if !(len(raw) > 1 && raw[0] == '\'' && n.WrittenAs(raw[1:])) {
		e.cell(refPhoneNotE164, domain.FieldPhone, "not written in E.164 (+ and digits only); store it as its E.164 form")
	}
	checkNumber(c, e, n)
}

// checkNumber judges a valid number: its type and its country.
func checkNumber(c *Contact, e *emitter, n phone.Number) {
	if r, ok := e.raiseIf(!n.IsMobile(), refPhoneNotMobile); ok {
		kind := phone.TypeName(n.Type)
		if !strings.HasSuffix(kind, "number") { // "personal number", "universal access number"
			kind += " number"
		}
		e.cellOf(r, domain.FieldPhone, e.text("a ").s(kind).s(", not mobile: it may not receive SMS or WhatsApp messages").String())
	}
	if c.Country != "" {
		cc := phone.CallingCode(c.Country)
		if r, ok := e.raiseIf(cc != n.CallingCode, refPhoneRegionMismatch); ok {
			e.cellOf(r, domain.FieldCountry, fmt.Sprintf("country %s has calling code +%d but the number has +%d (%s)", c.Country, cc, n.CallingCode, n.Region))
		}
	}
}

// checkAsWritten compares n, the row's phone_e164 number, with the phone
// as written beside it (Record.PhoneAsWritten), read with the row's region
// as n was. Only a valid number that is another one fires: spaces, a
// national form or a wa_id's digits without + are the same number, and a
// cell that is no valid number tells nothing of which cell is right.
func checkAsWritten(c *Contact, e *emitter, k *Checker, n phone.Number) {
	rec := c.Rec
	w := rec.PhoneAsWritten
	if n.WrittenAs(w) {
		return
	}
	region := k.regionOf(c)
	written := ReadNumber(k.phones, w, "", region) // the wa_id step follows
	if phone.IsInternationalColumn(rec.PhoneAsWrittenColumn) && !sameNumber(written, n) {
		// msisdn, wa_id: international without "+", unless fix wrote a
		// national number under it (a later input's phone as written).
		if m := k.phones.Normalise(phone.WithPlus(w), region); m.Valid {
			written = m
		}
	}
	if !written.Valid || sameNumber(written, n) {
		return
	}
	if n.Region != region {
		// A national form of a number of another country than the row's
		// region (06 12 34 56 78 beside +33612345678 on a --region KE
		// list, as a CRM stores the E.164 it derived from the contact's
		// country) is the same number, even where it is also one of the
		// region's.
		if m := k.phones.Normalise(w, n.Region); m.Valid && sameNumber(m, n) {
			return
		}
	}
	if r, ok := e.raise(refPhoneE164Mismatch); ok {
		e.cellOf(r, domain.FieldPhone, e.text("").s(rec.Columns[domain.FieldPhone]).s(" holds ").masked(n).
			s(" but ").s(rec.PhoneAsWrittenColumn).s(" holds another number, ").masked(written).
			s(": a sender reading ").s(rec.Columns[domain.FieldPhone]).
			s(" would message the first; correct the stale cell, or empty it (an empty ").
			s(rec.Columns[domain.FieldPhone]).s(" is read from ").s(rec.PhoneAsWrittenColumn).s(")").String())
	}
}

// sameNumber reports whether a and b, both valid, are one number.
func sameNumber(a, b phone.Number) bool {
	return a.Key == b.Key && (a.Key != 0 || a.E164() == b.E164())
}

// invalidMessage is phone-invalid's message: the problem, or, for a number
// without + on a row whose country cannot be read, that cell. It names
// the cell's column, not its text, which the value-invalid finding on the
// cell quotes (masked as that cell's). Bare digits that are a valid number
// of another country with a + before them (2348031234567 on a KE row) are
// one that lost its + or 00, as a spreadsheet or a CRM drops them: the
// message names that country (not the number, which no message quotes).
func invalidMessage(c *Contact, e *emitter, n phone.Number, phones *phone.Normaliser) string {
	if n.Problem == phone.NoRegion && c.countryUnread {
		return e.text("not a valid phone number: it has no + country code, and its row's country (").
			s(c.Rec.Columns[domain.FieldCountry]).
			s(") cannot be read; --region is not used for a row that names a country").String()
	}
	t := e.text("not a valid phone number: ").s(n.Problem.String())
	if n.Problem == phone.NotANumber || n.Problem == phone.NoRegion {
		return t.String()
	}
	if digits := strings.TrimSpace(c.Rec.Values[domain.FieldPhone]); isBareDigits(digits) {
		if m := phones.Normalise("+"+digits, ""); m.Valid {
			t.s("; with a + before it, it is a valid number of ").s(phone.RegionName(m.Region)).
				s(" (+").s(strconv.Itoa(m.CallingCode)).s("): if its + or 00 was lost, write it in E.164")
		}
	}
	return t.String()
}
