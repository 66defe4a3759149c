package rules

import (
	"math"
	"strings"

	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/jurisdiction"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// messagingRules judge message frequency against the cap, and against
// the caps of the number's jurisdictions when the policy applies the
// built-in table.
type messagingRules struct{}

func (messagingRules) check(c *Contact, e *emitter, k *Checker) {
	limit, window := k.Policy.MaxMessages, k.Policy.MessageWindow
	var caps []jurisdiction.AppliedCap
	if c.Jurisdiction != nil {
		caps = c.Jurisdiction.Caps()
	}
	// The send log, where it has the number, counts better than a column.
	if sends := k.sends(c); len(sends) > 0 {
		t := e.text("")
		if n, first, last := sendlog.WorstWindow(sends, window.Std()); n > limit {
			t.n(n).s(" messages within ").policy(window).s(" (send log, ").date(unixTime(first)).s(" to ").date(unixTime(last)).s("), more than the cap of ").n(limit)
		}
		for _, cp := range caps {
			if n, first, last := sendlog.WorstWindow(sends, cp.Per.Std()); n > cp.Max {
				if len(t.b) > 0 {
					t.s("; ")
				}
				t.n(n).s(" messages within ").s(cp.PerText()).s(" (send log, ").date(unixTime(first)).s(" to ").date(unixTime(last)).s("), more than the cap of ").n(cp.Max).
					s(" of ").s(cp.Code).s(" (").s(cp.Source.Short()).s(")")
			}
		}
		if len(t.b) > 0 {
			e.cell(OverMessaged, domain.FieldPhone, t.String())
		}
		return
	}
	if c.HasMessagesSent && c.MessagesSent > limit {
		count := e.text("")
		if c.MessagesSent == math.MaxInt { // more than an int holds: the cell says how many
			count.s(strings.TrimSpace(c.Rec.Values[domain.FieldMessagesSent]))
		} else {
			count.n(c.MessagesSent)
		}
		count.s(" messages sent in the last ").policy(window).s(", more than the cap of ").n(limit)
		for i, cp := range caps {
			// The column counts one window, the policy's: a jurisdiction's
			// cap over another window cannot be judged from it.
			if i == 0 {
				count.s("; the messages_sent column covers the last ").policy(window).s(" only, so ")
			} else {
				count.s(", ")
			}
			count.s("the cap of ").s(cp.String()).s(" of ").s(cp.Code)
		}
		if len(caps) > 0 {
			count.s(" needs a send log (--messages)")
		}
		e.cell(OverMessaged, domain.FieldMessagesSent, count.String())
	}
}
