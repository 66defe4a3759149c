package rules

import (
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
)

// scopeRules judge whether the consent a row records covers the campaign
// the policy declares: its channel, its purpose and the business that
// sends it, and whether it was confirmed when the policy asks for double
// opt-in. A row with no consent at all is consent-missing's.
type scopeRules struct{}

func (scopeRules) check(c *Contact, e *emitter, k *Checker) {
	if !k.readsScope || !hasConsentSource(c) {
		return
	}
	p := &k.Policy
	var unknown []string
	if p.Channel != 0 {
		if c.Channels == 0 {
			unknown = append(unknown, "channel")
		} else if r, ok := e.raiseIf(c.Channels&p.Channel == 0, refConsentChannelMismatch); ok {
			e.cellOf(r, domain.FieldConsentChannel, e.text("consented to ").channels(c.Channels).
				s(", not to ").channels(p.Channel).s(", the campaign's channel").String())
		}
	}
	if p.Purpose != 0 {
		if c.Purposes == 0 {
			unknown = append(unknown, "purpose")
		} else if r, ok := e.raiseIf(c.Purposes&p.Purpose == 0, refConsentPurposeMismatch); ok {
			e.cellOf(r, domain.FieldConsentPurpose, e.text("consented to ").purposes(c.Purposes).
				s(" messages, not to ").purposes(p.Purpose).s(", the campaign's purpose").String())
		}
	}
	if p.Brand != "" {
		switch {
		case c.Brand != "" && !brandCovers(c.Brand, p.Brand):
			if r, ok := e.raise(refConsentBrandMismatch); ok {
				e.cellOf(r, domain.FieldConsentBrand, e.text("consent given to ").q(c.Brand).
					s(", not to ").q(p.Brand).s(", the sending brand").String())
			}
		case c.Brand == "" && c.Rec.Columns.Has(domain.FieldConsentBrand):
			// A list that records brands and not this row's: which business
			// the person agreed to hear from cannot be shown.
			unknown = append(unknown, "brand")
		}
	}
	if len(unknown) > 0 {
		scopeUnknown(c, e, unknown)
	}
	if p.RequireDoubleOptIn {
		unconfirmed(c, e)
	}
}

// scopeField is the column a scope-unknown finding points at.
var scopeField = map[string]domain.Field{
	"channel": domain.FieldConsentChannel, "purpose": domain.FieldConsentPurpose, "brand": domain.FieldConsentBrand,
}

func scopeUnknown(c *Contact, e *emitter, what []string) {
	r, ok := e.raise(refConsentScopeUnknown)
	if !ok {
		return
	}
	f := scopeField[what[0]]
	t := e.text("")
	if !c.Rec.Columns.Has(f) {
		t.s("the file has no consent ").s(what[0]).s(" column")
		if len(what) > 1 {
			t.s(" (nor ").s(strings.Join(what[1:], ", ")).s(")")
		}
	} else {
		t.s("no consent ").s(domain.OrList(what)).s(" recorded on this row")
	}
	e.cellOf(r, f, t.s(": whether the consent covers this campaign cannot be shown").String())
}

// unconfirmed raises consent-unconfirmed unless the row records when its
// consent was confirmed, no earlier than the consent itself.
func unconfirmed(c *Contact, e *emitter) {
	switch {
	case c.ConfirmedAt.IsZero() && c.ConsentType == domain.ConsentDoubleOptIn:
		e.cell(refConsentUnconfirmed, domain.FieldConsentConfirmedAt, "consent type double_opt_in but no confirmation date: the confirmation cannot be shown")
	case c.ConfirmedAt.IsZero():
		e.cell(refConsentUnconfirmed, domain.FieldConsentConfirmedAt, "no confirmation date: the policy requires double opt-in and this consent was not confirmed")
	case !c.ConsentAt.IsZero() && c.ConfirmedAt.Before(c.ConsentAt):
		if r, ok := e.raise(refConsentUnconfirmed); ok {
			e.cellOf(r, domain.FieldConsentConfirmedAt, e.text("confirmed on ").date(c.ConfirmedAt).
				s(", before the consent it confirms (").date(c.ConsentAt).s(")").String())
		}
	}
}

// brandCovers reports whether a brand cell (one brand, several separated
// by ; , or |, or a JSON array of them) names the sending brand, compared
// without regard to case or spacing.
func brandCovers(cell, brand string) bool {
	want := brandKey(brand)
	for _, b := range strings.FieldsFunc(cell, func(r rune) bool { return r == ';' || r == ',' || r == '|' }) {
		if brandKey(domain.SetItem(b)) == want {
			return true
		}
	}
	return false
}

func brandKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// optOutCovers reports whether a row's opt-out stops the campaign: always
// with global opt-outs (the default); with per-channel ones, unless the row
// records channels and none is the campaign's.
func (k *Checker) optOutCovers(c *Contact) bool {
	p := &k.Policy
	return p.OptOutScope != domain.OptOutPerChannel || p.Channel == 0 || c.Channels == 0 || c.Channels&p.Channel != 0
}
