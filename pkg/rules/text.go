package rules

import (
	"strconv"
	"time"
	"unsafe"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/pii"
)

// text builds the message of a rule that fires on a large share of rows:
// fmt, with its boxed arguments and intermediate strings, cost more than
// the rules themselves on a list of a million rows. Each method appends
// and returns the builder, so a message reads left to right.
type text struct {
	b []byte
	// free is the unused end of the block messages are kept in. A message
	// is built there and handed out as a string of those very bytes, never
	// written again: a million messages cost a few thousand allocations,
	// not a million.
	free []byte
}

// textBlock is the size of the blocks messages are kept in; a block is
// left for a new one when less than textSpare is free.
const (
	textBlock = 32 << 10
	textSpare = 256
)

// text starts a message in the emitter's block.
func (e *emitter) text(s string) *text {
	if cap(e.msg.free) < textSpare {
		e.msg.free = make([]byte, 0, textBlock)
	}
	e.msg.b = append(e.msg.free[:0], s...)
	return &e.msg
}

func (t *text) s(v string) *text { t.b = append(t.b, v...); return t }

// q appends v quoted as %q does.
func (t *text) q(v string) *text { t.b = strconv.AppendQuote(t.b, v); return t }

func (t *text) e164(n phone.Number) *text { t.b = n.AppendE164(t.b); return t }

// masked appends a valid number masked as reports mask numbers
// (pii.MaskNumber): a message of the phone field is shown as written.
func (t *text) masked(n phone.Number) *text { t.b = pii.AppendMaskedNumber(t.b, n.E164()); return t }

func (t *text) channels(c domain.Channels) *text { t.b = c.Append(t.b); return t }

func (t *text) purposes(p domain.Purposes) *text { t.b = p.Append(t.b); return t }

// optOutNote appends what appendOptOutNote says.
func (t *text) optOutNote(chans, channel domain.Channels, scope domain.OptOutScope) *text {
	t.b = appendOptOutNote(t.b, chans, channel, scope)
	return t
}

func (t *text) n(v int) *text { t.b = strconv.AppendInt(t.b, int64(v), 10); return t }

// date appends a time as cellvalue.FormatDate writes it.
func (t *text) date(v time.Time) *text { t.b = cellvalue.AppendDate(t.b, v); return t }

// age appends how long before to from was, past a limit it exceeds, in
// the unit the limit is written in (days for 730d, hours for 36h). Whole
// units that do not exceed the limit get "more than": 730 days and 23
// hours against 730d is "more than 730 days", not "730 days". It counts in
// seconds: a time.Duration ends at 292 years.
func (t *text) age(from, to time.Time, limit domain.Duration) *text {
	return t.ageIn(from, to, scaleOf(limit))
}

// ageScale is the unit age counts in for one limit.
type ageScale struct {
	limit, unit int64 // in seconds
	one, many   string
}

// scaleOf is the unit age counts in past limit: found once for each of
// the policy's limits (policyTexts), not for each message.
func scaleOf(limit domain.Duration) ageScale {
	lim := int64(time.Duration(limit) / time.Second)
	unit, name := int64(24*60*60), "day"
	for _, u := range []struct {
		secs int64
		name string
	}{{60 * 60, "hour"}, {60, "minute"}, {1, "second"}} {
		if lim%unit == 0 {
			break
		}
		unit, name = u.secs, u.name
	}
	return ageScale{limit: lim, unit: unit, one: " " + name, many: " " + name + "s"}
}

// ageIn is age, in the unit of a limit's scale.
func (t *text) ageIn(from, to time.Time, a ageScale) *text {
	secs := to.Unix() - from.Unix()
	if to.Nanosecond() < from.Nanosecond() {
		secs--
	}
	n := secs / a.unit
	if n*a.unit <= a.limit {
		t.s("more than ")
	}
	t.b = strconv.AppendInt(t.b, n, 10)
	if n == 1 {
		return t.s(a.one)
	}
	return t.s(a.many)
}

// policyTexts are the parts of the most frequent messages that only the
// policy sets, written once for a Checker rather than for each of
// millions of findings.
type policyTexts struct {
	// expired and stale are the scales of consent-expired's and stale's
	// ages; expiredTail, staleTail and overTail end consent-expired's,
	// stale's and over-messaged's (from the messages_sent column)
	// messages.
	expired, stale                   ageScale
	expiredTail, staleTail, overTail string
}

func newPolicyTexts(p *domain.Policy) policyTexts {
	return policyTexts{
		expired:     scaleOf(p.ConsentMaxAge),
		stale:       scaleOf(p.StaleAfter),
		expiredTail: " old, older than " + p.ConsentMaxAge.String(),
		staleTail:   " ago, stale after " + p.StaleAfter.String() + ")",
		overTail:    " messages sent in the last " + p.MessageWindow.String() + ", more than the cap of " + strconv.Itoa(p.MaxMessages),
	}
}

// policy appends a policy duration as written in the policy ("730d").
func (t *text) policy(d domain.Duration) *text { t.b = d.Append(t.b); return t }

// copied ends the message as a string of its own: the block's bytes are
// left free for the next message.
func (t *text) copied() string {
	s := string(t.b)
	t.b = nil
	return s
}

// String ends the message: its bytes are kept as they are, and the next
// message starts after them (in a new array when append has moved this
// one's).
func (t *text) String() string {
	if len(t.b) == 0 {
		return ""
	}
	s := unsafe.String(&t.b[0], len(t.b))
	t.free = t.b[len(t.b):]
	t.b = nil
	return s
}
