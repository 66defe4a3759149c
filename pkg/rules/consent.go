package rules

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// hasConsentSource reports whether the contact's consent source records
// anything: "n/a", "-" or "none" records no source, as an empty cell
// (cellvalue.Placeholders). The consent rules and the scope rules, which
// leave a row without one to consent-missing, ask the same.
func hasConsentSource(c *Contact) bool {
	source := c.Rec.Values[domain.FieldConsentSource]
	return source != "" && !cellvalue.Placeholder(source)
}

// consentRules judge whether the sender can prove the contact opted in, and
// when.
type consentRules struct{}

func (consentRules) check(c *Contact, e *emitter, k *Checker) {
	source := c.Rec.Values[domain.FieldConsentSource]
	if !hasConsentSource(c) {
		switch {
		case source != "":
			if r, ok := e.raise(refConsentMissing); ok {
				e.cellOf(r, domain.FieldConsentSource, "no consent source: "+strconv.Quote(strings.TrimSpace(source))+" records nothing of how this contact opted in")
			}
		case c.Rec.Columns.Has(domain.FieldConsentSource):
			e.cell(refConsentMissing, domain.FieldConsentSource, "no consent source: nothing records how this contact opted in")
		default:
			// A vCard, or an export with no consent column: say so plainly.
			e.cell(refConsentMissing, domain.FieldConsentSource, "the file has no consent source column: nothing records how this contact opted in")
		}
	} else {
		if c.ConsentAt.IsZero() {
			e.cell(refConsentDateMissing, domain.FieldConsentAt, "a consent source but no consent date: when the contact opted in cannot be shown")
		}
		if r, ok := e.raiseIf(len(k.sources) > 0 && !k.sources[normaliseSource(source)], refConsentSourceUnknown); ok {
			e.cellOf(r, domain.FieldConsentSource, fmt.Sprintf("consent source %q is not one the policy allows (%s)", source, strings.Join(k.Policy.ConsentSources, ", ")))
		}
	}
	for i, name := range k.Policy.ConsentRequire {
		f := domain.Evidence(i)
		if strings.TrimSpace(c.Rec.Values[f]) != "" {
			continue
		}
		r, ok := e.raise(refConsentEvidenceIncomplete)
		if !ok {
			continue
		}
		if c.Rec.Columns[f] == "" {
			e.cellOf(r, f, fmt.Sprintf("no %s column: the consent evidence the policy requires is missing", name))
			// The finding is about the column the policy names: reports
			// show it, masked as a header is when it holds a number or
			// an address, in the message too.
			e.out[len(e.out)-1].Column = name
		} else {
			e.cellOf(r, f, fmt.Sprintf("%s is empty: the consent evidence the policy requires is missing", c.Rec.Columns[f]))
		}
	}
	if c.ConsentAt.IsZero() {
		return
	}
	k.consentExpired(c, e)
	// A consent after an opt-out is a re-opt-in; the opt-out rules judge it.
	reOptIn := !c.OptedOutAt.IsZero() && c.OptedOutAt.Before(c.ConsentAt)
	if reOptIn {
		return
	}
	if !c.LastContactedAt.IsZero() && c.ConsentAt.After(c.LastContactedAt) {
		if r, ok := e.raise(refConsentAfterContact); ok {
			e.cellOf(r, domain.FieldConsentAt, e.text("consent given ").date(c.ConsentAt).s(", after the contact was messaged on ").date(c.LastContactedAt).String())
		}
		return
	}
	if early := sendlog.Between(k.sends(c), math.MinInt64, c.ConsentAt.Unix()); len(early) > 0 {
		if r, ok := e.raise(refConsentAfterContact); ok {
			e.cellOf(r, domain.FieldConsentAt, e.text("consent given ").date(c.ConsentAt).s(", after the contact was messaged on ").date(unixTime(early[0])).s(" (send log)").String())
		}
	}
}

// consentExpired fires when consent is older than the policy's maximum
// age or, when the policy applies the built-in table, than the age the
// row's jurisdictions give its consent type: the stricter of the two.
func (k *Checker) consentExpired(c *Contact, e *emitter) {
	maxAge := k.Policy.ConsentMaxAge
	if j := c.Jurisdiction; j != nil {
		if age, ok := j.ConsentAge(c.ConsentType); ok {
			if deadline := age.Age.Deadline(c.ConsentAt); deadline.Before(c.ConsentAt.Add(maxAge.Std())) {
				if r, ok := e.raiseIf(k.Now.After(deadline), refConsentExpired); ok {
					e.cellOf(r, domain.FieldConsentAt, jurisdictionAge(e.text("consent given "), c, k.Now, age).String())
				}
				return
			}
		}
	}
	if r, ok := e.raiseIf(c.ConsentAt.Before(k.expiredBefore), refConsentExpired); ok { // Now.Sub(ConsentAt) > maxAge
		e.cellOf(r, domain.FieldConsentAt, k.memo.timeMessage(e, memoExpired, c.ConsentAt, func(t *text) {
			t.s("consent given ").date(c.ConsentAt).s(" is ").ageIn(c.ConsentAt, k.Now, k.texts.expired).s(k.texts.expiredTail)
		}))
	}
}

// jurisdictionAge words consent older than its jurisdiction's age:
// "… is 200 days old, older than 6 months for implied_inquiry consent in
// CA (CASL s.10(10)(e))".
func jurisdictionAge(t *text, c *Contact, now time.Time, age jurisdiction.AppliedAge) *text {
	unit := age.Age.Duration
	if unit == 0 {
		unit = domain.Duration(24 * time.Hour) // months are counted in days
	}
	t.date(c.ConsentAt).s(" is ").age(c.ConsentAt, now, unit).s(" old, older than ").s(age.Age.String())
	if c.ConsentType != domain.ConsentTypeNone {
		t.s(" for ").s(c.ConsentType.String()).s(" consent")
	}
	return t.s(" in ").s(age.Code).s(" (").s(age.Source.Short()).s(")").s(jurisdiction.StrictestOf(age.Of))
}

// normaliseSource compares consent sources without regard to case or
// surrounding space: "Web_Form " is web_form.
func normaliseSource(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
