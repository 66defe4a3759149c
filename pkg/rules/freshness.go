package rules

import (
	"fmt"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
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
	if age := k.Now.Sub(latest); age > k.Policy.StaleAfter.Std() {
		e.cell(Stale, f, fmt.Sprintf("no activity or consent since %s (%s ago, stale after %s)", cellvalue.FormatDate(latest), days(age), k.Policy.StaleAfter))
	}
}

// days writes an age in whole days, the unit policies are written in.
func days(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}
