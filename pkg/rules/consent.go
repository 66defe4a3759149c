package rules

import (
	"fmt"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// consentRules judge whether the sender can prove the contact opted in, and
// when.
type consentRules struct{}

func (consentRules) check(c *Contact, e *emitter, k *Checker) {
	if c.Rec.Values[domain.FieldConsentSource] == "" {
		e.cell(ConsentMissing, domain.FieldConsentSource, "no consent source: nothing records how this contact opted in")
	} else if c.ConsentAt.IsZero() {
		e.cell(ConsentDateMissing, domain.FieldConsentAt, "a consent source but no consent date: when the contact opted in cannot be shown")
	}
	if c.ConsentAt.IsZero() {
		return
	}
	maxAge := k.Policy.ConsentMaxAge.Std()
	if age := k.Now.Sub(c.ConsentAt); age > maxAge {
		e.cell(ConsentExpired, domain.FieldConsentAt, fmt.Sprintf("consent given %s is %s old, older than %s", cellvalue.FormatDate(c.ConsentAt), days(age), k.Policy.ConsentMaxAge))
	}
	// A consent after an opt-out is a re-opt-in; the opt-out rules judge it.
	reOptIn := !c.OptedOutAt.IsZero() && c.OptedOutAt.Before(c.ConsentAt)
	if !c.LastContactedAt.IsZero() && c.ConsentAt.After(c.LastContactedAt) && !reOptIn {
		e.cell(ConsentAfterContact, domain.FieldConsentAt, fmt.Sprintf("consent given %s, after the contact was messaged on %s", cellvalue.FormatDate(c.ConsentAt), cellvalue.FormatDate(c.LastContactedAt)))
	}
}
