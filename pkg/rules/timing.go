package rules

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
)

// timingRules judge the planned send time (--send-at) against the
// recipient's local time: every zone a number may be in must be inside the
// sending window.
type timingRules struct{}

func (timingRules) check(c *Contact, e *emitter, k *Checker) {
	at := k.Policy.SendAt
	if at.IsZero() || !c.Number.Valid {
		return
	}
	q := k.Policy.QuietHours
	var outside []string
	for _, z := range phone.TimeZones(c.PhoneID()) {
		loc, ok := location(z)
		if !ok {
			continue
		}
		local := at.In(loc)
		if !q.Allows(domain.ClockTime(local.Hour()*60 + local.Minute())) {
			outside = append(outside, fmt.Sprintf("%s in %s", local.Format("15:04"), z))
		}
	}
	if len(outside) > 0 {
		e.cell(QuietHours, domain.FieldPhone, fmt.Sprintf("at the send time %s it is %s, outside the sending window %s",
			at.UTC().Format(time.RFC3339), strings.Join(outside, ", "), q))
	}
}

var locations sync.Map // zone name → *time.Location, or nil when unknown

// location loads a zone once; listaudit embeds the zone database, so this
// does not depend on the machine's.
func location(name string) (*time.Location, bool) {
	if v, ok := locations.Load(name); ok {
		loc, _ := v.(*time.Location)
		return loc, loc != nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = nil
	}
	locations.Store(name, loc)
	return loc, loc != nil
}
