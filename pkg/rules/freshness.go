package rules

import (
	"github.com/listaudit/listaudit/pkg/domain"
)

// freshnessRules judge whether an entry is still current (storage
// limitation, accuracy).
type freshnessRules struct{}

func (freshnessRules) check(c *Contact, e *emitter, k *Checker) {
	latest, f := c.LastActiveAt, domain.FieldLastActiveAt
	if c.ConsentAt.After(latest) {
		latest, f = c.ConsentAt, domain.FieldConsentAt
	}
	if latest.IsZero() {
		return
	}
	if r, ok := e.raiseIf(latest.Before(k.staleBefore), refStale); ok { // Now.Sub(latest) > StaleAfter
		e.cellOf(r, f, k.memo.timeMessage(e, memoStale, latest, func(t *text) {
			t.s("no activity or consent since ").date(latest).s(" (").ageIn(latest, k.Now, k.texts.stale).s(k.texts.staleTail)
		}))
	}
}
