package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// consentRules judge whether the sender can prove the contact opted in, and
// when.
type consentRules struct{}

func (consentRules) check(c *Contact, e *emitter, k *Checker) {
	source := c.Rec.Values[domain.FieldConsentSource]
	if source == "" {
		if c.Rec.Columns.Has(domain.FieldConsentSource) {
			e.cell(ConsentMissing, domain.FieldConsentSource, "no consent source: nothing records how this contact opted in")
		} else {
			// A vCard, or an export with no consent column: say so plainly.
			e.cell(ConsentMissing, domain.FieldConsentSource, "the file has no consent source column: nothing records how this contact opted in")
		}
	} else {
		if c.ConsentAt.IsZero() {
			e.cell(ConsentDateMissing, domain.FieldConsentAt, "a consent source but no consent date: when the contact opted in cannot be shown")
		}
		if len(k.sources) > 0 && !k.sources[normaliseSource(source)] {
			e.cell(ConsentSourceUnknown, domain.FieldConsentSource, fmt.Sprintf("consent source %q is not one the policy allows (%s)", source, strings.Join(k.Policy.ConsentSources, ", ")))
		}
	}
	for i, name := range k.Policy.ConsentRequire {
		f := domain.Evidence(i)
		if strings.TrimSpace(c.Rec.Values[f]) != "" {
			continue
		}
		if c.Rec.Columns[f] == "" {
			e.cell(ConsentEvidenceIncomplete, f, fmt.Sprintf("no %s column: the consent evidence the policy requires is missing", name))
		} else {
			e.cell(ConsentEvidenceIncomplete, f, fmt.Sprintf("%s is empty: the consent evidence the policy requires is missing", c.Rec.Columns[f]))
		}
	}
	if c.ConsentAt.IsZero() {
		return
	}
	maxAge := k.Policy.ConsentMaxAge.Std()
	if age := k.Now.Sub(c.ConsentAt); age > maxAge {
		e.cell(ConsentExpired, domain.FieldConsentAt, e.text("consent given ").date(c.ConsentAt).s(" is ").age(c.ConsentAt, k.Now, k.Policy.ConsentMaxAge).s(" old, older than ").policy(k.Policy.ConsentMaxAge).String())
	}
	// A consent after an opt-out is a re-opt-in; the opt-out rules judge it.
	reOptIn := !c.OptedOutAt.IsZero() && c.OptedOutAt.Before(c.ConsentAt)
	if reOptIn {
		return
	}
	if !c.LastContactedAt.IsZero() && c.ConsentAt.After(c.LastContactedAt) {
		e.cell(ConsentAfterContact, domain.FieldConsentAt, e.text("consent given ").date(c.ConsentAt).s(", after the contact was messaged on ").date(c.LastContactedAt).String())
		return
	}
	if early := sendlog.Between(k.sends(c), math.MinInt64, c.ConsentAt.Unix()); len(early) > 0 {
		e.cell(ConsentAfterContact, domain.FieldConsentAt, e.text("consent given ").date(c.ConsentAt).s(", after the contact was messaged on ").date(unixTime(early[0])).s(" (send log)").String())
	}
}

// normaliseSource compares consent sources without regard to case or
// surrounding space: "Web_Form " is web_form.
func normaliseSource(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
