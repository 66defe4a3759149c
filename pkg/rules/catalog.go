// Package rules holds listaudit's audit rules: the catalogue of their ids,
// severities and texts (the one source every report and command reads),
// and one file per rule family with the checks themselves.
package rules

import "github.com/listaudit/listaudit/pkg/domain"

// Rule ids. Reports, configuration and tests name rules by these.
const (
	PhoneMissing         = "phone-missing"
	PhoneInvalid         = "phone-invalid"
	PhoneNotE164         = "phone-not-e164"
	PhoneNotMobile       = "phone-not-mobile"
	PhoneRegionMismatch  = "phone-region-mismatch"
	ConsentMissing       = "consent-missing"
	ConsentDateMissing   = "consent-date-missing"
	ConsentExpired       = "consent-expired"
	ConsentAfterContact  = "consent-after-contact"
	OptedOut             = "opted-out"
	ContactedAfterOptOut = "contacted-after-opt-out"
	Stale                = "stale"
	Duplicate            = "duplicate"
	DuplicateConflict    = "duplicate-conflict"
	OverMessaged         = "over-messaged"
	DateInvalid          = "date-invalid"
	ValueInvalid         = "value-invalid"
	RowMalformed         = "row-malformed"
)

// Rule describes one rule for people: the catalogue behind `listaudit
// rules`, the README and every report's rule metadata.
type Rule struct {
	ID       string
	Severity domain.Severity
	Family   string
	// Summary is one line: what makes the rule fire.
	Summary string
	// Settings names the flags that change what the rule does.
	Settings []string
}

// Catalogue lists every rule in the order people read them: by family.
var Catalogue = []Rule{
	{PhoneMissing, domain.Error, "phone", "the phone cell is empty", nil},
	{PhoneInvalid, domain.Error, "phone", "the number does not parse or is not a valid number (too short, too long, bad country code, not a number, no region)", []string{"--region"}},
	{PhoneNotE164, domain.Warning, "phone", "the number is valid but not written in E.164 (+ and digits only)", nil},
	{PhoneNotMobile, domain.Warning, "phone", "the number is valid but its type is neither mobile nor fixed-line-or-mobile", nil},
	{PhoneRegionMismatch, domain.Warning, "phone", "the row's country has a different calling code from the number's", nil},
	{ConsentMissing, domain.Error, "consent", "the consent source is empty: nothing shows how the contact opted in", nil},
	{ConsentDateMissing, domain.Warning, "consent", "a consent source is given but no consent date", nil},
	{ConsentExpired, domain.Warning, "consent", "consent is older than the maximum consent age", []string{"--consent-max-age", "--now"}},
	{ConsentAfterContact, domain.Error, "consent", "consent is dated after the contact was last messaged (messaged before consent)", nil},
	{OptedOut, domain.Error, "opt-out", "the contact is opted out (opted_out is true, or opted_out_at with no later consent)", nil},
	{ContactedAfterOptOut, domain.Error, "opt-out", "the contact was messaged after opting out with no consent in between", nil},
	{Stale, domain.Warning, "freshness", "the latest activity or consent is older than the stale threshold", []string{"--stale-after", "--now"}},
	{Duplicate, domain.Warning, "duplicate", "the same number (after normalisation) is on an earlier row of any input", []string{"--region"}},
	{DuplicateConflict, domain.Error, "duplicate", "another row of the same number is opted out and this row has no later consent", nil},
	{OverMessaged, domain.Warning, "messaging", "messages sent in the message window exceed the cap", []string{"--max-messages", "--message-window"}},
	{DateInvalid, domain.Warning, "cells", "a date cell does not parse or lies after now (the cell then counts as empty)", []string{"--date-format", "--now"}},
	{ValueInvalid, domain.Warning, "cells", "a yes/no, count or country cell cannot be read (the cell then counts as empty)", nil},
	{RowMalformed, domain.Error, "cells", "the record cannot be read as a row of the header (field count, encoding, syntax)", nil},
}

var byID = func() map[string]*Rule {
	m := make(map[string]*Rule, len(Catalogue))
	for i := range Catalogue {
		m[Catalogue[i].ID] = &Catalogue[i]
	}
	return m
}()

// Lookup returns the rule with id.
func Lookup(id string) (*Rule, bool) {
	r, ok := byID[id]
	return r, ok
}
