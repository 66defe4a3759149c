package rules

import (
	"fmt"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// optOutRules judge whether an opt-out is honoured: an opted-out contact
// must not be on a send list nor have been messaged since.
type optOutRules struct{}

func (optOutRules) check(c *Contact, e *emitter, _ *Checker) {
	switch {
	case c.OptedOutFlag:
		e.cell(OptedOut, domain.FieldOptedOut, fmt.Sprintf("opted out (%s is %q): remove the contact from send lists", c.Rec.Columns[domain.FieldOptedOut], c.Rec.Values[domain.FieldOptedOut]))
	case c.OptedOut():
		e.cell(OptedOut, domain.FieldOptedOutAt, fmt.Sprintf("opted out on %s with no later consent: remove the contact from send lists", cellvalue.FormatDate(c.OptedOutAt)))
	}
	if c.OptedOutAt.IsZero() || !c.LastContactedAt.After(c.OptedOutAt) {
		return
	}
	if c.ConsentAt.After(c.OptedOutAt) && c.ConsentAt.Before(c.LastContactedAt) {
		return // re-opted in before that message
	}
	e.cell(ContactedAfterOptOut, domain.FieldLastContactedAt, fmt.Sprintf("messaged on %s after opting out on %s", cellvalue.FormatDate(c.LastContactedAt), cellvalue.FormatDate(c.OptedOutAt)))
}
