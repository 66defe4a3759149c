package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/phone"
)

// timingRules judge the planned send time (--send-at) against the
// recipient's local time: every zone a number may be in must be inside the
// sending window, and inside the window of each of the number's
// jurisdictions, on a day and a date they do not exclude, when the policy
// applies the built-in table.
type timingRules struct{}

func (timingRules) check(c *Contact, e *emitter, k *Checker) {
	at := k.Policy.SendAt
	if at.IsZero() || !c.Number.Valid {
		return
	}
	q := k.Policy.QuietHours
	j := c.Jurisdiction
	if j != nil && !j.HasWindow() {
		j = nil
	}
	var outside, clauses []string
	atEnd := domain.ClockTime(-1) // q.End when a zone is at the window's end
	for _, z := range phone.TimeZones(c.Number) {
		loc, ok := location(z)
		if !ok {
			continue
		}
		local := at.In(loc)
		t := domain.ClockTime(local.Hour()*60 + local.Minute())
		if q.Allows(t) && (j == nil || j.Allows(local, t)) {
			continue
		}
		outside = append(outside, fmt.Sprintf("%s in %s", local.Format("15:04"), z))
		if t == q.End {
			atEnd = t
		}
		if j != nil {
			for _, clause := range j.Outside(local, t, q) {
				if !slices.Contains(clauses, clause) {
					clauses = append(clauses, clause)
				}
			}
		}
	}
	r, ok := e.raiseIf(len(outside) > 0, refQuietHours)
	if !ok {
		return
	}
	msg := fmt.Sprintf("at the send time %s it is %s, ", at.UTC().Format(time.RFC3339), strings.Join(outside, ", "))
	if j == nil {
		msg += q.OutsideText(atEnd)
	} else {
		msg += strings.Join(clauses, "; ")
		if len(clauses) > 1 || (clauses[0] != q.OutsideText(-1) && clauses[0] != q.OutsideText(q.End)) {
			msg += jurisdiction.StrictestOf(j.WindowCodes())
		}
	}
	e.cellOf(r, domain.FieldPhone, msg)
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
