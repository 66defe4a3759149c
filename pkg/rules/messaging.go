package rules

import (
	"fmt"
	"math"
	"strings"

	"github.com/listaudit/listaudit/pkg/cellvalue"
	"github.com/listaudit/listaudit/pkg/domain"
	"github.com/listaudit/listaudit/pkg/sendlog"
)

// messagingRules judge message frequency against the cap.
type messagingRules struct{}

func (messagingRules) check(c *Contact, e *emitter, k *Checker) {
	limit, window := k.Policy.MaxMessages, k.Policy.MessageWindow
	// The send log, where it has the number, counts better than a column.
	if sends := k.sends(c); len(sends) > 0 {
		n, first, last := sendlog.WorstWindow(sends, window.Std())
		if n > limit {
			e.cell(OverMessaged, domain.FieldPhone, fmt.Sprintf("%d messages within %s (send log, %s to %s), more than the cap of %d",
				n, window, cellvalue.FormatDate(unixTime(first)), cellvalue.FormatDate(unixTime(last)), limit))
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
		e.cell(OverMessaged, domain.FieldMessagesSent, count.s(" messages sent in the last ").policy(window).s(", more than the cap of ").n(limit).String())
	}
}
