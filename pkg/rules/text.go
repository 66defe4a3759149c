package rules

import (
	"strconv"
	"time"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
)

// text builds the message of a rule that fires on a large share of rows:
// fmt, with its boxed arguments and intermediate strings, cost more than
// the rules themselves on a list of a million rows. Each method appends
// and returns the builder, so a message reads left to right.
type text struct{ b []byte }

// text starts a message in the emitter's buffer.
func (e *emitter) text(s string) *text {
	e.msg.b = append(e.msg.b[:0], s...)
	return &e.msg
}

func (t *text) s(v string) *text { t.b = append(t.b, v...); return t }

// q appends v quoted as %q does.
func (t *text) q(v string) *text { t.b = strconv.AppendQuote(t.b, v); return t }

func (t *text) n(v int) *text { t.b = strconv.AppendInt(t.b, int64(v), 10); return t }

// date appends a time as cellvalue.FormatDate writes it.
func (t *text) date(v time.Time) *text { t.b = cellvalue.AppendDate(t.b, v); return t }

// days appends an age in whole days, the unit policies are written in.
func (t *text) days(d time.Duration) *text {
	n := int(d / (24 * time.Hour))
	if n == 1 {
		return t.s("1 day")
	}
	return t.n(n).s(" days")
}

// policy appends a policy duration as written in the policy ("730d").
func (t *text) policy(d domain.Duration) *text { t.b = d.Append(t.b); return t }

func (t *text) String() string { return string(t.b) }
