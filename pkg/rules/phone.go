package rules

import (
	"fmt"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// phoneRules judge the phone cell: present, not mangled by a spreadsheet,
// valid, written in E.164, a mobile line, and consistent with the row's
// country.
type phoneRules struct{}

func (phoneRules) check(c *Contact, e *emitter, _ *Checker) {
	raw := c.Rec.Values[domain.FieldPhone]
	if raw == "" {
		if c.placeholder == "" {
			e.cell(PhoneMissing, domain.FieldPhone, "the phone number is empty")
		} else if r, ok := e.raise(PhoneMissing); ok {
			e.cellOf(r, domain.FieldPhone, e.text("the phone cell holds ").q(c.placeholder).s(", a placeholder for no number").String())
		}
		return
	}
	n := c.Number
	if c.damage.message != "" {
		// The damage finding replaces phone-invalid and phone-not-e164:
		// both would only describe the mangled text again (excel.go).
		e.cell(PhoneExcelDamaged, domain.FieldPhone, c.damage.message)
		if !n.Valid {
			return
		}
		checkNumber(c, e, n)
		return
	}
	if !n.Valid {
		if r, ok := e.raise(PhoneInvalid); ok {
			e.cellOf(r, domain.FieldPhone, invalidMessage(c, e, n))
		}
		return
	}
	if !n.WrittenAs(raw) {
		e.cell(PhoneNotE164, domain.FieldPhone, "not written in E.164 (+ and digits only); store it as its E.164 form")
	}
	checkNumber(c, e, n)
}

// checkNumber judges a valid number: its type and its country.
func checkNumber(c *Contact, e *emitter, n phone.Number) {
	if r, ok := e.raiseIf(!n.IsMobile(), PhoneNotMobile); ok {
		e.cellOf(r, domain.FieldPhone, e.text("a ").s(phone.TypeName(n.Type)).s(" number, not mobile: it may not receive SMS or WhatsApp messages").String())
	}
	if c.Country != "" {
		cc := phone.CallingCode(c.Country)
		if r, ok := e.raiseIf(cc != n.CallingCode, PhoneRegionMismatch); ok {
			e.cellOf(r, domain.FieldCountry, fmt.Sprintf("country %s has calling code +%d but the number has +%d (%s)", c.Country, cc, n.CallingCode, n.Region))
		}
	}
}

// invalidMessage is phone-invalid's message: the problem, or, for a number
// without + on a row whose country cannot be read, that cell. It names
// the cell's column, not its text, which the value-invalid finding on the
// cell quotes (masked as that cell's).
func invalidMessage(c *Contact, e *emitter, n phone.Number) string {
	if n.Problem == phone.NoRegion && c.countryUnread {
		return e.text("not a valid phone number: it has no + country code, and its row's country (").
			s(c.Rec.Columns[domain.FieldCountry]).
			s(") cannot be read; --region is not used for a row that names a country").String()
	}
	return "not a valid phone number: " + n.Problem.String()
}
