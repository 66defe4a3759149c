package rules

import (
	"sync/atomic"
	"time"

	"github.com/listaudit/listaudit/pkg/phone"
	"github.com/listaudit/listaudit/pkg/sendlog"
	"github.com/listaudit/listaudit/pkg/suppress"
)

// Evidence is what files other than the list say about its numbers:
// suppression lists and send logs. Both are read before the list and only
// read afterwards, so workers share them.
type Evidence struct {
	Suppress []*suppress.List
	Sends    *sendlog.Log
	// replyRows counts the rows an opt-out reply in Sends opts out.
	replyRows atomic.Int64
}

// ReplyRows counts the rows checked so far whose number an opt-out reply
// of the send logs opts out.
func (ev *Evidence) ReplyRows() int { return int(ev.replyRows.Load()) }

// numberKey is a valid number's E.164 digits as an integer, the key that
// duplicates, suppression lists and send logs share.
func numberKey(n phone.Number) (uint64, bool) { return n.Key, n.Valid }

// sends returns the contact's send times from the send log (nil when there
// is no log or it has none for the number), with the sends written
// without a country code that can be the number.
func (k *Checker) sends(c *Contact) []int64 {
	if k.Evidence == nil || k.Evidence.Sends == nil {
		return nil
	}
	if _, ok := numberKey(c.Number); !ok {
		return nil
	}
	return k.Evidence.Sends.SendsTo(c.Number)
}

// optOutReply returns the contact's opt-out reply in the send log (an
// inbound STOP), the earliest; ok is false when there is none.
func (k *Checker) optOutReply(c *Contact) (o sendlog.OptOut, ok bool) {
	if k.Evidence == nil || k.Evidence.Sends == nil {
		return sendlog.OptOut{}, false
	}
	if _, valid := numberKey(c.Number); !valid {
		return sendlog.OptOut{}, false
	}
	o, ok = k.Evidence.Sends.OptOutOf(c.Number)
	if ok {
		k.Evidence.replyRows.Add(1)
	}
	return o, ok
}

// onLists names the suppression lists that hold the contact's number; a
// list that holds it only as an entry without a country code (which can
// be this number, and may be another country's) is named with that said.
func (k *Checker) onLists(c *Contact) []string {
	if k.Evidence == nil || len(k.Evidence.Suppress) == 0 {
		return nil
	}
	if _, ok := numberKey(c.Number); !ok {
		return nil
	}
	var names []string
	for _, l := range k.Evidence.Suppress {
		switch l.Match(c.Number) {
		case suppress.Exact:
			names = append(names, l.Path)
		case suppress.National:
			names = append(names, l.Path+" (as a number without a country code, which can be this one)")
		}
	}
	return names
}

func unixTime(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
