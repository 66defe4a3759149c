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
	var caps []jurisdiction.AppliedCap
	if c.Jurisdiction != nil {
		caps = c.Jurisdiction.Caps()
	}
	// The send log, where it has the number, counts better than a column.
	if sends := k.sends(c); len(sends) > 0 {
		sendLogCaps(e, sends, k.Policy, caps)
		return
	}
	limit := k.Policy.MaxMessages
	if r, ok := e.raiseIf(c.HasMessagesSent && c.MessagesSent > limit, refOverMessaged); ok {
		e.cellOf(r, domain.FieldMessagesSent, overMessaged(c, e, k, caps))
	}
}

// overMessaged is over-messaged's message, from the messages_sent column.
func overMessaged(c *Contact, e *emitter, k *Checker, caps []jurisdiction.AppliedCap) string {
	build := func(t *text) {
		if c.MessagesSent == math.MaxInt { // more than an int holds: the cell says how many
			t.s(strings.TrimSpace(c.Rec.Values[domain.FieldMessagesSent]))
		} else {
			t.n(c.MessagesSent)
		}
		t.s(k.texts.overTail) // " messages sent in the last 30d, more than the cap of 4"
		columnCaps(t, k.Policy.MessageWindow, caps)
	}
	// Only the count decides the message, unless jurisdictions add caps
	// or the count is too large for an int.
	if len(caps) == 0 && c.MessagesSent != math.MaxInt {
		return k.memo.message(e, memoOverMessaged, int64(c.MessagesSent), 0, int64(c.MessagesSent), build)
	}
	t := e.text("")
	build(t)
	return t.String()
}

// sendLogCaps judges the send log's worst window against the policy's cap
// and each jurisdiction's: one finding names every cap exceeded.
func sendLogCaps(e *emitter, sends []int64, p domain.Policy, caps []jurisdiction.AppliedCap) {
	t := e.text("")
	if n, first, last := sendlog.WorstWindow(sends, p.MessageWindow.Std()); n > p.MaxMessages {
		t.n(n).s(" messages within ").policy(p.MessageWindow).s(" (send log, ").date(unixTime(first)).s(" to ").date(unixTime(last)).s("), more than the cap of ").n(p.MaxMessages)
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
		e.cell(refOverMessaged, domain.FieldPhone, t.String())
	}
}

// columnCaps says why a messages_sent column cannot judge the
// jurisdictions' caps: it counts one window, the policy's.
func columnCaps(t *text, window domain.Duration, caps []jurisdiction.AppliedCap) {
	if len(caps) == 0 {
		return
	}
	t.s("; the messages_sent column covers the last ").policy(window).s(" only, so ")
	for i, cp := range caps {
		if i > 0 {
			t.s(", ")
		}
		t.s("the cap of ").s(cp.String()).s(" of ").s(cp.Code)
	}
	t.s(" needs a send log (--messages)")
}
