package rules

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// optOutRules judge whether an opt-out is honoured: an opted-out contact
// must not be on a send list nor have been messaged since.
type optOutRules struct{}

func (optOutRules) check(c *Contact, e *emitter, k *Checker) {
	if lists := k.onLists(c); len(lists) > 0 {
		noun := "list"
		if len(lists) > 1 {
			noun = "lists"
		}
		if r, ok := e.raise(refSuppressed); ok {
			e.cellOf(r, domain.FieldPhone, fmt.Sprintf("on the suppression %s %s: do not message this number", noun, strings.Join(lists, ", ")))
		}
	}
	reply, replied := k.optOutReply(c)
	if replied {
		if r, ok := e.raise(refSuppressed); ok {
			t := replyText(e.text("opted out by replying "), reply)
			if reply.Undated || reply.Ahead {
				t.s(": read as opted out to be safe")
			}
			e.cellOf(r, domain.FieldPhone, t.s(": do not message this number").String())
		}
	}
	optedOut(c, e, k)
	if !contactedAfterOptOut(c, e, k) && replied {
		contactedAfterReply(c, e, k, reply)
	}
}

// replyText appends an opt-out reply with its date and where the log
// holds it.
func replyText(t *text, o sendlog.OptOut) *text {
	t.q(o.Reply)
	switch {
	case o.Undated && o.Date == "":
		t.s(" with no date")
	case o.Undated:
		t.s(" on ").q(o.Date).s(", which cannot be read as a date")
	case o.Ahead:
		t.s(" on ").date(unixTime(o.At)).s(", a date after now")
	default:
		t.s(" on ").date(unixTime(o.At))
	}
	t.s(" (send log ").s(o.File).s(":").n(o.Line)
	if o.National {
		t.s(", from a number without a country code, which can be this one")
	}
	return t.s(")")
}

// confirmationWindow is how long after an opt-out reply one send may be
// its confirmation: the TCPA allows one text that confirms the opt-out,
// presumed timely within five minutes (47 CFR 64.1200(a)(12)).
const confirmationWindow = 5 * 60

// contactedAfterReply raises contacted-after-opt-out for a send in the log
// after the contact's opt-out reply, but the first within
// confirmationWindow when it may be the confirmation: it has no body, or
// one that reads as a confirmation (a promotion sent within the five
// minutes is not one). No consent lifts the reply: the log does not say
// what a later consent, or opt-in reply, was for.
func contactedAfterReply(c *Contact, e *emitter, k *Checker, o sendlog.OptOut) {
	late := sendlog.Between(k.sends(c), o.At, math.MaxInt64)
	if len(late) > 0 && late[0]-o.At <= confirmationWindow && k.Evidence.Sends.IsConfirmation(c.Number, late[0]) {
		late = late[1:]
	}
	if len(late) > 0 {
		if r, ok := e.raise(refContactedAfterOptOut); ok {
			t := e.text("messaged on ").date(unixTime(late[0])).s(" (send log")
			if at, ok := k.Evidence.Sends.SendLine(c.Number, late[0]); ok {
				t.s(" ").s(at.File).s(":").n(at.Line)
			}
			e.cellOf(r, domain.FieldPhone, replyText(t.s(") after opting out by replying "), o).String())
		}
	}
}

// optedOut raises opted-out for what the list's opt-out cells say.
func optedOut(c *Contact, e *emitter, k *Checker) {
	p := &k.Policy
	switch {
	case c.otherChannel:
		// Per-channel opt-outs, recorded for other channels than the
		// campaign's: not opted out of this one.
	case c.optOutUnread:
		if r, ok := e.raise(refOptedOut); ok {
			e.cellOf(r, domain.FieldOptedOut, e.text("read as opted out to be safe (").s(c.Rec.Columns[domain.FieldOptedOut]).s(" is ").q(c.Rec.Values[domain.FieldOptedOut]).s(", which cannot be read): remove the contact from send lists, or correct the cell").optOutNote(c.Channels, p.Channel, p.OptOutScope).String())
		}
	case c.optOutDateUnread:
		if r, ok := e.raise(refOptedOut); ok {
			e.cellOf(r, domain.FieldOptedOutAt, k.optOutDateMessage(c, e))
		}
	case c.OptedOutFlag:
		if r, ok := e.raise(refOptedOut); ok {
			e.cellOf(r, domain.FieldOptedOut, e.text("opted out (").s(c.Rec.Columns[domain.FieldOptedOut]).s(" is ").q(c.Rec.Values[domain.FieldOptedOut]).s("): remove the contact from send lists").optOutNote(c.Channels, p.Channel, p.OptOutScope).String())
		}
	case c.OptedOut():
		if r, ok := e.raise(refOptedOut); ok {
			e.cellOf(r, domain.FieldOptedOutAt, e.text("opted out on ").date(c.OptedOutAt).s(" with no later consent: remove the contact from send lists").optOutNote(c.Channels, p.Channel, p.OptOutScope).String())
		}
	}
}

// contactedAfterOptOut raises contacted-after-opt-out for a message after
// the list's opted_out_at, and says whether it did.
func contactedAfterOptOut(c *Contact, e *emitter, k *Checker) bool {
	if c.OptedOutAt.IsZero() {
		return false
	}
	// A message after the opt-out breaks it unless a consent came between
	// the opt-out and the message (a re-opt-in).
	// A message at the very time of a re-opt-in counts as covered by it,
	// as consent-after-contact counts it as not before the consent.
	until := time.Unix(math.MaxInt64/4, 0)
	if c.ConsentAt.After(c.OptedOutAt) {
		until = c.ConsentAt
	}
	if c.LastContactedAt.After(c.OptedOutAt) && c.LastContactedAt.Before(until) {
		if r, ok := e.raise(refContactedAfterOptOut); ok {
			e.cellOf(r, domain.FieldLastContactedAt, e.text("messaged on ").date(c.LastContactedAt).s(" after opting out on ").date(c.OptedOutAt).String())
		}
		return true
	}
	if late := sendlog.Between(k.sends(c), c.OptedOutAt.Unix(), until.Unix()); len(late) > 0 {
		if r, ok := e.raise(refContactedAfterOptOut); ok {
			e.cellOf(r, domain.FieldOptedOutAt, e.text("messaged on ").date(unixTime(late[0])).s(" (send log) after opting out on ").date(c.OptedOutAt).String())
		}
		return true
	}
	return false
}

// optOutDateMessage says why a contact whose opted_out_at cell could not
// be taken is held to be opted out, and how to have the date read.
func (k *Checker) optOutDateMessage(c *Contact, e *emitter) string {
	v := c.Rec.Values[domain.FieldOptedOutAt]
	t := e.text("read as opted out to be safe (").s(c.Rec.Columns[domain.FieldOptedOutAt]).s(" is ").q(v)
	_, err := k.dates.Parse(v)
	if err == nil {
		t.s(", a date after now")
	} else {
		t.s(", which cannot be read as a date")
	}
	t.s("): remove the contact from send lists, or correct the cell")
	if de, ok := err.(*cellvalue.DateError); ok && de.Hint != "" {
		pattern, other, _ := cellvalue.HintFlags(de.Hint)
		t.s(" (--date-format ").s(pattern)
		if other != "" {
			t.s(" or ").s(other)
		}
		t.s(" reads it)")
	}
	return t.optOutNote(c.Channels, k.Policy.Channel, k.Policy.OptOutScope).String()
}
